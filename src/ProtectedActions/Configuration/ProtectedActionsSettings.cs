namespace ProtectedActions;

/// <summary>How decisions are made and challenges written. Every property has a safe default.</summary>
public sealed class ProtectedActionsSettings
{
    /// <summary>The challenge format. Default <see cref="ChallengeFormat.Entra"/>.</summary>
    public ChallengeFormat ChallengeFormat { get; set; } = ChallengeFormat.Entra;

    /// <summary>The Entra challenge's <c>authorization_uri</c>. Default <c>https://login.microsoftonline.com/common/oauth2/authorize</c>; use a tenant-specific URI where clients need one.</summary>
    public string AuthorizationUri { get; set; } = "https://login.microsoftonline.com/common/oauth2/authorize";

    /// <summary>The Entra challenge's <c>realm</c>. Default empty, as Entra sends it.</summary>
    public string Realm { get; set; } = "";

    /// <summary>The RFC 9470 challenge's <c>error_description</c>. Default "A different authentication level is required".</summary>
    public string ErrorDescription { get; set; } = "A different authentication level is required";

    /// <summary>Maps context ids to the <c>acr</c> values an RFC 9470 challenge asks for. Default: the context id itself.</summary>
    public Dictionary<string, string> AcrValues { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether a context listed in the token's <c>acrs</c> claim counts as satisfied. Default <see langword="true"/>.</summary>
    public bool TrustAcrsClaim { get; set; } = true;

    /// <summary>Token issuers (exact, ordinal) whose <c>acrs</c> is trusted; see also <see cref="TrustedTenantIds"/> and <see cref="TrustAcrsFromAnyValidatedIssuer"/>. Default: empty.</summary>
    public List<string> TrustedIssuers { get; set; } = [];

    /// <summary>When on, a client whose <c>xms_cc</c> lacks <c>cp1</c> gets no challenge (the HTTP layer answers 403 and says why). Default off.</summary>
    public bool RequireClientCapability { get; set; }

    /// <summary>Overrides of the amr → method-mode table: amr value → comma-joined method modes (empty string: the amr value proves nothing). Default: none (see docs/decisions/tokens-and-challenges.md for the built-in table).</summary>
    public Dictionary<string, string> AmrMappings { get; set; } = new(StringComparer.Ordinal);

    /// <summary>When on, a protected context that no enabled policy targets is denied instead of allowed. Default off.</summary>
    public bool StrictMode { get; set; }

    /// <summary>Clock skew tolerated for <c>auth_time</c> in the future. Default 5 minutes.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a device provider or country resolver may take before the policies that need it fail closed. Default 3 seconds.</summary>
    public TimeSpan ProviderTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Whether the HTTP layer may name failed policies in problem details. Default off (disclosure risk).</summary>
    public bool IncludeDevelopmentDetails { get; set; }

    /// <summary>
    /// Permissions that endpoints declare but that are intentionally mapped to no authentication context (exact
    /// permissions, compared case-insensitively; <c>/*</c> patterns are not accepted). The ASP.NET Core integration
    /// fails start-up, and refuses a reload, when a declared permission is mapped nowhere and is not listed here.
    /// Listing a permission that the configuration does map is a validation error (PA1072). Default: none.
    /// </summary>
    public List<string> UnprotectedPermissions { get; set; } = [];

    /// <summary>
    /// Whether a document without any <c>protectedActions</c> is accepted. Default off: a document that protects
    /// nothing is usually an empty, truncated or deleted file, and is a validation error (PA1070) unless it says so.
    /// </summary>
    public bool AllowEmptyConfiguration { get; set; }

    /// <summary>
    /// Declares that the callers' devices are never registered in the directory, so a sign-in without device
    /// information (no <c>deviceid</c> claim, no <see cref="IDeviceInformationProvider"/> answer) is a known
    /// unregistered device (<see cref="DeviceProperties.Unregistered"/>) instead of an unknown one. Default off:
    /// device properties nobody supplied are unknown and device filters that need them apply with
    /// <c>notEnoughInformation</c>. A sign-in that does carry a device id stays a registered device.
    /// </summary>
    public bool DevicesNeverRegistered { get; set; }

    /// <summary>
    /// Set when the app registration emits only the groups assigned to the application (Entra's "Groups assigned to
    /// the application" option of the groups claim): the <c>groups</c> claim then lists only those, so a group
    /// condition on a group the token does not list is unknown (the policy applies with
    /// <c>notEnoughInformation</c>; an exclusion does not exempt) instead of "not a member". Default off.
    /// </summary>
    public bool GroupClaimsAssignedToApplicationOnly { get; set; }

    /// <summary>
    /// Entra tenant ids whose tokens' <c>acrs</c> is trusted: the token's issuer must be that tenant's v1
    /// (<c>https://sts.windows.net/{tid}/</c>) or v2 (<c>https://login.microsoftonline.com/{tid}/v2.0</c>) issuer and
    /// its <c>tid</c> must equal it. Default: empty.
    /// </summary>
    public List<string> TrustedTenantIds { get; set; } = [];

    /// <summary>
    /// The explicit opt-in to trust <c>acrs</c> from any issuer the host's token validation accepted, when neither
    /// <see cref="TrustedIssuers"/> nor <see cref="TrustedTenantIds"/> is configured. Safe only when the host accepts
    /// tokens of one tenant. Default <see langword="false"/>: with <see cref="TrustAcrsClaim"/> on and nothing trusted,
    /// the configuration is invalid.
    /// </summary>
    public bool TrustAcrsFromAnyValidatedIssuer { get; set; }

    /// <summary>
    /// Trust profiles per token issuer: which issuer, which provider preset (<c>entra</c>, <c>keycloak</c>,
    /// <c>okta</c>, <c>auth0</c>, <c>duende</c>, <c>openiddict</c>, <c>generic</c>) and how its <c>acr</c> maps to
    /// contexts. <see cref="TrustedIssuers"/> keeps working as shorthand for <c>entra</c> profiles. Default: none.
    /// See docs/providers.md.
    /// </summary>
    public List<IssuerProfileSettings> Issuers { get; set; } = [];
}
