namespace ProtectedActions;

/// <summary>The names of the issuer profile presets (<see cref="IssuerProfileSettings.Profile"/>), compared case-insensitively.</summary>
public static class IssuerProfiles
{
    /// <summary>Microsoft Entra ID: <c>acrs</c> lists satisfied contexts; Entra's claims challenge.</summary>
    public const string Entra = "entra";
    /// <summary>Keycloak: <c>acr</c> is the ACR mapped to a level of authentication (LoA).</summary>
    public const string Keycloak = "keycloak";
    /// <summary>Okta: <c>acr</c> is one of Okta's <c>urn:okta:loa:*</c> values or <c>phr</c>/<c>phrh</c>, with default levels.</summary>
    public const string Okta = "okta";
    /// <summary>Auth0: <c>acr</c> is the requested policy URI; <c>amr</c> carries <c>mfa</c>.</summary>
    public const string Auth0 = "auth0";
    /// <summary>Duende IdentityServer: standard <c>acr</c>/<c>amr</c>.</summary>
    public const string Duende = "duende";
    /// <summary>OpenIddict: standard <c>acr</c>/<c>amr</c>.</summary>
    public const string OpenIddict = "openiddict";
    /// <summary>Any other OpenID Connect provider: standard <c>acr</c>/<c>amr</c> (RFC 8176 values).</summary>
    public const string Generic = "generic";

    /// <summary>Every preset name.</summary>
    public static IReadOnlyList<string> All { get; } = [Entra, Keycloak, Okta, Auth0, Duende, OpenIddict, Generic];
}
