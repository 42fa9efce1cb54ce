using System.Net;

namespace ProtectedActions;

/// <summary>
/// The sign-in a protected action is attempted under: who, how and when the caller authenticated, and from
/// where. Every property is optional; missing information is never assumed good: a condition that needs it
/// makes its policy apply (<c>notEnoughInformation</c>) and a control that needs it is not satisfied.
/// </summary>
/// <remarks>
/// Build it from a token the host has already validated (see <c>SignInMapper</c>); the library never
/// treats an unvalidated token as proof of anything. Its <see cref="object.ToString"/> prints no claim values.
/// </remarks>
public sealed class SignInContext
{
    // The nullable enums and the time are kept as plain values plus one "has a value" bit each (a
    // sign-in is built for every request; this saves 32 bytes of Nullable<T> padding). Any enum value, defined
    // or not, reads back exactly as it was set.
    private const byte UserTypeBit = 1, MethodsBit = 2, TimeBit = 4, PlatformBit = 8, ClientAppBit = 16, SignInRiskBit = 32, UserRiskBit = 64;
    private DateTimeOffset _authenticationTime;
    private int _userType, _methods, _platform, _clientApp, _signInRisk, _userRisk;
    private byte _has;

    private int Store(int? value, byte bit)
    {
        _has = value is null ? (byte)(_has & ~bit) : (byte)(_has | bit);
        return value ?? 0;
    }

    /// <summary>The user's object id (<c>oid</c>, else <c>sub</c>).</summary>
    public string? UserId { get; init; }
    /// <summary>The tenant id (<c>tid</c>).</summary>
    public string? TenantId { get; init; }
    /// <summary>The token issuer (<c>iss</c>); used to decide whether <see cref="SatisfiedContexts"/> is trusted.</summary>
    public string? Issuer { get; init; }
    /// <summary>Group object ids (<c>groups</c>); <see langword="null"/> when not known (not the same as none).</summary>
    public IReadOnlyList<string>? GroupIds { get; init; }
    /// <summary>Directory role template ids (<c>wids</c>); <see langword="null"/> when not known.</summary>
    public IReadOnlyList<string>? RoleIds { get; init; }
    /// <summary>Member or guest; <see langword="null"/> when not known.</summary>
    public UserType? UserType
    {
        get => (_has & UserTypeBit) != 0 ? (UserType)_userType : null;
        init => _userType = Store(value is { } v ? (int)v : null, UserTypeBit);
    }
    /// <summary>The kind of guest or external user, when known.</summary>
    public GuestOrExternalUserTypes GuestOrExternalUserTypes { get; init; }
    /// <summary>Authentication method references (<c>amr</c>, RFC 8176 values), mapped to method modes by the configured table.</summary>
    public IReadOnlyList<string>? AuthenticationMethodReferences { get; init; }
    /// <summary>Explicit authentication method modes (for example from a trusted upstream); when set they take precedence over <see cref="AuthenticationMethodReferences"/>.</summary>
    public AuthenticationMethodModes? AuthenticationMethods
    {
        get => (_has & MethodsBit) != 0 ? (AuthenticationMethodModes)_methods : null;
        init => _methods = Store(value is { } v ? (int)v : null, MethodsBit);
    }
    /// <summary>When the user last actively authenticated (<c>auth_time</c>).</summary>
    public DateTimeOffset? AuthenticationTime
    {
        get => (_has & TimeBit) != 0 ? _authenticationTime : null;
        init
        {
            _authenticationTime = value ?? default;
            _has = value is null ? (byte)(_has & ~TimeBit) : (byte)(_has | TimeBit);
        }
    }
    /// <summary>Authentication contexts the token says were satisfied (<c>acrs</c>).</summary>
    public IReadOnlyList<string>? SatisfiedContexts { get; init; }
    /// <summary>Client capabilities (<c>xms_cc</c>), for example <c>cp1</c>.</summary>
    public IReadOnlyList<string>? ClientCapabilities { get; init; }
    /// <summary>The authentication context class reference (<c>acr</c>).</summary>
    public string? Acr { get; init; }
    /// <summary>The caller's IP address.</summary>
    public IPAddress? IpAddress { get; init; }
    /// <summary>The caller's country or region (ISO 3166 alpha-2), when known.</summary>
    public string? Country { get; init; }
    /// <summary>The device platform, when known.</summary>
    public DevicePlatform? DevicePlatform
    {
        get => (_has & PlatformBit) != 0 ? (DevicePlatform)_platform : null;
        init => _platform = Store(value is { } v ? (int)v : null, PlatformBit);
    }
    /// <summary>The client application type, when known.</summary>
    public ClientAppType? ClientAppType
    {
        get => (_has & ClientAppBit) != 0 ? (ClientAppType)_clientApp : null;
        init => _clientApp = Store(value is { } v ? (int)v : null, ClientAppBit);
    }
    /// <summary>The device, when known (see <see cref="IDeviceInformationProvider"/>).</summary>
    public DeviceProperties? Device { get; init; }
    /// <summary>The sign-in risk level, when a source provides it.</summary>
    public RiskLevel? SignInRiskLevel
    {
        get => (_has & SignInRiskBit) != 0 ? (RiskLevel)_signInRisk : null;
        init => _signInRisk = Store(value is { } v ? (int)v : null, SignInRiskBit);
    }
    /// <summary>The user risk level, when a source provides it.</summary>
    public RiskLevel? UserRiskLevel
    {
        get => (_has & UserRiskBit) != 0 ? (RiskLevel)_userRisk : null;
        init => _userRisk = Store(value is { } v ? (int)v : null, UserRiskBit);
    }
    /// <summary>
    /// What was noticed while building this sign-in (malformed or oversized claims treated as absent). These
    /// notes travel into the decision's reasons. They never contain claim values.
    /// </summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Returns a copy of this sign-in with the given device, country and notes.</summary>
    internal SignInContext With(DeviceProperties? device, string? country, IReadOnlyList<string> notes) => new()
    {
        UserId = UserId,
        TenantId = TenantId,
        Issuer = Issuer,
        GroupIds = GroupIds,
        RoleIds = RoleIds,
        UserType = UserType,
        GuestOrExternalUserTypes = GuestOrExternalUserTypes,
        AuthenticationMethodReferences = AuthenticationMethodReferences,
        AuthenticationMethods = AuthenticationMethods,
        AuthenticationTime = AuthenticationTime,
        SatisfiedContexts = SatisfiedContexts,
        ClientCapabilities = ClientCapabilities,
        Acr = Acr,
        IpAddress = IpAddress,
        Country = country,
        DevicePlatform = DevicePlatform,
        ClientAppType = ClientAppType,
        Device = device,
        SignInRiskLevel = SignInRiskLevel,
        UserRiskLevel = UserRiskLevel,
        Notes = notes,
    };

    /// <inheritdoc />
    public override string ToString() => "SignInContext (claim values not shown)";
}
