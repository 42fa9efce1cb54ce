using Microsoft.Extensions.Logging;

namespace ProtectedActions.Diagnostics;

/// <summary>Log events with stable ids (<see cref="LogEventIds"/>, documented in docs/logging.md). Never tokens or claim values.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = LogEventIds.ConfigurationActivated, EventName = "ConfigurationActivated", Level = LogLevel.Information,
        Message = "Protected-actions configuration version {Version} is active ({Errors} errors, {Warnings} warnings)")]
    public static partial void ConfigurationActivated(ILogger logger, long version, int errors, int warnings);

    [LoggerMessage(EventId = LogEventIds.ConfigurationReloadRejected, EventName = "ConfigurationReloadRejected", Level = LogLevel.Error,
        Message = "Protected-actions configuration reload rejected; version {Version} stays active. First error: {FirstError}")]
    public static partial void ReloadRejected(ILogger logger, long version, string firstError);

    [LoggerMessage(EventId = LogEventIds.ConfigurationWarning, EventName = "ConfigurationWarning", Level = LogLevel.Warning,
        Message = "Protected-actions configuration warning {Code} at {Path}: {Message}")]
    public static partial void ConfigurationWarning(ILogger logger, string code, string path, string message);

    [LoggerMessage(EventId = LogEventIds.ProtectedActionAudit, EventName = "ProtectedActionAudit", Level = LogLevel.Information,
        Message = "Protected action {Permission} ({Context}): {Outcome}; satisfied by {SatisfiedBy}; failing policies [{PolicyIds}]; trace {TraceId}")]
    public static partial void Audit(ILogger logger, string permission, string context, string outcome, string satisfiedBy, string policyIds, string traceId);
}
