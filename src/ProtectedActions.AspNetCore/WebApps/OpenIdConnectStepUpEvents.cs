using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;

namespace ProtectedActions.AspNetCore;

/// <summary>
/// Writes the step-up's <c>claims</c>, <c>acr_values</c> and <c>login_hint</c> into the authorize request of every
/// OpenID Connect scheme: the handler writes <c>max_age</c> and <c>prompt</c> from the challenge properties itself,
/// the other parameters only through <c>OnRedirectToIdentityProvider</c>. The host's own handler (and
/// Microsoft.Identity.Web's) runs first; the step-up's values then win, so the request always asks for the
/// context. Properties without the library's marker are left alone.
/// </summary>
internal sealed class OpenIdConnectStepUpEvents : IPostConfigureOptions<OpenIdConnectOptions>
{
    private static readonly string[] Parameters =
        [OpenIdConnectStepUpRequest.ClaimsParameter, OpenIdConnectStepUpRequest.AcrValuesParameter, OpenIdConnectStepUpRequest.LoginHintParameter];

    public void PostConfigure(string? name, OpenIdConnectOptions options)
    {
        options.Events ??= new OpenIdConnectEvents();
        var previous = options.Events.OnRedirectToIdentityProvider;
        options.Events.OnRedirectToIdentityProvider = async context =>
        {
            if (previous is not null)
            {
                await previous(context).ConfigureAwait(false);
            }

            if (context.Handled || !context.Properties.Parameters.ContainsKey(OpenIdConnectStepUpRequest.Marker))
            {
                return;
            }

            foreach (var parameter in Parameters)
            {
                if (context.Properties.Parameters.TryGetValue(parameter, out var value) && value is string text)
                {
                    context.ProtocolMessage.SetParameter(parameter, text);
                }
            }
        };
    }
}
