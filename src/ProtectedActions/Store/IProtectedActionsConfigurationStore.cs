namespace ProtectedActions;

/// <summary>
/// Where managed configuration lives: one configuration document per tenant, each with a version number that
/// increases by one with every committed write. Implementations (for example <c>ProtectedActions.EntityFrameworkCore</c>)
/// must validate every write with <see cref="ProtectedActionsConfiguration.Validate"/> before committing it, refuse a
/// write whose <see cref="ConfigurationWrite.ExpectedVersion"/> is not the stored one, and store nothing in either case.
/// Failures to reach the store are exceptions; refusals are results.
/// </summary>
public interface IProtectedActionsConfigurationStore
{
    /// <summary>Reads a tenant's configuration, or <see langword="null"/> when the tenant has none.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<StoredConfiguration?> ReadAsync(string tenantId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads the current version of each of <paramref name="tenantIds"/> (a tenant without configuration is left out),
    /// cheaply, for polling.
    /// </summary>
    /// <param name="tenantIds">The tenants.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<IReadOnlyDictionary<string, long>> ReadVersionsAsync(IReadOnlyCollection<string> tenantIds, CancellationToken cancellationToken = default);

    /// <summary>Validates and, when valid and not stale, commits a new version of a tenant's configuration.</summary>
    /// <param name="write">The write.</param>
    /// <param name="cancellationToken">Cancels the write (nothing is stored when it is cancelled before commit).</param>
    Task<ConfigurationWriteResult> WriteAsync(ConfigurationWrite write, CancellationToken cancellationToken = default);

    /// <summary>Reads a tenant's audit trail, newest first.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="maxEntries">At most this many entries (1–1,000).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<IReadOnlyList<ConfigurationAuditEntry>> ReadAuditAsync(string tenantId, int maxEntries, CancellationToken cancellationToken = default);
}
