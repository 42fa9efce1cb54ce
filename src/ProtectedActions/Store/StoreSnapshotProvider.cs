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
    private readonly object _evictLock = new();
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
        if (startPolling)
        {
            _timer = time.CreateTimer(_ => _ = PollAsync(CancellationToken.None), null, options.PollInterval, options.PollInterval);
        }
    }

    /// <summary>How many snapshots were compiled from the store (for tests of single-flight and eviction).</summary>
    internal long Compiles => Interlocked.Read(ref _compiles);

    /// <summary>How many tenants are cached.</summary>
    internal int CachedTenants => _entries.Count;

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
            var entry = stored is null ? new Entry(0, null, null) : Compile(stored, previous: null) ?? new Entry(stored.Version, null, null);
            entry.LastUsed = Interlocked.Increment(ref _clock);
            _entries[tenant] = entry;
            EvictBeyondBound();
            return entry;
        }
        finally
        {
            _loading.TryRemove(tenant, out _);
        }
    }

    /// <summary>Compiles a stored version; null when the compiler or a check refuses it (then the previous one stays).</summary>
    private Entry? Compile(StoredConfiguration stored, Entry? previous)
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
        return new Entry(stored.Version, newHolder, _newEvaluator(newHolder));
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

    private void EvictBeyondBound()
    {
        var max = Math.Max(1, _options.MaxCachedTenants);
        if (_entries.Count <= max)
        {
            return;
        }

        lock (_evictLock)
        {
            while (_entries.Count > max)
            {
                string? oldest = null;
                var oldestUse = long.MaxValue;
                foreach (var (key, value) in _entries)
                {
                    if (value.LastUsed < oldestUse)
                    {
                        oldestUse = value.LastUsed;
                        oldest = key;
                    }
                }

                if (oldest is null || !_entries.TryRemove(oldest, out _))
                {
                    return;
                }

                StoreLog.TenantEvicted(_logger, _entries.Count);
            }
        }
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
            _entries[tenant] = new Entry(0, null, null) { LastUsed = entry.LastUsed };
            return;
        }

        if (stored.Version <= entry.Version && entry.Holder is not null)
        {
            return;
        }

        var next = Compile(stored, entry);
        if (next is not null)
        {
            next.LastUsed = entry.LastUsed;
            _entries[tenant] = next;
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
    internal sealed class Entry(long version, SnapshotHolder? holder, DefaultProtectedActionEvaluator? evaluator)
    {
        public long Version { get; } = version;
        public SnapshotHolder? Holder { get; } = holder;
        public DefaultProtectedActionEvaluator? Evaluator { get; } = evaluator;
        public long LastUsed { get; set; }
    }
}
