using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ProtectedActions.AspNetCore;

/// <summary>The services of the web-app step-up, registered by <c>AddAspNetCore()</c> (idempotent).</summary>
internal static class WebAppStepUpServices
{
    public static void Add(IServiceCollection services)
    {
        services.AddOptions<ProtectedActionsWebAppOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ProtectedActionsWebAppOptions>, ProtectedActionsWebAppOptionsValidation>());
        services.TryAddSingleton<OpenIdConnectSchemeResolver>();
        services.TryAddSingleton<WebAppStepUpResponder>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<OpenIdConnectOptions>, OpenIdConnectStepUpEvents>());
        services.TryAddScoped<ProtectedActionStepUpNavigator>();
    }
}
