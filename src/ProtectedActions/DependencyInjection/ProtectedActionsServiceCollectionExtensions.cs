using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ProtectedActions;
using ProtectedActions.DependencyInjection;
using ProtectedActions.Evaluation;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers ProtectedActions.</summary>
public static class ProtectedActionsServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IProtectedActionEvaluator"/> with options configured in code. The configuration is
    /// validated at start-up; errors name their path (<c>ProtectedActions:...</c>). Calling it twice is harmless.
    /// </summary>
    public static ProtectedActionsBuilder AddProtectedActions(this IServiceCollection services, Action<ProtectedActionsOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        if (IsNewSource(services, configure))
        {
            services.Configure(configure);
        }

        return AddCore(services, ProtectedActionsOptions.SectionName);
    }

    /// <summary>
    /// Registers <see cref="IProtectedActionEvaluator"/> bound to a configuration section (the configuration
    /// document: <c>authenticationContexts</c>, <c>protectedActions</c>, <c>conditionalAccessPolicies</c>, ...).
    /// Reloads of the section swap in a freshly compiled snapshot; an invalid reload keeps the last good one.
    /// </summary>
    public static ProtectedActionsBuilder AddProtectedActions(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var path = configuration is IConfigurationSection section ? section.Path : ProtectedActionsOptions.SectionName;
        if (IsNewSource(services, configuration))
        {
            // Binding the same section twice would append every list twice.
            services.Configure<ProtectedActionsOptions>(configuration);
            services.AddSingleton(new ConfigurationKeyCheck(configuration, path)); // Unknown keys the binder would drop silently.
        }

        return AddCore(services, path);
    }

    private static bool IsNewSource(IServiceCollection services, object source)
    {
        if (services.Any(d => d.ServiceType == typeof(ConfigurationSourceMarker) && d.ImplementationInstance is ConfigurationSourceMarker m && ReferenceEquals(m.Source, source)))
        {
            return false;
        }

        services.AddSingleton(new ConfigurationSourceMarker(source));
        return true;
    }

    private static ProtectedActionsBuilder AddCore(IServiceCollection services, string rootPath)
    {
        services.AddOptions<ProtectedActionsOptions>().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(new ProtectedActionsRootPath(rootPath));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ProtectedActionsOptions>, StartupValidator>());
        services.TryAddSingleton<SnapshotSource>();
        services.TryAddSingleton<IProtectedActionsConfigurationStatus>(sp => sp.GetRequiredService<SnapshotSource>());
        services.TryAddSingleton<IProtectedActionEvaluator>(sp => NewEvaluator(sp, sp.GetRequiredService<SnapshotSource>().Holder));
        return new ProtectedActionsBuilder(services);
    }

    /// <summary>An evaluator over <paramref name="holder"/> with the registered providers and telemetry (file and store configuration alike).</summary>
    internal static DefaultProtectedActionEvaluator NewEvaluator(IServiceProvider sp, ProtectedActions.Compilation.SnapshotHolder holder) =>
        new(holder,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<IDeviceInformationProvider>(),
            sp.GetService<ICountryResolver>(),
            new ProtectedActions.Diagnostics.EvaluatorTelemetry(
                sp.GetService<System.Diagnostics.Metrics.IMeterFactory>(),
                sp.GetService<ILoggerFactory>()?.CreateLogger("ProtectedActions.Audit"),
                sp.GetRequiredService<TimeProvider>()));
}

/// <summary>Remembers which configuration sources were registered, so registering the same one twice is harmless.</summary>
internal sealed record ConfigurationSourceMarker(object Source);
