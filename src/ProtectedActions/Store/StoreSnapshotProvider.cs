using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ProtectedActions.Compilation;
using ProtectedActions.DependencyInjection;
using ProtectedActions.Diagnostics;
using ProtectedActions.Evaluation;

namespace ProtectedActions.Store;

/// <summary>
/// Serves decisions from per-tenant snapshots compiled from a <see cref="IProtectedActionsConfigurationStore"/>:
/// the same immutable <see cref="ProtectedActionsSnapshot"/> and evaluator the file configuration uses, one per
/// tenant, cached least-recently-used up to a bound, compiled once per version (concurrent first requests share
/// the compile), refreshed by polling the store's version rows. A store that cannot be reached leaves every cached
/// snapshot in force and makes the status degraded; a tenant that was never loaded is then denied.
/// </summary>
/// <remarks>
/// The bounds (<see cref="ProtectedActionsStoreOptions.MaxCachedTenants"/> and
/// <see cref="ProtectedActionsStoreOptions.MaxCachedSnapshotBytes"/>) are never exceeded, not even for an instant:
/// every change of the cache happens under one lock, which evicts the least recently used tenants <em>before</em> it
/// inserts. Compiles run outside the lock. A tenant whose snapshot alone is larger than the memory bound is served
/// uncached (compiled per request, still correctly decided) and logged.
/// </remarks>
internal sealed class StoreSnapshotProvider : IProtectedActionEvaluator, IProtectedActionsConfigurationStatus, IProtectedActionsConfigurationManager, IDisposable
{
    /// <summary>The context id of decisions that deny because the tenant has no usable configuration.</summary>
    internal const string UnconfiguredContextId = "unconfigured-tenant";

    private readonly IProtectedActionsConfigurationStore _store;
    private readonly SnapshotSource _defaults;
    private readonly string _rootPath;
    private readonly IProtectedActionsTenantResolver _tenants;
    private readonly ProtectedActionsStoreOptions _options;
    private readonly TimeProvider _time;
    private readonly Func<SnapshotHolder, DefaultProtectedActionEvaluator> _newEvaluator;
    private readonly IReadOnlyList<IProtectedActionsConfigurationCheck> _checks;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<Entry>>> _loading = new(StringComparer.Ordinal);
    private readonly DefaultProtectedActionEvaluator _defaultEvaluator;
    private readonly ITimer? _timer;
    private readonly object _cacheLock = new();
    private readonly long _maxBytes;
    private readonly int _maxTenants;
    private long _cachedBytes;
    private int _peakCachedTenants;
    private long _uncachedLoads;
    private long _lastOversizedLog = long.MinValue;
    private long _clock;
    private int _polling;
    private volatile bool _storeFailing;
    private IReadOnlyList<ConfigurationIssue> _tenantErrors = [];
    private long _compiles;

    public StoreSnapshotProvider(IProtectedActionsConfigurationStore store, SnapshotSource defaults, ProtectedActionsRootPath rootPath, IProtectedActionsTenantResolver tenants,
        ProtectedActionsStoreOptions options, TimeProvider time, Func<SnapshotHolder, DefaultProtectedActionEvaluator> newEvaluator,
        IEnumerable<IProtectedActionsConfigurationCheck>? checks = null, ILoggerFactory? loggerFactory = null, bool startPolling = true)
    {
        _store = store;
        _defaults = defaults;
        _rootPath = rootPath.Value;
        _tenants = tenants;
        _options = options;
        _time = time;
        _newEvaluator = newEvaluator;
        _checks = checks?.ToArray() ?? [];
        _logger = (ILogger?)loggerFactory?.CreateLogger("ProtectedActions.Store") ?? NullLogger.Instance;
        _defaultEvaluator = newEvaluator(defaults.Holder);
        _maxTenants = Math.Max(1, options.MaxCachedTenants);
        _maxBytes = options.MaxCachedSnapshotBytes is > 0 and var bytes ? bytes : long.MaxValue;
        if (startPolling)
        {
            _timer = time.CreateTimer(_ => _ = PollAsync(CancellationToken.None), null, options.PollInterval, options.PollInterval);
        }
    }

    /// <summary>How many snapshots were compiled from the store (for tests of single-flight and eviction).</summary>
    internal long Compiles => Interlocked.Read(ref _compiles);

    /// <summary>How many tenants are cached.</summary>
    internal int CachedTenants => _entries.Count;

    /// <summary>The most tenants ever cached at once (never more than the bound).</summary>
    internal int PeakCachedTenants => Volatile.Read(ref _peakCachedTenants);

    /// <summary>The estimated bytes of the cached snapshots (never more than <see cref="ProtectedActionsStoreOptions.MaxCachedSnapshotBytes"/>).</summary>
    internal long CachedBytes => Interlocked.Read(ref _cachedBytes);

    /// <summary>How many loads were served without caching because the tenant alone is larger than the memory bound.</summary>
    internal long UncachedLoads => Interlocked.Read(ref _uncachedLoads);

    /// <summary>The cached store version and snapshot of a tenant, when cached (0 and null snapshot: cached as unconfigured).</summary>
    internal (long Version, ProtectedActionsSnapshot? Snapshot)? Cached(string tenantId) =>
        _entries.TryGetValue(tenantId, out var e) ? (e.Version, e.Holder?.Current) : null;

    // ---- IProtectedActionEvaluator ----

    public ValueTask<ProtectedActionDecision> EvaluateAsync(ProtectedActionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var tenant = _tenants.ResolveTenant(request);
        if (string.IsNullOrEmpty(tenant) || tenant.Length > 128)
        {
            return Unconfigured(request, cancellationToken);
        }

        if (_entries.TryGetValue(tenant, out var entry))
        {
            entry.LastUsed = Interlocked.Increment(ref _clock);
            return entry.Evaluator is { } evaluator ? evaluator.EvaluateAsync(request, cancellationToken) : Unconfigured(request, cancellationToken);
        }

        return EvaluateColdAsync(tenant, request, cancellationToken);
    }

    private async ValueTask<ProtectedActionDecision> EvaluateColdAsync(string tenant, ProtectedActionRequest request, CancellationToken cancellationToken)
    {
        Entry entry;
        try
        {
            entry = await GetOrLoadAsync(tenant).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // Fail closed: a tenant whose configuration cannot be read is denied, never allowed.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            MarkStoreFailing(ex);
            return Deny(request.Permission, "the tenant's protected-actions configuration could not be read");
        }

        return entry.Evaluator is { } evaluator
            ? await evaluator.EvaluateAsync(request, cancellationToken).ConfigureAwait(false)
            : await Unconfigured(request, cancellationToken).ConfigureAwait(false);
    }

    private ValueTask<ProtectedActionDecision> Unconfigured(ProtectedActionRequest request, CancellationToken cancellationToken) =>
        _options.UnconfiguredTenants == UnconfiguredTenantBehavior.UseDefaultConfiguration
            ? _defaultEvaluator.EvaluateAsync(request, cancellationToken)
            : new(Deny(request.Permission, "the tenant has no protected-actions configuration"));

    private static ProtectedActionDecision Deny(string permission, string reason) =>
        ProtectedActionDecision.Create(ProtectedActionOutcome.Denied, permission, UnconfiguredContextId, reasons: [reason], causes: DecisionCauses.Blocked);

    /// <summary>Loads a tenant once however many requests ask at the same time.</summary>
    internal Task<Entry> GetOrLoadAsync(string tenant)
    {
        if (_entries.TryGetValue(tenant, out var cached))
        {
            return Task.FromResult(cached);
        }

        var lazy = _loading.GetOrAdd(tenant, t => new Lazy<Task<Entry>>(() => LoadAsync(t), LazyThreadSafetyMode.ExecutionAndPublication));
        return lazy.Value;
    }

    private async Task<Entry> LoadAsync(string tenant)
    {
        try
        {
            var stored = await _store.ReadAsync(tenant, CancellationToken.None).ConfigureAwait(false);
            MarkStoreReachable();
            var entry = stored is null ? Unconfigured(tenant, 0) : Compile(tenant, stored, previous: null) ?? Unconfigured(tenant, stored.Version);
            entry.LastUsed = Interlocked.Increment(ref _clock);
            return Put(tenant, entry, expected: null) is { } cached ? cached : Oversized(entry);
        }
        finally
        {
            _loading.TryRemove(tenant, out _);
        }
    }

    /// <summary>Compiles a stored version; null when the compiler or a check refuses it (then the previous one stays).</summary>
    private Entry? Compile(string tenant, StoredConfiguration stored, Entry? previous)
    {
        Interlocked.Increment(ref _compiles);
        var snapshot = SnapshotCompiler.Compile(stored.Document, _rootPath, _time.GetUtcNow(), out var issues);
        IReadOnlyList<ConfigurationIssue> refused = snapshot is null ? issues.Where(i => i.Severity == ConfigurationSeverity.Error).ToArray() : RunChecks(snapshot);
        if (refused.Count > 0)
        {
            Volatile.Write(ref _tenantErrors, refused);
            StoreLog.TenantVersionRefused(_logger, stored.Version, previous?.Version ?? 0, refused[0].Code);
            return null;
        }

        var newHolder = new SnapshotHolder(snapshot!);
        return new Entry(stored.Version, newHolder, _newEvaluator(newHolder), SnapshotSizeEstimate.Bytes(tenant, stored.Document));
    }

    private List<ConfigurationIssue> RunChecks(ProtectedActionsSnapshot snapshot)
    {
        List<ConfigurationIssue>? refused = null;
        foreach (var check in _checks)
        {
            foreach (var issue in check.Check(snapshot.View))
            {
                (refused ??= []).Add(issue.Severity == ConfigurationSeverity.Error
                    ? issue
                    : new ConfigurationIssue(ConfigurationSeverity.Error, issue.Code, issue.Path, issue.Message));
            }
        }

        return refused ?? [];
    }

    private static Entry Unconfigured(string tenant, long version) => new(version, null, null, SnapshotSizeEstimate.UnconfiguredBytes(tenant));

    /// <summary>
    /// Puts <paramref name="entry"/> in the cache, evicting least recently used tenants first so that neither bound is
    /// exceeded at any instant. With <paramref name="expected"/> (a refresh), replaces that entry or any entry of an
    /// older version, so the cache only moves forward whichever of two concurrent refreshes finishes last; a tenant
    /// evicted meanwhile is not put back (its next request loads it). Returns the entry in force for the tenant, or
    /// null when <paramref name="entry"/> alone is larger than the memory bound (then nothing of the tenant stays
    /// cached) or when a refresh's tenant was evicted.
    /// </summary>
    private Entry? Put(string tenant, Entry entry, Entry? expected)
    {
        lock (_cacheLock)
        {
            _entries.TryGetValue(tenant, out var current);
            if (expected is not null && !ReferenceEquals(current, expected) && (current is null || current.Version >= entry.Version))
            {
                return current;
            }

            if (expected is null && current is not null && current.Version > entry.Version)
            {
                return current; // a newer version arrived (a refresh) while this load compiled
            }

            var freed = current?.EstimatedBytes ?? 0;
            if (entry.EstimatedBytes > _maxBytes)
            {
                if (current is not null && _entries.TryRemove(tenant, out _))
                {
                    _cachedBytes -= freed; // never keep serving an older version of an oversized tenant
                }

                return null;
            }

            while ((current is null && _entries.Count >= _maxTenants) || _cachedBytes - freed + entry.EstimatedBytes > _maxBytes)
            {
                if (!EvictLeastRecentlyUsed(except: tenant))
                {
                    break;
                }
            }

            _entries[tenant] = entry;
            _cachedBytes += entry.EstimatedBytes - freed;
            if (_entries.Count > _peakCachedTenants)
            {
                Volatile.Write(ref _peakCachedTenants, _entries.Count);
            }

            return entry;
        }
    }

    /// <summary>Evicts the least recently used tenant other than <paramref name="except"/>; false when there is none. Under the cache lock.</summary>
    private bool EvictLeastRecentlyUsed(string except)
    {
        string? oldest = null;
        var oldestUse = long.MaxValue;
        foreach (var (key, value) in _entries)
        {
            if (value.LastUsed < oldestUse && !string.Equals(key, except, StringComparison.Ordinal))
            {
                oldestUse = value.LastUsed;
                oldest = key;
            }
        }

        if (oldest is null || !_entries.TryRemove(oldest, out var evicted))
        {
            return false;
        }

        _cachedBytes -= evicted.EstimatedBytes;
        StoreLog.TenantEvicted(_logger, _entries.Count);
        return true;
    }

    /// <summary>Serves a tenant larger than the whole memory bound without caching it; logs at most once a minute.</summary>
    private Entry Oversized(Entry entry)
    {
        Interlocked.Increment(ref _uncachedLoads);
        var now = _time.GetTimestamp();
        var last = Interlocked.Read(ref _lastOversizedLog);
        if ((last == long.MinValue || _time.GetElapsedTime(last, now) >= TimeSpan.FromMinutes(1))
            && Interlocked.CompareExchange(ref _lastOversizedLog, now, last) == last)
        {
            StoreLog.TenantTooLargeToCache(_logger, entry.EstimatedBytes, _maxBytes);
        }

        return entry;
    }

    /// <summary>Polls the version rows of every cached tenant and recompiles the ones that changed.</summary>
    internal async Task PollAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _polling, 1) == 1)
        {
            return;
        }

        try
        {
            var tenants = _entries.Keys.ToArray();
            if (tenants.Length == 0)
            {
                return;
            }

            var versions = await _store.ReadVersionsAsync(tenants, cancellationToken).ConfigureAwait(false);
            MarkStoreReachable();
            foreach (var tenant in tenants)
            {
                if (!_entries.TryGetValue(tenant, out var entry))
                {
                    continue;
                }

                var version = versions.TryGetValue(tenant, out var v) ? v : 0;
                if (version != entry.Version)
                {
                    await RefreshAsync(tenant, entry, cancellationToken).ConfigureAwait(false);
                }
            }
        }
#pragma warning disable CA1031 // Runs on a timer: an escaping exception would crash the host. Keep the last good snapshots.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            MarkStoreFailing(ex);
        }
        finally
        {
            Volatile.Write(ref _polling, 0);
        }
    }

    private async Task RefreshAsync(string tenant, Entry entry, CancellationToken cancellationToken)
    {
        var stored = await _store.ReadAsync(tenant, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            // Removed from the store: the tenant is unconfigured from now on.
            var removed = Unconfigured(tenant, 0);
            removed.LastUsed = entry.LastUsed;
            Put(tenant, removed, expected: entry);
            return;
        }

        if (stored.Version <= entry.Version && entry.Holder is not null)
        {
            return;
        }

        var next = Compile(tenant, stored, entry);
        if (next is not null)
        {
            next.LastUsed = entry.LastUsed;
            if (Put(tenant, next, expected: entry) is null && next.EstimatedBytes > _maxBytes)
            {
                Oversized(next); // dropped from the cache: its next request compiles it again, uncached
            }

            Volatile.Write(ref _tenantErrors, []);
            StoreLog.TenantVersionActivated(_logger, stored.Version);
        }
    }

    private void MarkStoreFailing(Exception ex)
    {
        if (!_storeFailing)
        {
            _storeFailing = true;
            StoreLog.StoreUnreachable(_logger, ex.GetType().Name);
        }
    }

    private void MarkStoreReachable()
    {
        if (_storeFailing)
        {
            _storeFailing = false;
            StoreLog.StoreRecovered(_logger);
        }
    }

    // ---- IProtectedActionsConfigurationManager ----

    public Task<StoredConfiguration?> ReadAsync(string tenantId, CancellationToken cancellationToken = default) => _store.ReadAsync(tenantId, cancellationToken);

    public Task<IReadOnlyList<ConfigurationAuditEntry>> ReadAuditAsync(string tenantId, int maxEntries, CancellationToken cancellationToken = default) =>
        _store.ReadAuditAsync(tenantId, maxEntries, cancellationToken);

    public async Task<ConfigurationWriteResult> WriteAsync(ConfigurationWrite write, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(write);
        var snapshot = SnapshotCompiler.Compile(write.Document, _rootPath, _time.GetUtcNow(), out var issues);
        if (snapshot is null)
        {
            return ConfigurationWriteResult.Invalid(issues.Where(i => i.Severity == ConfigurationSeverity.Error).ToArray());
        }

        var refused = RunChecks(snapshot);
        if (refused.Count > 0)
        {
            return ConfigurationWriteResult.Invalid(refused);
        }

        var result = await _store.WriteAsync(write, cancellationToken).ConfigureAwait(false);
        if (result.Status == ConfigurationWriteStatus.Committed)
        {
            StoreLog.WriteCommitted(_logger, result.Version);
            if (_entries.TryGetValue(write.TenantId, out var entry))
            {
                // This instance applies its own write at once; the others pick it up by polling.
                await RefreshAsync(write.TenantId, entry, cancellationToken).ConfigureAwait(false);
            }
        }
        else
        {
            StoreLog.WriteRefused(_logger, result.Status.ToString(), result.Version);
        }

        return result;
    }

    // ---- IProtectedActionsConfigurationStatus (the default configuration, degraded by the store's state) ----

    public long Version => _defaults.Version;

    public DateTimeOffset ActivatedAt => _defaults.ActivatedAt;

    public IReadOnlyList<ConfigurationIssue> Issues => _defaults.Issues;

    public IReadOnlyList<ConfigurationIssue> LastReloadErrors
    {
        get
        {
            IReadOnlyList<ConfigurationIssue> errors = [.. _defaults.LastReloadErrors, .. Volatile.Read(ref _tenantErrors)];
            return _storeFailing
                ? [.. errors, new ConfigurationIssue(ConfigurationSeverity.Error, IssueCodes.StoreUnreachable, _rootPath + ":Store",
                    "the configuration store cannot be reached; the last good snapshots stay in force")]
                : errors;
        }
    }

    public bool IsDegraded => _storeFailing || _defaults.IsDegraded || Volatile.Read(ref _tenantErrors).Count > 0;

    public ProtectedActionsConfigurationView Active => _defaults.Active;

    public void Dispose() => _timer?.Dispose();

    /// <summary>A cached tenant: its store version and, when it has a valid configuration, its snapshot and evaluator.</summary>
    internal sealed class Entry(long version, SnapshotHolder? holder, DefaultProtectedActionEvaluator? evaluator, long estimatedBytes)
    {
        public long Version { get; } = version;
        public SnapshotHolder? Holder { get; } = holder;
        public DefaultProtectedActionEvaluator? Evaluator { get; } = evaluator;
        /// <summary>The estimated memory of the entry (<see cref="SnapshotSizeEstimate"/>), counted against the memory bound.</summary>
        public long EstimatedBytes { get; } = estimatedBytes;
        public long LastUsed { get; set; }
    }
}
