using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ProtectedActions.AspNetCore;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the web-app step-up endpoint.</summary>
public static class ProtectedActionsStepUpEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>GET</c> <see cref="ProtectedActionsWebAppOptions.StepUpPath"/> (default
    /// <c>/protected-actions/step-up</c>): <c>?context=c1&amp;returnUrl=/local/page</c> (and optionally
    /// <c>&amp;maxAge=seconds</c>) starts the OpenID Connect step-up challenge for a configured context and brings
    /// the user back to the local return URL. This is where the <c>stepUpUrl</c> of a 401 answer points. Unknown
    /// contexts, non-local return URLs and bad max ages are refused with 400.
    /// </summary>
    /// <param name="endpoints">The endpoint route builder (the <c>WebApplication</c>).</param>
    /// <returns>The endpoint's convention builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="endpoints"/> is null.</exception>
    public static IEndpointConventionBuilder MapProtectedActionsStepUp(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var path = endpoints.ServiceProvider.GetRequiredService<IOptions<ProtectedActionsWebAppOptions>>().Value.StepUpPath;
        return endpoints.MapGet(path, StepUpEndpoint.HandleAsync).WithDisplayName("ProtectedActions step-up");
    }
}
