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

    /// <summary>
    /// PostgreSQL only (ignored by SQLite): whether every write sends a notification and every instance listens for
    /// them, so a commit is in force on the other instances at once instead of at their next poll; default
    /// <see langword="true"/>. Polling stays the fallback when a notification is lost or the listener is disconnected.
    /// </summary>
    public bool UseNotifications { get; set; } = true;

    /// <summary>Options of store-backed configuration (polling, tenant cache bound, unconfigured tenants).</summary>
    public ProtectedActionsStoreOptions Store { get; } = new();
}
