namespace ProtectedActions.SignIns;

/// <summary>
/// What one provider preset brings: whether it reads <c>acrs</c> (Entra) or <c>acr</c>, its default ordered
/// <c>acr</c> levels, and how its <c>amr</c> values differ from the RFC 8176 table. docs/providers.md cites the
/// vendor page behind each value.
/// </summary>
internal sealed class IssuerProfilePreset
{
    private IssuerProfilePreset(string name, bool readsAcrs, IReadOnlyList<string>? levels, IReadOnlyList<KeyValuePair<string, AmrEntry>> amr,
        AuthTimePresence authTime = AuthTimePresence.Issued)
    {
        Name = name;
        AuthTime = authTime;
        ReadsAcrs = readsAcrs;
        Levels = levels;
        Amr = amr;
    }

    public string Name { get; }

    /// <summary>Entra: contexts come from <c>acrs</c>; the <c>acr</c> mapping is not used.</summary>
    public bool ReadsAcrs { get; }

    /// <summary>Whether the provider's tokens carry <c>auth_time</c> (docs/providers.md, "auth_time").</summary>
    public AuthTimePresence AuthTime { get; }

    /// <summary>Default levels, lowest first, or <see langword="null"/>.</summary>
    public IReadOnlyList<string>? Levels { get; }

    /// <summary>amr values whose meaning for this provider differs from the default (RFC 8176 / Entra) table.</summary>
    public IReadOnlyList<KeyValuePair<string, AmrEntry>> Amr { get; }

    /// <summary>Okta's levels: <c>urn:okta:loa:1fa:pwd</c> &lt; <c>1fa:any</c> &lt; <c>2fa:any</c> &lt; <c>phr</c> &lt; <c>phrh</c>.</summary>
    internal static readonly IReadOnlyList<string> OktaLevels =
        ["urn:okta:loa:1fa:pwd", "urn:okta:loa:1fa:any", "urn:okta:loa:2fa:any", "phr", "phrh"];

    // A one-time password from an authenticator app (TOTP/HOTP): Keycloak's OTP form and Okta's otp.
    private static readonly KeyValuePair<string, AmrEntry> s_softwareOtp = new("otp", new AmrEntry(AuthenticationMethodModes.SoftwareOath, AmrFactors.None));

    private static readonly IssuerProfilePreset[] s_all =
    [
        new(IssuerProfiles.Entra, readsAcrs: true, levels: null, amr: [], authTime: AuthTimePresence.Optional),
        new(IssuerProfiles.Keycloak, readsAcrs: false, levels: null, amr: [s_softwareOtp]),
        new(IssuerProfiles.Okta, readsAcrs: false, levels: OktaLevels, amr: [s_softwareOtp]),
        new(IssuerProfiles.Auth0, readsAcrs: false, levels: null, amr: []),
        new(IssuerProfiles.Duende, readsAcrs: false, levels: null,
            // Stryker disable once String : "external" is not in the default table, so it already proves nothing; the entry says so on purpose, and an entry for "" instead proves nothing for a value that proves nothing anyway
            amr: [new("external", new AmrEntry(AuthenticationMethodModes.None, AmrFactors.None))]),
        new(IssuerProfiles.OpenIddict, readsAcrs: false, levels: null, amr: []),
        new(IssuerProfiles.Generic, readsAcrs: false, levels: null, amr: []),
    ];

    /// <summary>The preset named <paramref name="name"/> (case-insensitive), or <see langword="null"/>.</summary>
    public static IssuerProfilePreset? Find(string? name)
    {
        if (name is null)
        {
            return null;
        }

        foreach (var preset in s_all)
        {
            if (string.Equals(preset.Name, name.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return preset;
            }
        }

        return null;
    }
}

/// <summary>What a profile says about <c>auth_time</c> in its issuer's tokens.</summary>
internal enum AuthTimePresence
{
    /// <summary>Every token carries it (OpenID Connect requires it when <c>max_age</c> was requested): one without it proves no sign-in frequency.</summary>
    Issued,

    /// <summary>The issuer's tokens carry none: they never prove a sign-in frequency (<c>iat</c> is issuance, not authentication).</summary>
    NotIssued,

    /// <summary>Entra's default: a token without it is judged by <c>acrs</c>, whose issuance enforced the frequency.</summary>
    Optional,
}
