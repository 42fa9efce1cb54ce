namespace ProtectedActions.EntityFrameworkCore.Storage;

/// <summary>
/// Every log event id of the EF Core store package, in one place: the range 4000–4049. docs/logging.md lists each
/// with its level, message and what to do.
/// </summary>
internal static class EntityFrameworkCoreLogEventIds
{

    /// <summary>The database was migrated to the current schema.</summary>
    public const int StoreMigrated = 4000;

    /// <summary>A configuration version was committed.</summary>
    public const int StoreVersionCommitted = 4001;

    /// <summary>A write against a stale version was refused.</summary>
    public const int StoreWriteConflict = 4002;

    /// <summary>The PostgreSQL change listener is connected and listening.</summary>
    public const int StoreListening = 4003;

    /// <summary>The PostgreSQL change listener failed; polling continues and the listener reconnects.</summary>
    public const int StoreListenerFailed = 4004;
}
