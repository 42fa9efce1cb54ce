using Microsoft.Extensions.Logging;

namespace ProtectedActions.Diagnostics;

/// <summary>Log events of store-backed configuration (ids 1200–1249, documented in docs/logging.md). Never configuration or claim values.</summary>
internal static partial class StoreLog
{
    [LoggerMessage(EventId = LogEventIds.StoreVersionActivated, EventName = "StoreVersionActivated", Level = LogLevel.Information,
        Message = "Stored protected-actions configuration version {Version} is active for a tenant")]
    public static partial void TenantVersionActivated(ILogger logger, long version);

    [LoggerMessage(EventId = LogEventIds.StoreUnreachable, EventName = "StoreUnreachable", Level = LogLevel.Warning,
        Message = "The protected-actions configuration store cannot be reached ({ExceptionType}); the last good snapshots stay in force")]
    public static partial void StoreUnreachable(ILogger logger, string exceptionType);

    [LoggerMessage(EventId = LogEventIds.StoreRecovered, EventName = "StoreRecovered", Level = LogLevel.Information,
        Message = "The protected-actions configuration store can be reached again")]
    public static partial void StoreRecovered(ILogger logger);

    [LoggerMessage(EventId = LogEventIds.StoreVersionRefused, EventName = "StoreVersionRefused", Level = LogLevel.Error,
        Message = "Stored protected-actions configuration version {Version} was refused ({Code}); version {Previous} stays in force for the tenant")]
    public static partial void TenantVersionRefused(ILogger logger, long version, long previous, string code);

    [LoggerMessage(EventId = LogEventIds.StoreTenantEvicted, EventName = "StoreTenantEvicted", Level = LogLevel.Debug,
        Message = "A tenant's compiled snapshot was evicted (least recently used); {Cached} stay cached")]
    public static partial void TenantEvicted(ILogger logger, int cached);

    [LoggerMessage(EventId = LogEventIds.StoreTenantTooLargeToCache, EventName = "StoreTenantTooLargeToCache", Level = LogLevel.Warning,
        Message = "A tenant's compiled snapshot (about {EstimatedBytes} bytes) is larger than MaxCachedSnapshotBytes ({MaxBytes}); it is decided without caching, compiled on every request (logged at most once a minute)")]
    public static partial void TenantTooLargeToCache(ILogger logger, long estimatedBytes, long maxBytes);

    [LoggerMessage(EventId = LogEventIds.StoreWriteCommitted, EventName = "StoreWriteCommitted", Level = LogLevel.Information,
        Message = "Protected-actions configuration version {Version} was committed")]
    public static partial void WriteCommitted(ILogger logger, long version);

    [LoggerMessage(EventId = LogEventIds.StoreWriteRefused, EventName = "StoreWriteRefused", Level = LogLevel.Warning,
        Message = "A protected-actions configuration write was refused ({Status}; stored version {Version})")]
    public static partial void WriteRefused(ILogger logger, string status, long version);
}
