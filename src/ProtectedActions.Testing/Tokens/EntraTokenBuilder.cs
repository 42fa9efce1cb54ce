using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ProtectedActions.Testing;

/// <summary>
/// Builds what a host sees after validating a Microsoft Entra access token: a signed compact JWT
/// (<see cref="BuildJwt"/>) or the <see cref="ClaimsPrincipal"/> JwtBearer authentication makes of it
/// (<see cref="BuildPrincipal"/>), with Entra's claim names and shapes: <c>oid</c>, <c>tid</c>, <c>iss</c>,
/// <c>groups</c>, <c>wids</c>, <c>amr</c>, <c>auth_time</c>, <c>acrs</c>, <c>acr</c>, <c>xms_cc</c>,
/// <c>deviceid</c>, <c>idtyp</c>, and the optional claims <c>acct</c> and <c>idp</c> that say member or guest.
/// </summary>
/// <remarks>
/// <para>
/// Defaults: user <see cref="TestIdentities.UserId"/> in <see cref="TestIdentities.TenantId"/>, issuer
/// <see cref="TestIdentities.Issuer"/>, audience <see cref="TestIdentities.Audience"/>, a delegated token
/// (<c>idtyp</c> <c>user</c>) of a member (<c>acct</c> 0) who signed in with a password (<c>amr</c>
/// <c>["pwd"]</c>), issued now and valid for an hour. A token has no way to say "in no groups": without
/// <see cref="InGroups"/> (or with no ids) there is no <c>groups</c> claim and the mapped sign-in's groups are
/// unknown, exactly as for a real token.
/// </para>
/// <para>
/// Tokens are signed with <see cref="SigningKey"/> (RSA 2048, RS256, generated once per process) unless other
/// credentials are given; <see cref="CreateValidationParameters"/> validates them. These are test tokens: the
/// key is not secret and must never be trusted outside tests.
/// </para>
/// </remarks>
public sealed class EntraTokenBuilder
{
    /// <summary>The key id of <see cref="SigningKey"/>.</summary>
    public const string SigningKeyId = "protected-actions-testing";

    private static readonly Lazy<RsaSecurityKey> LazyKey = new(
        () => new RsaSecurityKey(RSA.Create(2048)) { KeyId = SigningKeyId }, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Dictionary<string, object> _extra = new(StringComparer.Ordinal);
    private string _userId = TestIdentities.UserId;
    private string _tenantId = TestIdentities.TenantId;
    private string? _issuer;
    private string _audience = TestIdentities.Audience;
    private List<string>? _groups;
    private List<string>? _roles;
    private List<string>? _amr;
    private List<string>? _acrs;
    private List<string>? _clientCapabilities;
    private string? _acr;
    private string? _deviceId;
    private DateTimeOffset? _authenticationTime;
    private int? _accountType = 0;
    private string? _identityProvider;
    private string _identityType = "user";
    private DateTimeOffset? _issuedAt;
    private TimeSpan _lifetime = TimeSpan.FromHours(1);

    /// <summary>The RSA key test tokens are signed with unless other credentials are given. Not secret: for tests only.</summary>
    public static RsaSecurityKey SigningKey => LazyKey.Value;

    /// <summary>RS256 signing credentials over <see cref="SigningKey"/>.</summary>
    public static SigningCredentials SigningCredentials => new(SigningKey, SecurityAlgorithms.RsaSha256);

    /// <summary>Starts a token for <paramref name="userId"/>.</summary>
    /// <param name="userId">The user's object id (<c>oid</c>).</param>
    public static EntraTokenBuilder ForUser(string userId) => new EntraTokenBuilder().WithUserId(userId);

    /// <summary>Sets the user's object id (<c>oid</c>).</summary>
    /// <param name="userId">The object id.</param>
    public EntraTokenBuilder WithUserId(string userId)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        _userId = userId;
        return this;
    }

    /// <summary>Sets the tenant id (<c>tid</c>); unless <see cref="WithIssuer"/> is called, the issuer becomes that tenant's v2 issuer.</summary>
    /// <param name="tenantId">The tenant id.</param>
    public EntraTokenBuilder InTenant(string tenantId)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        _tenantId = tenantId;
        return this;
    }

    /// <summary>Sets the issuer (<c>iss</c>).</summary>
    /// <param name="issuer">The issuer.</param>
    public EntraTokenBuilder WithIssuer(string issuer)
    {
        ArgumentException.ThrowIfNullOrEmpty(issuer);
        _issuer = issuer;
        return this;
    }

    /// <summary>Sets the audience (<c>aud</c>).</summary>
    /// <param name="audience">The audience, for example <c>api://contoso-billing</c>.</param>
    public EntraTokenBuilder WithAudience(string audience)
    {
        ArgumentException.ThrowIfNullOrEmpty(audience);
        _audience = audience;
        return this;
    }

    /// <summary>Adds group object ids (<c>groups</c>).</summary>
    /// <param name="groupIds">The group ids.</param>
    public EntraTokenBuilder InGroups(params string[] groupIds)
    {
        ArgumentNullException.ThrowIfNull(groupIds);
        _groups = Lists.AddDistinct(_groups, groupIds);
        return this;
    }

    /// <summary>Adds directory role template ids (<c>wids</c>).</summary>
    /// <param name="roleTemplateIds">The role template ids.</param>
    public EntraTokenBuilder WithRoles(params string[] roleTemplateIds)
    {
        ArgumentNullException.ThrowIfNull(roleTemplateIds);
        _roles = Lists.AddDistinct(_roles, roleTemplateIds);
        return this;
    }

    /// <summary>A member of the tenant (<c>acct</c> 0, no <c>idp</c>): the default.</summary>
    public EntraTokenBuilder AsMember()
    {
        _accountType = 0;
        _identityProvider = null;
        return this;
    }

    /// <summary>
    /// A guest (<c>acct</c> 1). With <paramref name="homeTenantId"/>, the account comes from that tenant
    /// (<c>idp</c> is its v1 issuer, a B2B collaboration guest); without, it is an internal guest.
    /// </summary>
    /// <param name="homeTenantId">The guest's home tenant, or <see langword="null"/> for an internal guest.</param>
    public EntraTokenBuilder AsGuest(string? homeTenantId = null)
    {
        _accountType = 1;
        _identityProvider = homeTenantId is null ? null : "https://sts.windows.net/" + homeTenantId + "/";
        return this;
    }

    /// <summary>Leaves out <c>acct</c> and <c>idp</c>, so member-or-guest is unknown (as when the optional claim is not configured).</summary>
    public EntraTokenBuilder WithUnknownUserType()
    {
        _accountType = null;
        _identityProvider = null;
        return this;
    }

    /// <summary>An app-only token (<c>idtyp</c> <c>app</c>): there is no signed-in user.</summary>
    public EntraTokenBuilder AsApplication()
    {
        _identityType = "app";
        return this;
    }

    /// <summary>Adds <c>amr</c> <c>pwd</c>.</summary>
    public EntraTokenBuilder WithPassword() => WithAmr(AmrValues.Password);

    /// <summary>Adds <c>amr</c> <c>mfa</c> (an unnamed second factor).</summary>
    public EntraTokenBuilder WithMfa() => WithAmr(AmrValues.Mfa);

    /// <summary>Adds <c>amr</c> <c>fido</c> and <c>mfa</c> (a FIDO2 security key or passkey).</summary>
    public EntraTokenBuilder WithFido2() => WithAmr(AmrValues.Fido2);

    /// <summary>Adds raw <c>amr</c> values. The first call replaces the <c>["pwd"]</c> default; with no values the token carries no <c>amr</c>.</summary>
    /// <param name="amr">The values.</param>
    public EntraTokenBuilder WithAmr(params string[] amr)
    {
        ArgumentNullException.ThrowIfNull(amr);
        _amr = Lists.AddDistinct(_amr, amr);
        return this;
    }

    /// <summary>Sets <c>auth_time</c> (whole seconds, as tokens carry it).</summary>
    /// <param name="authenticationTime">When the user last actively authenticated.</param>
    public EntraTokenBuilder AuthenticatedAt(DateTimeOffset authenticationTime)
    {
        _authenticationTime = authenticationTime;
        return this;
    }

    /// <summary>Sets <c>auth_time</c> to <paramref name="age"/> before <paramref name="timeProvider"/>'s now.</summary>
    /// <param name="age">How long ago; not negative.</param>
    /// <param name="timeProvider">The clock.</param>
    public EntraTokenBuilder AuthenticatedAgo(TimeSpan age, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfLessThan(age, TimeSpan.Zero);
        _authenticationTime = timeProvider.GetUtcNow() - age;
        return this;
    }

    /// <summary>Adds satisfied authentication contexts (<c>acrs</c>).</summary>
    /// <param name="contextIds">The context ids, for example <c>c1</c>.</param>
    public EntraTokenBuilder WithSatisfiedContexts(params string[] contextIds)
    {
        ArgumentNullException.ThrowIfNull(contextIds);
        _acrs = Lists.AddDistinct(_acrs, contextIds);
        return this;
    }

    /// <summary>Sets <c>acr</c>.</summary>
    /// <param name="acr">The value (Entra v1 tokens carry <c>1</c>).</param>
    public EntraTokenBuilder WithAcr(string acr)
    {
        ArgumentException.ThrowIfNullOrEmpty(acr);
        _acr = acr;
        return this;
    }

    /// <summary>Adds a client capability (<c>xms_cc</c>).</summary>
    /// <param name="capability">The capability; default <c>cp1</c>.</param>
    public EntraTokenBuilder WithClientCapability(string capability = "cp1")
    {
        ArgumentException.ThrowIfNullOrEmpty(capability);
        _clientCapabilities = Lists.AddDistinct(_clientCapabilities, [capability]);
        return this;
    }

    /// <summary>Sets the device id (<c>deviceid</c>), present when the sign-in came from a registered device.</summary>
    /// <param name="deviceId">The Entra device id.</param>
    public EntraTokenBuilder FromDevice(string deviceId)
    {
        ArgumentException.ThrowIfNullOrEmpty(deviceId);
        _deviceId = deviceId;
        return this;
    }

    /// <summary>Sets when the token was issued (<c>iat</c>, <c>nbf</c>) and how long it is valid (<c>exp</c>). Default: now, one hour.</summary>
    /// <param name="issuedAt">The issue time.</param>
    /// <param name="lifetime">The lifetime; default one hour.</param>
    public EntraTokenBuilder IssuedAt(DateTimeOffset issuedAt, TimeSpan? lifetime = null)
    {
        var span = lifetime ?? TimeSpan.FromHours(1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(span, TimeSpan.Zero, nameof(lifetime));
        _issuedAt = issuedAt;
        _lifetime = span;
        return this;
    }

    /// <summary>
    /// Adds or replaces any payload claim, for example a malformed one to test fail-closed handling. The value
    /// is serialised as JSON (a string, a number, a boolean, or an array of them).
    /// </summary>
    /// <param name="type">The claim name.</param>
    /// <param name="value">The value.</param>
    public EntraTokenBuilder WithClaim(string type, object value)
    {
        ArgumentException.ThrowIfNullOrEmpty(type);
        ArgumentNullException.ThrowIfNull(value);
        _extra[type] = value;
        return this;
    }

    /// <summary>The issuer the token will carry.</summary>
    public string Issuer => _issuer ?? TestIdentities.IssuerFor(_tenantId);

    /// <summary>The audience the token will carry.</summary>
    public string Audience => _audience;

    /// <summary>Builds a signed compact JWT (RS256 with <see cref="SigningKey"/> unless <paramref name="signingCredentials"/> is given).</summary>
    /// <param name="signingCredentials">Other signing credentials, for example a key your host already trusts in tests.</param>
    public string BuildJwt(SigningCredentials? signingCredentials = null)
    {
        var issuedAt = (_issuedAt ?? TimeProvider.System.GetUtcNow()).UtcDateTime;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = _audience,
            IssuedAt = issuedAt,
            NotBefore = issuedAt,
            Expires = issuedAt + _lifetime,
            Claims = Payload(),
            SigningCredentials = signingCredentials ?? SigningCredentials,
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    /// <summary>
    /// Builds the principal JwtBearer authentication produces for the token: the token is signed and validated
    /// with the real handler, so claim types, value types, repeated multi-valued claims and claim issuers are
    /// exactly what a host sees.
    /// </summary>
    /// <param name="mapInboundClaims">
    /// Whether claim types are mapped to their long forms (<c>amr</c> → <c>http://schemas.microsoft.com/claims/authnmethodsreferences</c>, ...),
    /// as JwtBearer does when its <c>MapInboundClaims</c> is on. Default <see langword="false"/>: short names.
    /// </param>
    public ClaimsPrincipal BuildPrincipal(bool mapInboundClaims = false)
    {
        var handler = new JsonWebTokenHandler { MapInboundClaims = mapInboundClaims };
        var parameters = new TokenValidationParameters
        {
            IssuerSigningKey = SigningKey,
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateLifetime = false,
        };

        // Validation of a token signed here completes synchronously; blocking is safe and keeps the API simple.
        var result = handler.ValidateTokenAsync(BuildJwt(), parameters).GetAwaiter().GetResult();
        if (!result.IsValid)
        {
            throw new InvalidOperationException("The test token did not validate.", result.Exception);
        }

        return new ClaimsPrincipal(result.ClaimsIdentity);
    }

    /// <summary>Validation parameters that accept this builder's tokens: its issuer and audience, <see cref="SigningKey"/>, lifetime checked.</summary>
    public TokenValidationParameters CreateValidationParameters() => new()
    {
        ValidIssuer = Issuer,
        ValidAudience = _audience,
        IssuerSigningKey = SigningKey,
        ValidateLifetime = true,
    };

    private Dictionary<string, object> Payload()
    {
        var claims = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["oid"] = _userId,
            ["sub"] = _userId,
            ["tid"] = _tenantId,
            ["ver"] = "2.0",
            ["idtyp"] = _identityType,
        };
        AddArray(claims, "groups", _groups);
        AddArray(claims, "wids", _roles);
        AddArray(claims, "amr", _amr ?? [.. AmrValues.Password]);
        AddArray(claims, "acrs", _acrs);
        AddArray(claims, "xms_cc", _clientCapabilities);
        if (_authenticationTime is { } authTime)
        {
            claims["auth_time"] = authTime.ToUnixTimeSeconds();
        }

        if (_acr is not null)
        {
            claims["acr"] = _acr;
        }

        if (_deviceId is not null)
        {
            claims["deviceid"] = _deviceId;
        }

        if (_accountType is { } acct)
        {
            claims["acct"] = acct;
        }

        if (_identityProvider is not null)
        {
            claims["idp"] = _identityProvider;
        }

        foreach (var (type, value) in _extra)
        {
            claims[type] = value;
        }

        return claims;
    }

    private static void AddArray(Dictionary<string, object> claims, string type, List<string>? values)
    {
        if (values is { Count: > 0 })
        {
            claims[type] = values.ToArray();
        }
    }
}
