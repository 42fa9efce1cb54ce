using Microsoft.Extensions.Logging;

namespace ProtectedActions.EntityFrameworkCore.Storage;

/// <summary>Log events of the EF Core store (ids 4000–4049, documented in docs/logging.md). Never configuration or claim values.</summary>
internal static partial class EfLog
{
    [LoggerMessage(EventId = EntityFrameworkCoreLogEventIds.StoreMigrated, EventName = "StoreMigrated", Level = LogLevel.Information,
        Message = "The protected-actions configuration database is migrated to the current schema")]
    public static partial void Migrated(ILogger logger);

    [LoggerMessage(EventId = EntityFrameworkCoreLogEventIds.StoreVersionCommitted, EventName = "StoreVersionCommitted", Level = LogLevel.Information,
        Message = "Protected-actions configuration version {Version} committed ({Changes} audited changes)")]
    public static partial void Committed(ILogger logger, long version, int changes);

    [LoggerMessage(EventId = EntityFrameworkCoreLogEventIds.StoreWriteConflict, EventName = "StoreWriteConflict", Level = LogLevel.Warning,
        Message = "A protected-actions configuration write was made against a stale version; version {Version} is stored and nothing changed")]
    public static partial void Conflict(ILogger logger, long version);

    [LoggerMessage(EventId = EntityFrameworkCoreLogEventIds.StoreListening, EventName = "StoreListening", Level = LogLevel.Information,
        Message = "Listening for protected-actions configuration changes (PostgreSQL notifications); polling stays the fallback")]
    public static partial void Listening(ILogger logger);

    [LoggerMessage(EventId = EntityFrameworkCoreLogEventIds.StoreListenerFailed, EventName = "StoreListenerFailed", Level = LogLevel.Warning,
        Message = "PostgreSQL notifications of protected-actions configuration changes are unavailable ({ExceptionType}); changes are picked up by polling until the listener reconnects")]
    public static partial void ListenerFailed(ILogger logger, string exceptionType);
}
