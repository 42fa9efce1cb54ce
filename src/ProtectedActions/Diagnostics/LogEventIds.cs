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

    /// <summary>A stored configuration version became active for a tenant.</summary>
    public const int StoreVersionActivated = 1200;

    /// <summary>The configuration store cannot be reached; the last good snapshots stay.</summary>
    public const int StoreUnreachable = 1201;

    /// <summary>The configuration store can be reached again.</summary>
    public const int StoreRecovered = 1202;

    /// <summary>A stored version was refused; the tenant's previous one stays.</summary>
    public const int StoreVersionRefused = 1203;

    /// <summary>A tenant's snapshot was evicted (least recently used).</summary>
    public const int StoreTenantEvicted = 1204;

    /// <summary>A configuration write was committed.</summary>
    public const int StoreWriteCommitted = 1205;

    /// <summary>A configuration write was refused (conflict or invalid).</summary>
    public const int StoreWriteRefused = 1206;

    /// <summary>A tenant's snapshot alone is larger than the memory bound; it is served without caching.</summary>
    public const int StoreTenantTooLargeToCache = 1207;
}
