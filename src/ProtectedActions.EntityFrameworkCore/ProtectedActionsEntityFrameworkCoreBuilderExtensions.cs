using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using ProtectedActions.DependencyInjection;
using ProtectedActions.EntityFrameworkCore;
using ProtectedActions.EntityFrameworkCore.Storage;
using ProtectedActions.Store;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the EF Core configuration store (SQLite or PostgreSQL).</summary>
public static class ProtectedActionsEntityFrameworkCoreBuilderExtensions
{
    /// <summary>
    /// Keeps the configuration in a SQLite database (the embedded default: one file, one instance), per tenant,
    /// with validated, versioned, audited writes. Migrations are applied on first use unless turned off.
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddProtectedActions</c>.</param>
    /// <param name="connectionString">The SQLite connection string, for example <c>Data Source=protected-actions.db</c>.</param>
    /// <param name="configure">Configures the store; optional.</param>
    public static ProtectedActionsBuilder AddSqliteConfigurationStore(this ProtectedActionsBuilder builder, string connectionString,
        Action<EntityFrameworkCoreStoreOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        var contexts = new PooledDbContextFactory<SqliteConfigurationDbContext>(
            new DbContextOptionsBuilder<SqliteConfigurationDbContext>().UseSqlite(connectionString).Options);
        return Add(builder, contexts.CreateDbContext, configure);
    }

    /// <summary>
    /// Keeps the configuration in a PostgreSQL database shared by many instances, per tenant, with validated,
    /// versioned, audited writes; every instance picks up a committed version by polling. Migrations are applied on
    /// first use unless turned off.
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddProtectedActions</c>.</param>
    /// <param name="connectionString">The Npgsql connection string.</param>
    /// <param name="configure">Configures the store; optional.</param>
    public static ProtectedActionsBuilder AddPostgreSqlConfigurationStore(this ProtectedActionsBuilder builder, string connectionString,
        Action<EntityFrameworkCoreStoreOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        var contexts = new PooledDbContextFactory<PostgreSqlConfigurationDbContext>(
            new DbContextOptionsBuilder<PostgreSqlConfigurationDbContext>().UseNpgsql(connectionString).Options);
        return Add(builder, contexts.CreateDbContext, configure, connectionString);
    }

    private static ProtectedActionsBuilder Add(ProtectedActionsBuilder builder, Func<ConfigurationDbContext> newContext, Action<EntityFrameworkCoreStoreOptions>? configure,
        string? postgreSqlConnectionString = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new EntityFrameworkCoreStoreOptions();
        configure?.Invoke(options);
        var instance = options.InstanceId ?? Environment.MachineName + ":" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        var notify = postgreSqlConnectionString is not null && options.UseNotifications;
        if (notify)
        {
            // One listener per container, started with the store and disposed with the container.
            builder.Services.TryAddSingleton(sp => new PostgreSqlChangeListener(postgreSqlConnectionString!, sp.GetService<StoreSnapshotProvider>,
                sp.GetRequiredService<TimeProvider>(), options.Store.PollInterval, sp.GetService<ILoggerFactory>()));
        }

        return builder.AddConfigurationStore(
            sp =>
            {
                if (notify)
                {
                    sp.GetRequiredService<PostgreSqlChangeListener>().Start();
                }

                return new EntityFrameworkConfigurationStore(newContext, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ProtectedActionsRootPath>().Value,
                    instance, options.ApplyMigrations, sp.GetService<ILoggerFactory>(), notify);
            },
            store =>
            {
                store.PollInterval = options.Store.PollInterval;
                store.MaxCachedTenants = options.Store.MaxCachedTenants;
                store.UnconfiguredTenants = options.Store.UnconfiguredTenants;
                store.MaxCachedSnapshotBytes = options.Store.MaxCachedSnapshotBytes;
            });
    }
}
