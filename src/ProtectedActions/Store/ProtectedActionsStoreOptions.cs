namespace ProtectedActions;

/// <summary>Options of store-backed (managed) configuration.</summary>
public sealed class ProtectedActionsStoreOptions
{
    /// <summary>How often the store's version rows are polled; default 1 second (a committed version is in force on every instance within this interval plus the compile).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How many tenants' compiled snapshots are kept; the least recently used is evicted beyond it. Default 1,000.</summary>
    public int MaxCachedTenants { get; set; } = 1000;

    /// <summary>
    /// An optional memory bound: the estimated bytes of all cached tenant snapshots together (a structural estimate from
    /// each document's counts and strings, see docs/managed-configuration.md); the least recently used tenants are evicted
    /// to stay within it, alongside <see cref="MaxCachedTenants"/>. A tenant larger than the whole bound is decided
    /// correctly but not cached (compiled on each request) and logged. Default <see langword="null"/>: no memory bound.
    /// </summary>
    public long? MaxCachedSnapshotBytes { get; set; }

    /// <summary>What a request of a tenant without stored configuration (or without a tenant) gets; default <see cref="UnconfiguredTenantBehavior.Deny"/>.</summary>
    public UnconfiguredTenantBehavior UnconfiguredTenants { get; set; } = UnconfiguredTenantBehavior.Deny;
}

/// <summary>What a request of a tenant without stored configuration gets.</summary>
public enum UnconfiguredTenantBehavior
{
    /// <summary>Every protected action is denied (fail closed).</summary>
    Deny,

    /// <summary>The configuration registered with <c>AddProtectedActions</c> (file or code) applies.</summary>
    UseDefaultConfiguration,
}

/// <summary>Selects the tenant whose configuration decides a request. The default reads the token's <c>tid</c>.</summary>
public interface IProtectedActionsTenantResolver
{
    /// <summary>The tenant of <paramref name="request"/>, or <see langword="null"/> when it has none.</summary>
    /// <param name="request">The request being decided.</param>
    string? ResolveTenant(ProtectedActionRequest request);
}

/// <summary>Resolves the tenant from the sign-in's tenant id (the token's <c>tid</c>).</summary>
internal sealed class TokenTenantResolver : IProtectedActionsTenantResolver
{
    public string? ResolveTenant(ProtectedActionRequest request) => request.SignIn.TenantId;
}

/// <summary>
/// Reads and writes managed configuration: validates a write with the same compiler and acceptance checks a
/// reload passes (for example the ASP.NET Core check that every permission an endpoint declares stays mapped)
/// before it reaches the store, and puts a committed version in force on this instance at once.
/// </summary>
public interface IProtectedActionsConfigurationManager
{
    /// <summary>Reads a tenant's stored configuration, or <see langword="null"/> when it has none.</summary>
    Task<StoredConfiguration?> ReadAsync(string tenantId, CancellationToken cancellationToken = default);

    /// <summary>Validates (compiler and acceptance checks) and writes a new version.</summary>
    Task<ConfigurationWriteResult> WriteAsync(ConfigurationWrite write, CancellationToken cancellationToken = default);

    /// <summary>Reads a tenant's audit trail, newest first.</summary>
    Task<IReadOnlyList<ConfigurationAuditEntry>> ReadAuditAsync(string tenantId, int maxEntries, CancellationToken cancellationToken = default);
}
