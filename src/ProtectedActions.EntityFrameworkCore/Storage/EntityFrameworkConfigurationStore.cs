using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ProtectedActions.EntityFrameworkCore.Storage;

/// <summary>
/// The EF Core store: one version row per tenant updated conditionally (<c>WHERE Version = expected</c>) as the
/// first statement of the write's transaction, so of two writers against the same version exactly one commits;
/// object rows replaced by difference; one audit row per changed object. Every write is validated first.
/// </summary>
internal sealed class EntityFrameworkConfigurationStore : IProtectedActionsConfigurationStore
{
    private const int VersionChunk = 500;
    private readonly Func<ConfigurationDbContext> _newContext;
    private readonly TimeProvider _time;
    private readonly string _rootPath;
    private readonly string _instanceId;
    private readonly bool _migrate;
    private readonly bool _notify;
    private readonly ILogger _logger;
    private Task? _migration;
    private volatile bool _migrated;

    public EntityFrameworkConfigurationStore(Func<ConfigurationDbContext> newContext, TimeProvider time, string rootPath, string instanceId, bool migrate,
        ILoggerFactory? loggerFactory = null, bool notify = false)
    {
        _notify = notify;
        _newContext = newContext;
        _time = time;
        _rootPath = rootPath;
        _instanceId = instanceId;
        _migrate = migrate;
        _logger = (ILogger?)loggerFactory?.CreateLogger("ProtectedActions.EntityFrameworkCore") ?? NullLogger.Instance;
    }

    /// <summary>Applies the shipped migrations (once per process when enabled; a failed attempt is retried by the next call).</summary>
    internal async Task EnsureMigratedAsync(CancellationToken cancellationToken)
    {
        if (!_migrate || _migrated)
        {
            return;
        }

        var attempt = Volatile.Read(ref _migration);
        if (attempt is null || attempt.IsFaulted || attempt.IsCanceled)
        {
            var next = MigrateAsync();
            attempt = Interlocked.CompareExchange(ref _migration, next, attempt) == attempt ? next : Volatile.Read(ref _migration)!;
        }

        await attempt.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task MigrateAsync()
    {
        using var db = _newContext();
        await db.Database.MigrateAsync(CancellationToken.None).ConfigureAwait(false);
        _migrated = true;
        EfLog.Migrated(_logger);
    }

    public async Task<StoredConfiguration?> ReadAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        await EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        using var db = _newContext();
        // One statement (the version row left-joined to the objects): it reads one consistent snapshot on both providers,
        // so the version and the objects belong together, in one round trip and without an explicit transaction.
        var rows = await (
                from t in db.Tenants.AsNoTracking()
                where t.TenantId == tenantId
                from o in db.Objects.AsNoTracking().Where(o => o.TenantId == t.TenantId).DefaultIfEmpty()
                select new { t.Version, t.UpdatedAt, Object = o })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        if (rows.Count == 0)
        {
            return null;
        }

        var tenant = rows[0];
        return new StoredConfiguration(tenantId, tenant.Version, DocumentRows.Join(rows.Where(r => r.Object is not null).Select(r => r.Object!)), tenant.UpdatedAt);
    }

    public async Task<IReadOnlyDictionary<string, long>> ReadVersionsAsync(IReadOnlyCollection<string> tenantIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenantIds);
        await EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        using var db = _newContext();
        foreach (var chunk in tenantIds.Chunk(VersionChunk))
        {
            var rows = await db.Tenants.AsNoTracking().Where(t => chunk.Contains(t.TenantId)).Select(t => new { t.TenantId, t.Version })
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            foreach (var row in rows)
            {
                result[row.TenantId] = row.Version;
            }
        }

        return result;
    }

    public async Task<ConfigurationWriteResult> WriteAsync(ConfigurationWrite write, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(write);
        if (write.TenantId.Length > ConfigurationDbContext.MaxTenantIdLength)
        {
            return ConfigurationWriteResult.Invalid([new ConfigurationIssue(ConfigurationSeverity.Error, IssueCodes.StoreTenantIdTooLong, _rootPath,
                $"the tenant id is longer than {ConfigurationDbContext.MaxTenantIdLength} characters")]);
        }

        // The same compiler as a file reload: an invalid document is refused with the same path: message errors.
        var validation = ProtectedActionsConfiguration.Validate(write.Document, _rootPath);
        if (!validation.IsValid)
        {
            return ConfigurationWriteResult.Invalid(validation.Errors.ToArray());
        }

        var rows = DocumentRows.Split(write.TenantId, write.Document);
        await EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        var next = write.ExpectedVersion + 1;
        using var db = _newContext();
        using var tx = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        if (write.ExpectedVersion == 0)
        {
            db.Tenants.Add(new TenantRow { TenantId = write.TenantId, Version = 1, UpdatedAt = now });
            try
            {
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (DbUpdateException)
            {
                // Someone created the tenant first.
                await tx.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
                return Conflict(await CurrentVersionAsync(write.TenantId, cancellationToken).ConfigureAwait(false));
            }

            db.ChangeTracker.Clear();
        }
        else
        {
            // The first statement takes the write lock: of two writers against the same version, one updates a row.
            var updated = await db.Tenants.Where(t => t.TenantId == write.TenantId && t.Version == write.ExpectedVersion)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.Version, next).SetProperty(t => t.UpdatedAt, now), cancellationToken).ConfigureAwait(false);
            if (updated != 1)
            {
                await tx.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
                return Conflict(await CurrentVersionAsync(write.TenantId, cancellationToken).ConfigureAwait(false));
            }
        }

        var existing = await db.Objects.Where(o => o.TenantId == write.TenantId).ToListAsync(cancellationToken).ConfigureAwait(false);
        var before = existing.ToDictionary(o => (o.Kind, o.Key));
        var after = rows.ToDictionary(o => (o.Kind, o.Key));
        var audit = new List<AuditRow>();
        foreach (var old in existing)
        {
            if (!after.TryGetValue((old.Kind, old.Key), out var now1))
            {
                db.Objects.Remove(old);
                audit.Add(Audit(write, next, now, old.Kind, old.Key, old.Json, null));
            }
            else if (!string.Equals(old.Json, now1.Json, StringComparison.Ordinal) || old.Ordinal != now1.Ordinal)
            {
                if (!string.Equals(old.Json, now1.Json, StringComparison.Ordinal))
                {
                    audit.Add(Audit(write, next, now, old.Kind, old.Key, old.Json, now1.Json));
                }

                old.Json = now1.Json;
                old.Ordinal = now1.Ordinal;
            }
        }

        foreach (var row in rows.Where(r => !before.ContainsKey((r.Kind, r.Key))))
        {
            db.Objects.Add(row);
            audit.Add(Audit(write, next, now, row.Kind, row.Key, null, row.Json));
        }

        if (audit.Count == 0)
        {
            // A write without changes still makes a version: record who made it.
            audit.Add(Audit(write, next, now, "document", "", null, null));
        }

        db.Audit.AddRange(audit);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        if (_notify)
        {
            // Delivered by PostgreSQL only when the transaction commits; no payload (listeners poll the version rows).
            await db.Database.ExecuteSqlRawAsync("NOTIFY " + PostgreSqlChangeListener.Channel, cancellationToken).ConfigureAwait(false);
        }

        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        EfLog.Committed(_logger, next, audit.Count);
        return ConfigurationWriteResult.Committed(next, validation.Warnings.ToArray());
    }

    private ConfigurationWriteResult Conflict(long stored)
    {
        EfLog.Conflict(_logger, stored);
        return ConfigurationWriteResult.Conflict(stored);
    }

    private async Task<long> CurrentVersionAsync(string tenantId, CancellationToken cancellationToken)
    {
        using var db = _newContext();
        return await db.Tenants.AsNoTracking().Where(t => t.TenantId == tenantId).Select(t => t.Version).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
    }

    private AuditRow Audit(ConfigurationWrite write, long version, DateTimeOffset at, string kind, string key, string? before, string? after) => new()
    {
        TenantId = write.TenantId,
        Version = version,
        At = at,
        ActorObjectId = Truncate(write.Actor.ObjectId, 128)!,
        ActorDisplayName = Truncate(write.Actor.DisplayName, 256),
        InstanceId = Truncate(_instanceId, 256)!,
        Kind = kind,
        Key = key,
        Before = before,
        After = after,
    };

    private static string? Truncate(string? s, int max) => s is null || s.Length <= max ? s : s[..max];

    public async Task<IReadOnlyList<ConfigurationAuditEntry>> ReadAuditAsync(string tenantId, int maxEntries, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEntries, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxEntries, 1000);
        await EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        using var db = _newContext();
        var rows = await db.Audit.AsNoTracking().Where(a => a.TenantId == tenantId).OrderByDescending(a => a.Id).Take(maxEntries)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.Select(a => new ConfigurationAuditEntry(a.TenantId, a.Version, a.At, a.ActorObjectId, a.ActorDisplayName, a.InstanceId, a.Kind, a.Key, a.Before, a.After))
            .ToArray();
    }
}
