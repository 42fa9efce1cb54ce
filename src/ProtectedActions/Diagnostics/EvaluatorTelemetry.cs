using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ProtectedActions.Diagnostics;

/// <summary>Metrics, traces and audit events of the evaluator. Cheap when nobody listens.</summary>
internal sealed class EvaluatorTelemetry
{
    internal static readonly ActivitySource Source = new(ProtectedActionsTelemetry.ActivitySourceName);
    private readonly Counter<long>? _decisions;
    private readonly Histogram<double>? _duration;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;

    public EvaluatorTelemetry(IMeterFactory? meterFactory, ILogger? logger, TimeProvider time)
    {
        _time = time;
        _logger = logger ?? NullLogger.Instance;
        if (meterFactory is not null)
        {
            var meter = meterFactory.Create(ProtectedActionsTelemetry.MeterName);
            _decisions = meter.CreateCounter<long>(ProtectedActionsTelemetry.DecisionsCounterName, "{decision}", "Protected-action decisions by outcome and context");
            _duration = meter.CreateHistogram<double>(ProtectedActionsTelemetry.DurationHistogramName, "s", "Time to evaluate a protected action");
        }
    }

    public static EvaluatorTelemetry None { get; } = new(null, null, TimeProvider.System);

    public long Start() => _duration?.Enabled == true ? _time.GetTimestamp() : 0;

    public void Record(ProtectedActionDecision decision, long started)
    {
        if (_decisions?.Enabled == true)
        {
            _decisions.Add(1, new KeyValuePair<string, object?>("outcome", Names.Of(decision.Outcome)),
                new KeyValuePair<string, object?>("context", decision.AuthenticationContextId ?? "none"));
        }

        if (started != 0 && _duration is not null)
        {
            _duration.Record(_time.GetElapsedTime(started).TotalSeconds,
                new KeyValuePair<string, object?>("outcome", Names.Of(decision.Outcome)));
        }

        // Every protected action is audited: allowed (and whether the token's acrs or the policies satisfied it),
        // step-up and denied. A permission that no context protects is not a protected action: not audited.
        if (decision.SatisfiedBy != SatisfiedBy.NotProtected && _logger.IsEnabled(LogLevel.Information))
        {
            var policies = decision.Outcome == ProtectedActionOutcome.Allowed
                ? ""
                : string.Join(",", decision.Policies.Where(p => p.Applies && p.Satisfied == false && p.State == PolicyState.Enabled).Select(p => p.Id));
#pragma warning disable CA1873 // guarded by IsEnabled above
            Log.Audit(_logger, decision.Permission, decision.AuthenticationContextId ?? "none", Names.Of(decision.Outcome),
                Names.Of(decision.SatisfiedBy) ?? "none", policies, Activity.Current?.TraceId.ToString() ?? "");
#pragma warning restore CA1873
        }
    }
}
