using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace ProtectedActions.AspNetCore;

/// <summary>
/// Finds the OpenID Connect scheme to challenge for a web-app step-up: the configured
/// <see cref="ProtectedActionsWebAppOptions.OpenIdConnectScheme"/> when it is a registered OpenID Connect scheme;
/// otherwise the caller's scheme (the policy's schemes, else the default authenticate scheme) when it is an
/// OpenID Connect scheme (its sign-in cookie authenticated the caller) or a cookie scheme whose challenge
/// (<c>ForwardChallenge</c>, else the default challenge scheme) is an OpenID Connect scheme. Anything else:
/// <see langword="null"/>, and the caller gets the API answer.
/// </summary>
internal sealed class OpenIdConnectSchemeResolver
{
    private readonly IAuthenticationSchemeProvider? _schemes;
    private readonly IOptionsMonitor<CookieAuthenticationOptions> _cookies;
    private readonly IOptionsMonitor<ProtectedActionsWebAppOptions> _options;

    public OpenIdConnectSchemeResolver(IOptionsMonitor<CookieAuthenticationOptions> cookies, IOptionsMonitor<ProtectedActionsWebAppOptions> options,
        IAuthenticationSchemeProvider? schemes = null)
    {
        _schemes = schemes;
        _cookies = cookies;
        _options = options;
    }

    public async Task<string?> ResolveAsync(AuthorizationPolicy? policy)
    {
        if (_schemes is null)
        {
            return null; // no authentication registered: nothing to challenge
        }

        if (_options.CurrentValue.OpenIdConnectScheme is { } named)
        {
            return await IsOpenIdConnectAsync(named).ConfigureAwait(false) ? named : null;
        }

        if (policy is { AuthenticationSchemes.Count: > 0 })
        {
            foreach (var name in policy.AuthenticationSchemes)
            {
                if (await FromCallerSchemeAsync(name).ConfigureAwait(false) is { } found)
                {
                    return found;
                }
            }

            return null;
        }

        var authenticate = await _schemes.GetDefaultAuthenticateSchemeAsync().ConfigureAwait(false);
        return authenticate is null ? null : await FromCallerSchemeAsync(authenticate.Name).ConfigureAwait(false);
    }

    private async Task<string?> FromCallerSchemeAsync(string name)
    {
        var scheme = await _schemes!.GetSchemeAsync(name).ConfigureAwait(false);
        if (scheme is null)
        {
            return null;
        }

        if (typeof(OpenIdConnectHandler).IsAssignableFrom(scheme.HandlerType))
        {
            return scheme.Name;
        }

        if (!typeof(CookieAuthenticationHandler).IsAssignableFrom(scheme.HandlerType))
        {
            return null;
        }

        var challenge = _cookies.Get(scheme.Name).ForwardChallenge
            ?? (await _schemes!.GetDefaultChallengeSchemeAsync().ConfigureAwait(false))?.Name;
        return challenge is not null && await IsOpenIdConnectAsync(challenge).ConfigureAwait(false) ? challenge : null;
    }

    private async Task<bool> IsOpenIdConnectAsync(string name) =>
        await _schemes!.GetSchemeAsync(name).ConfigureAwait(false) is { } scheme
        && typeof(OpenIdConnectHandler).IsAssignableFrom(scheme.HandlerType);
}
