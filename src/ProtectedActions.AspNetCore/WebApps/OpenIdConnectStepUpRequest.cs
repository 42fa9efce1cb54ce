using System.Globalization;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;

namespace ProtectedActions.AspNetCore;

/// <summary>
/// What an OpenID Connect authorize request must carry for a step-up: the Entra claims request, the RFC 9470
/// <c>acr_values</c>, the <c>max_age</c> (with <c>prompt=login</c> for "every time") and a <c>login_hint</c>.
/// Turned into <see cref="OpenIdConnectChallengeProperties"/>: <c>max_age</c> and <c>prompt</c> are the handler's
/// own properties; <c>claims</c>, <c>acr_values</c> and <c>login_hint</c> travel in
/// <see cref="Microsoft.AspNetCore.Authentication.AuthenticationProperties.Parameters"/> (never persisted in the
/// state) and are written into the request by <see cref="OpenIdConnectStepUpEvents"/>.
/// </summary>
internal sealed class OpenIdConnectStepUpRequest
{
    /// <summary>Marks properties whose parameters this library set (the value is the number of parameters).</summary>
    public const string Marker = "protected-actions.step-up";
    public const string ClaimsParameter = "claims";
    public const string AcrValuesParameter = "acr_values";
    public const string LoginHintParameter = "login_hint";
    public const int MaxLoginHintLength = 256;

    /// <summary>The longest <c>max_age</c> accepted (a year, the longest sign-in frequency).</summary>
    public const int MaxMaxAgeSeconds = 365 * 24 * 3600;

    public OpenIdConnectStepUpRequest(string? claims, string? acrValues, int? maxAgeSeconds)
    {
        Claims = claims;
        AcrValues = acrValues;
        MaxAgeSeconds = maxAgeSeconds;
    }

    public string? Claims { get; }

    public string? AcrValues { get; }

    public int? MaxAgeSeconds { get; }

    /// <summary>
    /// The request for a context: the id-token claims request when the Entra format is on, the acr values when the
    /// RFC 9470 format is on (both for <see cref="ChallengeFormat.Both"/>), and the max age in both cases (a
    /// claims request alone does not make a provider re-authenticate a fresh-enough session).
    /// </summary>
    public static OpenIdConnectStepUpRequest For(string contextId, bool entra, string? acrValues, int? maxAgeSeconds) =>
        new(entra ? IdTokenClaims(contextId) : null, acrValues, maxAgeSeconds);

    /// <summary><c>{"id_token":{"acrs":{"essential":true,"value":"c1"}}}</c>: the context in the token a web app receives.</summary>
    public static string IdTokenClaims(string contextId) =>
        "{\"id_token\":{\"acrs\":{\"essential\":true,\"value\":\"" + contextId + "\"}}}";

    /// <summary>
    /// The decision's step-up as an authorize request, read from its challenge (the same values an API client
    /// would get: the configured acr values, the failing sign-in frequency); <see langword="null"/> when the
    /// decision carries no challenge or no step-up challenge can be read from it.
    /// </summary>
    public static OpenIdConnectStepUpRequest? FromDecision(ProtectedActionDecision decision)
    {
        // A custom evaluator's decision may carry any text: only c1..c99 is written into the claims JSON.
        if (decision.Challenge is not { } challenge || decision.AuthenticationContextId is not { } contextId || !StepUpEndpoint.IsContextId(contextId)
            || StepUpRequirement.FromWwwAuthenticate(challenge.WwwAuthenticate) is not { } requirement)
        {
            return null;
        }

        var acr = requirement.AcrValues.Count == 0 ? null : string.Join(' ', requirement.AcrValues);
        return For(contextId, requirement.Claims is not null, acr, decision.MaxAgeSeconds ?? requirement.MaxAge);
    }

    /// <summary>An API's step-up requirement (from <see cref="StepUpRequiredException"/>) as an authorize request: its claims request as sent.</summary>
    public static OpenIdConnectStepUpRequest FromRequirement(StepUpRequirement requirement) =>
        new(requirement.Claims, requirement.AcrValues.Count == 0 ? null : string.Join(' ', requirement.AcrValues), requirement.MaxAge);

    public OpenIdConnectChallengeProperties ToProperties(string returnUrl, ClaimsPrincipal? user)
    {
        var properties = new OpenIdConnectChallengeProperties { RedirectUri = returnUrl };
        var count = 0;
        if (MaxAgeSeconds is { } maxAge and >= 0 and <= MaxMaxAgeSeconds)
        {
            properties.MaxAge = TimeSpan.FromSeconds(maxAge);
            if (maxAge == 0)
            {
                properties.Prompt = "login"; // "every time": a new sign-in, whatever the provider's session
            }
        }

        if (Claims is not null)
        {
            properties.Parameters[ClaimsParameter] = Claims;
            count++;
        }

        if (AcrValues is not null)
        {
            properties.Parameters[AcrValuesParameter] = AcrValues;
            count++;
        }

        if (LoginHint(user) is { } hint)
        {
            properties.Parameters[LoginHintParameter] = hint;
            count++;
        }

        properties.Parameters[Marker] = count;
        return properties;
    }

    /// <summary>
    /// The user to sign in again: the principal's <c>login_hint</c> claim, else <c>preferred_username</c>,
    /// <c>upn</c> or <c>email</c> (the first present, from an authenticated identity); at most
    /// <see cref="MaxLoginHintLength"/> characters without control characters, else none.
    /// </summary>
    public static string? LoginHint(ClaimsPrincipal? user)
    {
        if (user is null)
        {
            return null;
        }

        foreach (var type in (ReadOnlySpan<string>)["login_hint", "preferred_username", ClaimTypes.Upn, "upn", ClaimTypes.Email, "email"])
        {
            foreach (var identity in user.Identities)
            {
                if (identity.IsAuthenticated && identity.FindFirst(type)?.Value is { Length: > 0 and <= MaxLoginHintLength } value && !HasControl(value))
                {
                    return value;
                }
            }
        }

        return null;
    }

    /// <summary>The local step-up endpoint URL: <c>{pathBase}{stepUpPath}?context=c1&amp;returnUrl=…[&amp;maxAge=…]</c>.</summary>
    public static string StepUpUrl(string pathBase, string stepUpPath, string contextId, string returnUrl, int? maxAgeSeconds)
    {
        var url = new StringBuilder(pathBase.Length + stepUpPath.Length + returnUrl.Length + 48)
            .Append(pathBase).Append(stepUpPath)
            .Append("?context=").Append(Uri.EscapeDataString(contextId))
            .Append("&returnUrl=").Append(Uri.EscapeDataString(returnUrl));
        if (maxAgeSeconds is { } maxAge and >= 0 and <= MaxMaxAgeSeconds)
        {
            url.Append("&maxAge=").Append(maxAge.ToString(CultureInfo.InvariantCulture));
        }

        return url.ToString();
    }

    private static bool HasControl(string value)
    {
        foreach (var c in value)
        {
            if (char.IsControl(c))
            {
                return true;
            }
        }

        return false;
    }
}
