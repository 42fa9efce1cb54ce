using System.Net;

namespace ProtectedActions.Testing;

/// <summary>
/// Builds a <see cref="SignInContext"/> fluently: who signed in, with which methods, when, from which device
/// and address. Each call returns the same builder; <see cref="Build"/> returns a new, independent context
/// every time.
/// </summary>
/// <remarks>
/// <para>
/// Unless told otherwise the sign-in is a <b>fully known, ordinary member</b>: <see cref="TestIdentities.UserId"/>
/// in <see cref="TestIdentities.TenantId"/> (issuer <see cref="TestIdentities.Issuer"/>), in no groups, holding
/// no directory roles, who signed in with a password only (<c>amr</c> = <c>["pwd"]</c>). Everything else
/// (authentication time, device, address, country, platform, client app, risk, <c>acrs</c>, <c>xms_cc</c>) is
/// unknown, as it is for a token that does not carry it. The evaluator treats unknown information as fail
/// closed: a policy that needs it applies (<c>notEnoughInformation</c>) and a control that needs it is not
/// satisfied. Use <see cref="WithUnknownGroups"/>, <see cref="WithUnknownRoles"/> and
/// <see cref="WithUnknownUserType"/> to test those paths for the identity, too.
/// </para>
/// <para>
/// Methods are written as the <c>amr</c> values Entra issues (<see cref="WithPassword"/> → <c>pwd</c>,
/// <see cref="WithFido2"/> → <c>fido</c>, <c>mfa</c>), so they go through the same amr → method-mode table
/// production sign-ins go through. The first method call replaces the password default; later calls add.
/// <see cref="WithMethods"/> sets explicit method modes instead, which take precedence over <c>amr</c>.
/// </para>
/// </remarks>
public sealed class SignInBuilder
{
    private string? _userId = TestIdentities.UserId;
    private string? _tenantId = TestIdentities.TenantId;
    private string? _issuer = TestIdentities.Issuer;
    private List<string>? _groups = [];
    private List<string>? _roles = [];
    private UserType? _userType = ProtectedActions.UserType.Member;
    private GuestOrExternalUserTypes _guestTypes;
    private List<string>? _amr;
    private bool _amrSet;
    private AuthenticationMethodModes? _methods;
    private DateTimeOffset? _authenticationTime;
    private List<string>? _satisfiedContexts;
    private List<string>? _clientCapabilities;
    private string? _acr;
    private IPAddress? _ipAddress;
    private string? _country;
    private DevicePlatform? _platform;
    private ClientAppType? _clientAppType;
    private DeviceProperties? _device;
    private RiskLevel? _signInRisk;
    private RiskLevel? _userRisk;

    /// <summary>Starts a sign-in for <see cref="TestIdentities.UserId"/>.</summary>
    public SignInBuilder()
    {
    }

    /// <summary>Starts a sign-in for <paramref name="userId"/>.</summary>
    /// <param name="userId">The user's object id (<c>oid</c>).</param>
    public static SignInBuilder ForUser(string userId) => new SignInBuilder().WithUserId(userId);

    // --- who ---

    /// <summary>Sets the user's object id (<c>oid</c>).</summary>
    /// <param name="userId">The object id.</param>
    public SignInBuilder WithUserId(string userId)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        _userId = userId;
        return this;
    }

    /// <summary>Sets the tenant id (<c>tid</c>). The issuer is left as it is (see <see cref="WithIssuer"/>).</summary>
    /// <param name="tenantId">The tenant id.</param>
    public SignInBuilder InTenant(string tenantId)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        _tenantId = tenantId;
        return this;
    }

    /// <summary>Sets the token issuer (<c>iss</c>), which <see cref="ProtectedActionsSettings.TrustedIssuers"/> compares.</summary>
    /// <param name="issuer">The issuer, for example <c>https://login.microsoftonline.com/{tid}/v2.0</c>.</param>
    public SignInBuilder WithIssuer(string issuer)
    {
        ArgumentException.ThrowIfNullOrEmpty(issuer);
        _issuer = issuer;
        return this;
    }

    /// <summary>Adds group object ids (<c>groups</c>); the default is a known empty list.</summary>
    /// <param name="groupIds">The group ids.</param>
    public SignInBuilder InGroups(params string[] groupIds)
    {
        ArgumentNullException.ThrowIfNull(groupIds);
        _groups = Lists.AddDistinct(_groups, groupIds);
        return this;
    }

    /// <summary>Makes group membership unknown (as with a groups overage): group conditions cannot be decided.</summary>
    public SignInBuilder WithUnknownGroups()
    {
        _groups = null;
        return this;
    }

    /// <summary>Adds directory role template ids (<c>wids</c>); the default is a known empty list.</summary>
    /// <param name="roleTemplateIds">The role template ids, for example <c>62e90394-69f5-4237-9190-012177145e10</c> (Global Administrator).</param>
    public SignInBuilder WithRoles(params string[] roleTemplateIds)
    {
        ArgumentNullException.ThrowIfNull(roleTemplateIds);
        _roles = Lists.AddDistinct(_roles, roleTemplateIds);
        return this;
    }

    /// <summary>Makes directory roles unknown: role conditions cannot be decided.</summary>
    public SignInBuilder WithUnknownRoles()
    {
        _roles = null;
        return this;
    }

    /// <summary>Makes the user a member of the tenant (the default).</summary>
    public SignInBuilder AsMember()
    {
        _userType = ProtectedActions.UserType.Member;
        _guestTypes = GuestOrExternalUserTypes.None;
        return this;
    }

    /// <summary>Makes the user a guest or external user of the given kind.</summary>
    /// <param name="kind">The kind; default <see cref="GuestOrExternalUserTypes.B2bCollaborationGuest"/>. <see cref="GuestOrExternalUserTypes.None"/> means a guest of unknown kind.</param>
    public SignInBuilder AsGuest(GuestOrExternalUserTypes kind = GuestOrExternalUserTypes.B2bCollaborationGuest)
    {
        _userType = ProtectedActions.UserType.Guest;
        _guestTypes = kind;
        return this;
    }

    /// <summary>Makes member-or-guest unknown.</summary>
    public SignInBuilder WithUnknownUserType()
    {
        _userType = null;
        _guestTypes = GuestOrExternalUserTypes.None;
        return this;
    }

    // --- how ---

    /// <summary>Adds a password sign-in (<c>amr</c> <c>pwd</c>).</summary>
    public SignInBuilder WithPassword() => WithAmr(AmrValues.Password);

    /// <summary>Adds an unnamed second factor (<c>amr</c> <c>mfa</c>): enough for the <c>mfa</c> control and the built-in multifactor strength only.</summary>
    public SignInBuilder WithMfa() => WithAmr(AmrValues.Mfa);

    /// <summary>Adds a FIDO2 security key or passkey (<c>amr</c> <c>fido</c>, <c>mfa</c>): satisfies the phishing-resistant strength.</summary>
    public SignInBuilder WithFido2() => WithAmr(AmrValues.Fido2);

    /// <summary>
    /// Adds raw <c>amr</c> values (RFC 8176 and Entra's). The first call replaces the <c>["pwd"]</c> default;
    /// calling it with no values makes the methods a known empty list.
    /// </summary>
    /// <param name="amr">The values, for example <c>"pwd", "mfa"</c>.</param>
    public SignInBuilder WithAmr(params string[] amr)
    {
        ArgumentNullException.ThrowIfNull(amr);
        _amr = Lists.AddDistinct(_amrSet ? _amr : null, amr);
        _amrSet = true;
        return this;
    }

    /// <summary>
    /// Sets explicit authentication method modes (as a trusted upstream would report them). They take precedence
    /// over <c>amr</c> in the evaluator.
    /// </summary>
    /// <param name="methods">The method modes, for example <c>AuthenticationMethodModes.WindowsHelloForBusiness</c>.</param>
    public SignInBuilder WithMethods(AuthenticationMethodModes methods)
    {
        _methods = methods;
        return this;
    }

    // --- when ---

    /// <summary>Sets when the user last actively authenticated (<c>auth_time</c>).</summary>
    /// <param name="authenticationTime">The time.</param>
    public SignInBuilder AuthenticatedAt(DateTimeOffset authenticationTime)
    {
        _authenticationTime = authenticationTime;
        return this;
    }

    /// <summary>Sets <c>auth_time</c> to <paramref name="age"/> before <paramref name="timeProvider"/>'s now.</summary>
    /// <param name="age">How long ago; not negative.</param>
    /// <param name="timeProvider">The clock the evaluator under test uses (for example a <c>FakeTimeProvider</c>).</param>
    public SignInBuilder AuthenticatedAgo(TimeSpan age, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfLessThan(age, TimeSpan.Zero);
        _authenticationTime = timeProvider.GetUtcNow() - age;
        return this;
    }

    // --- where from ---

    /// <summary>Sets the device the sign-in comes from.</summary>
    /// <param name="device">The device properties.</param>
    public SignInBuilder FromDevice(DeviceProperties device)
    {
        ArgumentNullException.ThrowIfNull(device);
        _device = device;
        return this;
    }

    /// <summary>Signs in from a compliant, Entra-joined device (<c>isCompliant</c> <see langword="true"/>, <c>trustType</c> <c>AzureAD</c>).</summary>
    /// <param name="deviceId">The device id; default a fixed test id.</param>
    public SignInBuilder FromCompliantDevice(string deviceId = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0") => FromDevice(new DeviceProperties
    {
        DeviceId = deviceId,
        IsCompliant = true,
        TrustType = "AzureAD",
    });

    /// <summary>Sets the caller's IP address.</summary>
    /// <param name="ipAddress">The address, for example <c>203.0.113.5</c> or <c>2001:db8::1</c>.</param>
    /// <exception cref="ArgumentException">The text is not an IP address.</exception>
    public SignInBuilder FromAddress(string ipAddress)
    {
        ArgumentException.ThrowIfNullOrEmpty(ipAddress);
        if (!IPAddress.TryParse(ipAddress, out var parsed))
        {
            throw new ArgumentException("Not an IPv4 or IPv6 address.", nameof(ipAddress));
        }

        _ipAddress = parsed;
        return this;
    }

    /// <summary>Sets the caller's IP address.</summary>
    /// <param name="ipAddress">The address.</param>
    public SignInBuilder FromAddress(IPAddress ipAddress)
    {
        ArgumentNullException.ThrowIfNull(ipAddress);
        _ipAddress = ipAddress;
        return this;
    }

    /// <summary>Sets the caller's country or region (ISO 3166 alpha-2, for example <c>NL</c>), as a country resolver would.</summary>
    /// <param name="countryCode">The code.</param>
    public SignInBuilder FromCountry(string countryCode)
    {
        ArgumentException.ThrowIfNullOrEmpty(countryCode);
        _country = countryCode;
        return this;
    }

    /// <summary>Sets the device platform.</summary>
    /// <param name="platform">The platform.</param>
    public SignInBuilder OnPlatform(DevicePlatform platform)
    {
        _platform = platform;
        return this;
    }

    /// <summary>Sets the client application type.</summary>
    /// <param name="clientAppType">The type.</param>
    public SignInBuilder UsingClientApp(ClientAppType clientAppType)
    {
        _clientAppType = clientAppType;
        return this;
    }

    /// <summary>Sets the sign-in risk level.</summary>
    /// <param name="level">The level.</param>
    public SignInBuilder WithSignInRisk(RiskLevel level)
    {
        _signInRisk = level;
        return this;
    }

    /// <summary>Sets the user risk level.</summary>
    /// <param name="level">The level.</param>
    public SignInBuilder WithUserRisk(RiskLevel level)
    {
        _userRisk = level;
        return this;
    }

    // --- token extras ---

    /// <summary>Adds authentication contexts the token says were satisfied (<c>acrs</c>).</summary>
    /// <param name="contextIds">The context ids, for example <c>c1</c>.</param>
    public SignInBuilder WithSatisfiedContexts(params string[] contextIds)
    {
        ArgumentNullException.ThrowIfNull(contextIds);
        _satisfiedContexts = Lists.AddDistinct(_satisfiedContexts, contextIds);
        return this;
    }

    /// <summary>Adds a client capability (<c>xms_cc</c>), for example <c>cp1</c>: the client can handle claims challenges.</summary>
    /// <param name="capability">The capability.</param>
    public SignInBuilder WithClientCapability(string capability = "cp1")
    {
        ArgumentException.ThrowIfNullOrEmpty(capability);
        _clientCapabilities = Lists.AddDistinct(_clientCapabilities, [capability]);
        return this;
    }

    /// <summary>Sets the authentication context class reference (<c>acr</c>).</summary>
    /// <param name="acr">The value.</param>
    public SignInBuilder WithAcr(string acr)
    {
        ArgumentException.ThrowIfNullOrEmpty(acr);
        _acr = acr;
        return this;
    }

    /// <summary>Builds a new sign-in context from what was set so far.</summary>
    public SignInContext Build() => new()
    {
        UserId = _userId,
        TenantId = _tenantId,
        Issuer = _issuer,
        GroupIds = _groups?.ToArray(),
        RoleIds = _roles?.ToArray(),
        UserType = _userType,
        GuestOrExternalUserTypes = _guestTypes,
        AuthenticationMethodReferences = _amrSet ? _amr?.ToArray() ?? [] : [.. AmrValues.Password],
        AuthenticationMethods = _methods,
        AuthenticationTime = _authenticationTime,
        SatisfiedContexts = _satisfiedContexts?.ToArray(),
        ClientCapabilities = _clientCapabilities?.ToArray(),
        Acr = _acr,
        IpAddress = _ipAddress,
        Country = _country,
        DevicePlatform = _platform,
        ClientAppType = _clientAppType,
        Device = _device,
        SignInRiskLevel = _signInRisk,
        UserRiskLevel = _userRisk,
    };

    /// <summary>Builds the sign-in and wraps it in a request for <paramref name="permission"/>.</summary>
    /// <param name="permission">The permission attempted.</param>
    public ProtectedActionRequest ToRequest(string permission) => new(permission, Build());
}
