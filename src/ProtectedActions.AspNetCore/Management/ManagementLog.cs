using Microsoft.Extensions.Logging;

namespace ProtectedActions.AspNetCore.Management;

/// <summary>Log events of the management endpoints (ids 3300–3349, documented in docs/logging.md). Never claim values beyond ids.</summary>
internal static partial class ManagementLog
{
    [LoggerMessage(EventId = AspNetCoreLogEventIds.ManagementWriteApplied, EventName = "ManagementWriteApplied", Level = LogLevel.Information,
        Message = "Protected-actions management: {Operation} committed version {Version}")]
    public static partial void Applied(ILogger logger, string operation, long version);

    [LoggerMessage(EventId = AspNetCoreLogEventIds.ManagementWriteRefused, EventName = "ManagementWriteRefused", Level = LogLevel.Warning,
        Message = "Protected-actions management: {Operation} refused ({Status})")]
    public static partial void Refused(ILogger logger, string operation, string status);
}
