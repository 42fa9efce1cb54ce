namespace ProtectedActions.EntityFrameworkCore;

/// <summary>Options of the EF Core configuration store.</summary>
public sealed class EntityFrameworkCoreStoreOptions
{
    /// <summary>
    /// Whether the shipped migrations are applied on first use (default <see langword="true"/>). Turn it off when
    /// migrations are applied by a deployment step (<c>dotnet ef database update</c> or a migration bundle).
    /// </summary>
    public bool ApplyMigrations { get; set; } = true;

    /// <summary>The instance name recorded with every audited change; default machine name and process id.</summary>
    public string? InstanceId { get; set; }

    /// <summary>Options of store-backed configuration (polling, tenant cache bound, unconfigured tenants).</summary>
    public ProtectedActionsStoreOptions Store { get; } = new();
}
