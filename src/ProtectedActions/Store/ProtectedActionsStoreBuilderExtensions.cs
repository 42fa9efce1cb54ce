using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ProtectedActions;
using ProtectedActions.DependencyInjection;
using ProtectedActions.Store;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers store-backed (managed, per-tenant) configuration.</summary>
public static class ProtectedActionsStoreBuilderExtensions
{
    /// <summary>
    /// Serves decisions from configuration kept in <paramref name="storeFactory"/>'s store, per tenant (resolved by
    /// <see cref="IProtectedActionsTenantResolver"/>, default the token's <c>tid</c>), and registers
    /// <see cref="IProtectedActionsConfigurationManager"/> for validated writes. The configuration registered with
    /// <c>AddProtectedActions</c> stays the default (see <see cref="ProtectedActionsStoreOptions.UnconfiguredTenants"/>)
    /// and what the health check reports, degraded while the store cannot be reached. Calling it twice is harmless.
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddProtectedActions</c>.</param>
    /// <param name="storeFactory">Creates the store (a singleton).</param>
    /// <param name="configure">Configures <see cref="ProtectedActionsStoreOptions"/>; optional.</param>
    public static ProtectedActionsBuilder AddConfigurationStore(this ProtectedActionsBuilder builder,
        Func<IServiceProvider, IProtectedActionsConfigurationStore> storeFactory, Action<ProtectedActionsStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(storeFactory);
        var services = builder.Services;
        var options = services.AddOptions<ProtectedActionsStoreOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.Validate(o => o.PollInterval > TimeSpan.Zero && o.PollInterval <= TimeSpan.FromMinutes(1),
                "ProtectedActions:Store:PollInterval: must be more than 0 and at most 1 minute (" + IssueCodes.StorePollInterval + ")")
            .Validate(o => o.MaxCachedTenants is >= 1 and <= 1_000_000,
                "ProtectedActions:Store:MaxCachedTenants: must be 1 to 1,000,000 (" + IssueCodes.StoreMaxCachedTenants + ")")
            .Validate(o => o.MaxCachedSnapshotBytes is null or > 0,
                "ProtectedActions:Store:MaxCachedSnapshotBytes: must be more than 0 bytes, or unset for no memory bound (" + IssueCodes.StoreMaxCachedSnapshotBytes + ")")
            .Validate(o => Enum.IsDefined(o.UnconfiguredTenants), "ProtectedActions:Store:UnconfiguredTenants: unknown value (" + IssueCodes.StoreUnconfiguredTenants + ")")
            .ValidateOnStart();
        services.TryAddSingleton(storeFactory);
        services.TryAddSingleton<IProtectedActionsTenantResolver, TokenTenantResolver>();
        services.TryAddSingleton(sp => new StoreSnapshotProvider(
            sp.GetRequiredService<IProtectedActionsConfigurationStore>(),
            sp.GetRequiredService<SnapshotSource>(),
            sp.GetRequiredService<ProtectedActionsRootPath>(),
            sp.GetRequiredService<IProtectedActionsTenantResolver>(),
            sp.GetRequiredService<IOptions<ProtectedActionsStoreOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            holder => ProtectedActionsServiceCollectionExtensions.NewEvaluator(sp, holder),
            sp.GetServices<IProtectedActionsConfigurationCheck>(),
            sp.GetService<ILoggerFactory>()));
        services.Replace(ServiceDescriptor.Singleton<IProtectedActionEvaluator>(sp => sp.GetRequiredService<StoreSnapshotProvider>()));
        services.Replace(ServiceDescriptor.Singleton<IProtectedActionsConfigurationStatus>(sp => sp.GetRequiredService<StoreSnapshotProvider>()));
        services.TryAddSingleton<IProtectedActionsConfigurationManager>(sp => sp.GetRequiredService<StoreSnapshotProvider>());
        return builder;
    }
}
