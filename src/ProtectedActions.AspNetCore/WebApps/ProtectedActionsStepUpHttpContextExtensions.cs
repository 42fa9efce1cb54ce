using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ProtectedActions.AspNetCore;

/// <summary>Turns a protected API's step-up requirement into the web app's OpenID Connect challenge.</summary>
public static class ProtectedActionsStepUpHttpContextExtensions
{
    /// <summary>
    /// Sends the user to the identity provider with what the API asked for (the claims request as the API sent it,
    /// its <c>acr_values</c>, its <c>max_age</c>; <c>prompt=login</c> for <c>max_age=0</c>) and a <c>login_hint</c>
    /// for the current user, then back to <paramref name="returnUrl"/>: the way Microsoft.Identity.Web turns
    /// <c>MsalUiRequiredException</c> into a challenge. Call it where <see cref="StepUpRequiredException"/> from
    /// <see cref="StepUpRetryHandler"/> is caught (a page handler, an exception filter).
    /// </summary>
    /// <param name="context">The current request.</param>
    /// <param name="exception">The exception the client handler threw.</param>
    /// <param name="returnUrl">A local URL to return to; <see langword="null"/>: the page that asked (GET) or the same-origin page that posted the form, else <see cref="ProtectedActionsWebAppOptions.FallbackReturnPath"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="context"/> or <paramref name="exception"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="returnUrl"/> is not a local URL.</exception>
    /// <exception cref="InvalidOperationException">No OpenID Connect scheme is configured or detectable, or <c>AddAspNetCore()</c> was not called.</exception>
    public static async Task ChallengeForStepUpAsync(this HttpContext context, StepUpRequiredException exception, string? returnUrl = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(exception);
        if (returnUrl is not null && !LocalReturnUrl.IsLocal(returnUrl))
        {
            throw new ArgumentException("The return URL must be a local URL (a path on this site).", nameof(returnUrl));
        }

        var services = context.RequestServices;
        var resolver = services.GetService<OpenIdConnectSchemeResolver>()
            ?? throw new InvalidOperationException("Call services.AddProtectedActions(...).AddAspNetCore() first.");
        var scheme = await resolver.ResolveAsync(null).ConfigureAwait(false)
            ?? throw new InvalidOperationException("No OpenID Connect scheme to challenge: add one (AddOpenIdConnect, AddMicrosoftIdentityWebApp) or name it in ProtectedActionsWebAppOptions.OpenIdConnectScheme.");
        var options = services.GetRequiredService<IOptionsMonitor<ProtectedActionsWebAppOptions>>().CurrentValue;
        var properties = OpenIdConnectStepUpRequest.FromRequirement(exception.Requirement)
            .ToProperties(returnUrl ?? LocalReturnUrl.ForRequest(context, options.FallbackReturnPath), context.User);
        context.Response.Headers.CacheControl = "no-store";
        await context.ChallengeAsync(scheme, properties).ConfigureAwait(false);
    }
}
