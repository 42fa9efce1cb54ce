using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using ProtectedActions;
using ProtectedActions.AspNetCore;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the ASP.NET Core integration of ProtectedActions.</summary>
public static class ProtectedActionsAspNetCoreBuilderExtensions
{
    /// <summary>
    /// Adds authorization, the handler for <see cref="ProtectedActionRequirement"/> and the result handler that
    /// answers step-up with 401 + <c>WWW-Authenticate</c> and refusals with 403 problem details. An
    /// <see cref="IAuthorizationMiddlewareResultHandler"/> the host registered earlier is kept and receives every
    /// result that is not a protected-action refusal. Calling it twice is harmless.
    /// <para>
    /// Start-up fails when an endpoint declares a permission (<c>RequireProtectedAction</c>, <c>[ProtectedAction]</c>,
    /// or an authorization policy with a <see cref="ProtectedActionRequirement"/>) that the configuration maps to no
    /// authentication context, unless it is opted out (<c>allowUnmapped</c>, <c>settings.unprotectedPermissions</c>);
    /// a reload that would leave one unmapped is refused and the last good configuration stays in force.
    /// </para>
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddProtectedActions(...)</c>.</param>
    /// <returns>The builder.</returns>
    public static ProtectedActionsBuilder AddAspNetCore(this ProtectedActionsBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        if (services.Any(d => d.ServiceType == typeof(AspNetCoreMarker)))
        {
            return builder;
        }

        services.AddSingleton<AspNetCoreMarker>();
        services.AddAuthorization();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAuthorizationHandler, ProtectedActionAuthorizationHandler>());

        // No step-up loops: remembered per subject and context (IDistributedCache when registered, else in memory).
        services.AddOptions<StepUpLoopOptions>()
            .Validate(o => o.Window > TimeSpan.Zero && o.Window <= StepUpLoopOptions.MaxWindow, "StepUpLoopOptions.Window must be more than zero and at most one day.")
            .Validate(o => o.ClockSkew >= TimeSpan.Zero && o.ClockSkew <= TimeSpan.FromMinutes(5), "StepUpLoopOptions.ClockSkew must be from zero to 5 minutes.")
            .Validate(o => o.MaxInMemoryEntries >= 1, "StepUpLoopOptions.MaxInMemoryEntries must be at least 1.")
            .ValidateOnStart();
        services.TryAddSingleton<StepUpLoopGuard>();

        // Every permission an endpoint declares must be mapped (or opted out): checked when the pipeline is built,
        // before the server listens, and on every reload (a reload that would unmap one is refused).
        services.AddSingleton<DeclaredPermissionsCheck>();
        services.AddSingleton<IProtectedActionsConfigurationCheck>(sp => sp.GetRequiredService<DeclaredPermissionsCheck>());
        services.AddTransient<Microsoft.AspNetCore.Hosting.IStartupFilter, DeclaredPermissionsStartupFilter>();

        // Web apps (cookie + OpenID Connect): step-up as a redirect to the identity provider (WebApps/).
        WebAppStepUpServices.Add(services);

        // Decorate whatever result handler is registered now (the framework's default when none is).
        var inner = services.LastOrDefault(d => d.ServiceType == typeof(IAuthorizationMiddlewareResultHandler) && !d.IsKeyedService);
        services.RemoveAll<IAuthorizationMiddlewareResultHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler>(sp => new ProtectedActionResultHandler(
            CreateInner(sp, inner),
            sp.GetRequiredService<IProtectedActionsConfigurationStatus>(),
            sp.GetRequiredService<ILogger<ProtectedActionResultHandler>>()));
        return builder;
    }

    private static IAuthorizationMiddlewareResultHandler CreateInner(IServiceProvider sp, ServiceDescriptor? descriptor) => descriptor switch
    {
        null => new AuthorizationMiddlewareResultHandler(),
        { ImplementationInstance: IAuthorizationMiddlewareResultHandler instance } => instance,
        { ImplementationFactory: { } factory } => (IAuthorizationMiddlewareResultHandler)factory(sp),
        { ImplementationType: { } type } when type == typeof(AuthorizationMiddlewareResultHandler) => new AuthorizationMiddlewareResultHandler(),
        { ImplementationType: { } type } => (IAuthorizationMiddlewareResultHandler)ActivatorUtilities.CreateInstance(sp, type),
        _ => new AuthorizationMiddlewareResultHandler(),
    };

    /// <summary>Makes <see cref="AddAspNetCore"/> idempotent.</summary>
    private sealed class AspNetCoreMarker;
}
