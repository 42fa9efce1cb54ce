namespace ProtectedActions.Diagnostics;

/// <summary>
/// Every log event id of the core package, in one place: 1000–1999 configuration, 2000–2099 decisions.
/// docs/logging.md lists each with its level, message and what to do; a test fails when an id is used in
/// source but not listed there.
/// </summary>
internal static class LogEventIds
{
    /// <summary>A configuration version became active (start-up or reload).</summary>
    public const int ConfigurationActivated = 1000;

    /// <summary>A reloaded configuration was invalid; the last good one stays active.</summary>
    public const int ConfigurationReloadRejected = 1001;

    /// <summary>The active configuration has a warning (one event per warning).</summary>
    public const int ConfigurationWarning = 1002;

    /// <summary>The audit record of one protected-action decision.</summary>
    public const int ProtectedActionAudit = 2000;
}
