namespace ProtectedActions.SignIns;

/// <summary>
/// The claim types the sign-in mapper reads, in their JWT short form and in the long form that inbound claim
/// mapping (<c>JwtSecurityTokenHandler.DefaultInboundClaimTypeMap</c>, JwtBearer's <c>MapInboundClaims</c>)
/// turns some of them into. Claims without a long form keep their short name in both modes.
/// </summary>
internal static class TokenClaimTypes
{
    /// <summary><c>oid</c>: the user's object id.</summary>
    public const string ObjectId = "oid";
    /// <summary>The long form of <c>oid</c>.</summary>
    public const string ObjectIdLong = "http://schemas.microsoft.com/identity/claims/objectidentifier";
    /// <summary><c>sub</c>: the subject (used when there is no <c>oid</c>).</summary>
    public const string Subject = "sub";
    /// <summary>The long form of <c>sub</c> (<c>ClaimTypes.NameIdentifier</c>).</summary>
    public const string SubjectLong = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/nameidentifier";
    /// <summary><c>tid</c>: the tenant id.</summary>
    public const string TenantId = "tid";
    /// <summary>The long form of <c>tid</c>.</summary>
    public const string TenantIdLong = "http://schemas.microsoft.com/identity/claims/tenantid";
    /// <summary><c>iss</c>: the issuer.</summary>
    public const string Issuer = "iss";
    /// <summary><c>groups</c>: group object ids.</summary>
    public const string Groups = "groups";
    /// <summary><c>wids</c>: directory role template ids.</summary>
    public const string RoleTemplateIds = "wids";
    /// <summary><c>amr</c>: authentication method references.</summary>
    public const string AuthenticationMethods = "amr";
    /// <summary>The long form of <c>amr</c>.</summary>
    public const string AuthenticationMethodsLong = "http://schemas.microsoft.com/claims/authnmethodsreferences";
    /// <summary><c>auth_time</c>: when the user last actively authenticated (seconds since 1970).</summary>
    public const string AuthenticationTime = "auth_time";
    /// <summary><c>acrs</c>: satisfied authentication contexts.</summary>
    public const string AuthenticationContexts = "acrs";
    /// <summary><c>acr</c>: the authentication context class reference.</summary>
    public const string AuthenticationClass = "acr";
    /// <summary>The long form of <c>acr</c>.</summary>
    public const string AuthenticationClassLong = "http://schemas.microsoft.com/claims/authnclassreference";
    /// <summary><c>xms_cc</c>: client capabilities (for example <c>cp1</c>).</summary>
    public const string ClientCapabilities = "xms_cc";
    /// <summary><c>deviceid</c>: the Entra device id.</summary>
    public const string DeviceId = "deviceid";
    /// <summary>The long form of <c>deviceid</c>.</summary>
    public const string DeviceIdLong = "http://schemas.microsoft.com/2012/01/devicecontext/claims/identifier";
    /// <summary><c>idtyp</c>: <c>app</c> for app-only tokens, <c>user</c> for delegated ones.</summary>
    public const string IdentityType = "idtyp";
    /// <summary><c>acct</c>: the account's user type in the resource tenant (0 member, 1 guest).</summary>
    public const string AccountType = "acct";
    /// <summary><c>idp</c>: the identity provider that authenticated the subject.</summary>
    public const string IdentityProvider = "idp";
    /// <summary>The long form of <c>idp</c>.</summary>
    public const string IdentityProviderLong = "http://schemas.microsoft.com/identity/claims/identityprovider";
    /// <summary><c>_claim_names</c>: distributed claims (Entra's groups overage indicator).</summary>
    public const string ClaimNames = "_claim_names";
    /// <summary><c>_claim_sources</c>: distributed-claim sources (with <c>_claim_names</c>, Entra's groups overage indicator).</summary>
    public const string ClaimSources = "_claim_sources";
    /// <summary><c>hasgroups</c>: Entra's implicit-flow groups overage indicator.</summary>
    public const string HasGroups = "hasgroups";
}
