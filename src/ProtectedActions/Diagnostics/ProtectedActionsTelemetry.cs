namespace ProtectedActions;

/// <summary>Names of the library's telemetry sources, for subscribing with OpenTelemetry or <c>MeterListener</c>.</summary>
public static class ProtectedActionsTelemetry
{
    /// <summary>The meter name: <c>ProtectedActions</c>.</summary>
    public const string MeterName = "ProtectedActions";

    /// <summary>The activity source name: <c>ProtectedActions</c>.</summary>
    public const string ActivitySourceName = "ProtectedActions";

    /// <summary>Counter of decisions, tagged <c>outcome</c> and <c>context</c>.</summary>
    public const string DecisionsCounterName = "protected_actions.decisions";

    /// <summary>Histogram of evaluation durations in seconds.</summary>
    public const string DurationHistogramName = "protected_actions.evaluation.duration";
}
