using System.Net;
using System.Security.Claims;

namespace ProtectedActions.Benchmarks;

/// <summary>Configurations, sign-ins and principals shared by the benchmarks.</summary>
internal static class BenchmarkConfigurations
{
    public static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
    public const string Fido2Strength = KnownAuthenticationStrengths.PhishingResistantMfa;
    public const string Protected = "contoso.billing/invoices/approve";
    public const string Blocked = "contoso.billing/invoices/purge";
    public const string Unprotected = "contoso.billing/invoices/read";
    private const string PawRule = "device.isCompliant -eq True -and device.trustType -eq \"AzureAD\" -and device.extensionAttribute1 -eq \"PAW\" -and device.operatingSystem -startsWith \"Windows\"";

    /// <summary>c1 guarded by three applying policies; c2 blocked.</summary>
    public static ProtectedActionsOptions Evaluator() => new()
    {
        AuthenticationContexts = [new() { Id = "c1" }, new() { Id = "c2" }],
        ProtectedActions =
        [
            new() { Permission = Protected, AuthenticationContextId = "c1" },
            new() { Permission = Blocked, AuthenticationContextId = "c2" },
            new() { Permission = KnownPermissions.ProtectedActionsManagement, AuthenticationContextId = "c1" },
        ],
        NamedLocations =
        [
            new() { Id = "office", IsTrusted = true, IpRanges = [new() { CidrAddress = "203.0.113.0/24" }, new() { CidrAddress = "2001:db8::/32" }] },
        ],
        ConditionalAccessPolicies =
        [
            Policy("strength", "c1", g => g.AuthenticationStrength = new() { Id = Fido2Strength }),
            Policy("frequency", "c1", g => g.BuiltInControls = ["mfa"], hours: 1),
            Policy("paw", "c1", g => g.BuiltInControls = ["compliantDevice"], c =>
            {
                c.Devices = new() { DeviceFilter = new() { Mode = "include", Rule = PawRule } };
                c.Locations = new() { IncludeLocations = ["office"] };
            }),
            Policy("block", "c2", g => g.BuiltInControls = ["block"], c => c.Platforms = new() { IncludePlatforms = ["all"] }),
        ],
        EmergencyAccessAccounts = new() { UserIds = ["breakglass"] },
        Settings = new() { TrustedIssuers = [Issuer] },
    };

    /// <summary>The issuer whose acrs the configuration trusts.</summary>
    public const string Issuer = "https://login.microsoftonline.com/00000000-0000-0000-0000-00000000c0de/v2.0";

    public static ConditionalAccessPolicy Policy(string id, string context, Action<ConditionalAccessGrantControls> grant,
        Action<ConditionalAccessConditions>? conditions = null, int? hours = null)
    {
        var c = new ConditionalAccessConditions
        {
            Applications = new() { IncludeAuthenticationContextClassReferences = [context] },
            Users = new() { IncludeUsers = ["All"], ExcludeUsers = ["breakglass"] },
        };
        conditions?.Invoke(c);
        var g = new ConditionalAccessGrantControls { Operator = "OR" };
        grant(g);
        return new()
        {
            Id = id, State = "enabled", Conditions = c, GrantControls = g,
            SessionControls = hours is null ? null : new() { SignInFrequency = new() { IsEnabled = true, Value = hours, Type = "hours" } },
        };
    }

    /// <summary>A FIDO2 sign-in from a compliant PAW in the office, ten minutes ago.</summary>
    public static SignInContext StrongSignIn() => new()
    {
        UserId = "11111111-1111-1111-1111-111111111111", GroupIds = ["g1", "g2", "g3"], RoleIds = [], UserType = UserType.Member,
        AuthenticationMethodReferences = ["fido", "mfa"], AuthenticationTime = Now.AddMinutes(-10),
        IpAddress = IPAddress.Parse("203.0.113.10"), DevicePlatform = DevicePlatform.Windows,
        Device = new() { IsCompliant = true, TrustType = "AzureAD", ExtensionAttribute1 = "PAW", OperatingSystem = "Windows 11" },
    };

    public static SignInContext PasswordSignIn() => new()
    {
        UserId = "11111111-1111-1111-1111-111111111111", GroupIds = [], RoleIds = [], UserType = UserType.Member,
        AuthenticationMethodReferences = ["pwd"], AuthenticationTime = Now.AddMinutes(-10),
        IpAddress = IPAddress.Parse("198.51.100.10"), DevicePlatform = DevicePlatform.Windows,
    };

    public static SignInContext AcrsSignIn() => new()
    {
        UserId = "11111111-1111-1111-1111-111111111111", Issuer = Issuer, SatisfiedContexts = ["c1"], AuthenticationMethodReferences = ["pwd", "mfa"],
    };

    /// <summary>A principal as JwtBearer produces it from a typical Entra access token (inbound claim mapping off).</summary>
    public static ClaimsPrincipal EntraPrincipal()
    {
        var claims = new List<Claim>
        {
            new("aud", "api://contoso"), new("iss", "https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0"),
            new("iat", "1764244800"), new("nbf", "1764244800"), new("exp", "1764248400"),
            new("acrs", "c1"), new("acr", "1"), new("aio", "AUQAu/8ZAAAA"), new("amr", "fido"), new("amr", "mfa"),
            new("appid", "d3590ed6-52b3-4102-aeff-aad2292ab01c"), new("auth_time", "1764244500"),
            new("groups", "0f0e9c8e-1c4b-4a8c-9c41-2f5b3f9c1a11"), new("groups", "7a1d2b3c-4d5e-6f70-8192-a3b4c5d6e7f8"),
            new("idtyp", "user"), new("name", "Alice"), new("oid", "11111111-1111-1111-1111-111111111111"),
            new("scp", "access_as_user"), new("sub", "AAAAAAAAAAAAAAAAAAAAAIkzqFVrSaSaFHy782bbtaQ"),
            new("tid", "72f988bf-86f1-41af-91ab-2d7cd011db47"), new("uti", "AbCdEf"), new("ver", "2.0"),
            new("wids", "b79fbf4d-3ef9-4689-8143-76b194e85509"), new("xms_cc", "cp1"),
        };
        return new ClaimsPrincipal(new ClaimsIdentity(claims, "Bearer", "name", "roles"));
    }

    /// <summary>The issuer of the benchmark tokens (a v2.0 Entra issuer), trusted for <c>acrs</c>.</summary>
    public const string TokenIssuer = "https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0";

    /// <summary>The office network of the request-path configuration (the caller's address is inside it).</summary>
    public const string OfficeRange = "203.0.113.0/24";

    /// <summary>The caller's address on the request path: inside <see cref="OfficeRange"/>.</summary>
    public static readonly IPAddress OfficeAddress = IPAddress.Parse("203.0.113.10");

    /// <summary>
    /// The request path's configuration: c1 (on <see cref="Protected"/>) guarded by the phishing-resistant
    /// strength, a one-hour sign-in frequency (with <c>mfa</c>) and a block outside the office network — every
    /// one of them evaluated for a caller without <c>acrs</c>. <c>acrs</c> is trusted from
    /// <see cref="TokenIssuer"/> only (the codebase requires trusted issuers whenever <c>acrs</c> is trusted).
    /// </summary>
    /// <param name="officeRanges">The office network's ranges; default <see cref="OfficeRange"/> (the load test adds loopback).</param>
    /// <param name="trustedIssuer">The issuer trusted for <c>acrs</c>; default <see cref="TokenIssuer"/>.</param>
    public static ProtectedActionsOptions RequestPath(string[]? officeRanges = null, string? trustedIssuer = null) => new()
    {
        AuthenticationContexts = [new() { Id = "c1" }, new() { Id = "c2" }],
        ProtectedActions =
        [
            new() { Permission = Protected, AuthenticationContextId = "c1" },
            new() { Permission = Blocked, AuthenticationContextId = "c2" },
            new() { Permission = KnownPermissions.ProtectedActionsManagement, AuthenticationContextId = "c1" },
        ],
        NamedLocations =
        [
            new()
            {
                Id = "office", IsTrusted = true,
                IpRanges = [.. (officeRanges ?? [OfficeRange]).Select(r => new IpRange { CidrAddress = r })],
            },
        ],
        ConditionalAccessPolicies =
        [
            Policy("strength", "c1", g => g.AuthenticationStrength = new() { Id = Fido2Strength }),
            Policy("frequency", "c1", g => g.BuiltInControls = ["mfa"], hours: 1),
            Policy("outside-office", "c1", g => g.BuiltInControls = ["block"],
                c => c.Locations = new() { IncludeLocations = ["All"], ExcludeLocations = ["office"] }),
            Policy("block", "c2", g => g.BuiltInControls = ["block"], c => c.Platforms = new() { IncludePlatforms = ["all"] }),
        ],
        EmergencyAccessAccounts = new() { UserIds = ["breakglass"] },
        Settings = new() { TrustedIssuers = [trustedIssuer ?? TokenIssuer] },
    };

    /// <summary>How the caller signed in, for <see cref="EntraClaims"/>.</summary>
    public enum SignInKind
    {
        /// <summary>FIDO2 (<c>amr</c> fido, mfa), no <c>acrs</c>: the local policies decide.</summary>
        Fido2,
        /// <summary>Password and MFA with <c>acrs</c> c1: satisfied by the token.</summary>
        Acrs,
        /// <summary>Password only, no <c>acrs</c>: step-up.</summary>
        Password,
    }

    /// <summary>
    /// The 24 claims of a typical Entra v2.0 access token as JwtBearer leaves them (inbound claim mapping off,
    /// every claim stamped with the validated issuer, numbers typed as integers), signed in
    /// <paramref name="authTime"/> with <paramref name="kind"/>, plus <paramref name="extraGroups"/> more
    /// <c>groups</c> claims.
    /// </summary>
    public static List<Claim> EntraClaims(SignInKind kind, DateTimeOffset authTime, int extraGroups = 0)
    {
        var iat = authTime.AddMinutes(5).ToUnixTimeSeconds();
        var claims = new List<Claim>(24 + extraGroups)
        {
            C("aud", "api://contoso"), C("iss", TokenIssuer),
            N("iat", iat), N("nbf", iat), N("exp", iat + 3600),
        };
        switch (kind)
        {
            case SignInKind.Fido2:
                claims.AddRange([C("acr", "1"), C("aio", "AUQAu/8ZAAAA"), C("amr", "fido"), C("amr", "mfa"), C("rh", "0.AAAAv4j5cvGGr0GRqy180BHbR")]);
                break;
            case SignInKind.Acrs:
                claims.AddRange([C("acrs", "c1"), C("acr", "1"), C("aio", "AUQAu/8ZAAAA"), C("amr", "pwd"), C("amr", "mfa")]);
                break;
            default:
                claims.AddRange([C("acr", "1"), C("aio", "AUQAu/8ZAAAA"), C("amr", "pwd"), C("rh", "0.AAAAv4j5cvGGr0GRqy180BHbR"), C("family_name", "Doe")]);
                break;
        }

        claims.AddRange(
        [
            C("appid", "d3590ed6-52b3-4102-aeff-aad2292ab01c"), N("auth_time", authTime.ToUnixTimeSeconds()),
            C("groups", "0f0e9c8e-1c4b-4a8c-9c41-2f5b3f9c1a11"), C("groups", "7a1d2b3c-4d5e-6f70-8192-a3b4c5d6e7f8"),
            C("idtyp", "user"), C("name", "Alice"), C("oid", "11111111-1111-1111-1111-111111111111"),
            C("scp", "access_as_user"), C("sub", "AAAAAAAAAAAAAAAAAAAAAIkzqFVrSaSaFHy782bbtaQ"),
            C("tid", "72f988bf-86f1-41af-91ab-2d7cd011db47"), C("uti", "AbCdEf"), C("ver", "2.0"),
            C("wids", "b79fbf4d-3ef9-4689-8143-76b194e85509"), C("xms_cc", "cp1"),
        ]);
        for (var i = 0; i < extraGroups; i++)
        {
            claims.Add(C("groups", new Guid(i, 0x1c4b, 0x4a8c, 0x9c, 0x41, 0x2f, 0x5b, 0x3f, 0x9c, 0x1a, 0x11).ToString()));
        }

        return claims;

        static Claim C(string type, string value) => new(type, value, ClaimValueTypes.String, TokenIssuer, TokenIssuer);
        static Claim N(string type, long value) => new(type, value.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ClaimValueTypes.Integer64, TokenIssuer, TokenIssuer);
    }

    /// <summary>A principal of <see cref="EntraClaims"/> signed in ten minutes before <see cref="Now"/>.</summary>
    public static ClaimsPrincipal RequestPathPrincipal(SignInKind kind, int extraGroups = 0) =>
        new(new ClaimsIdentity(EntraClaims(kind, Now.AddMinutes(-10), extraGroups), "AuthenticationTypes.Federation", "name", "roles"));

    /// <summary>
    /// A configuration of <paramref name="permissions"/> permissions over 99 contexts guarded by
    /// <paramref name="policies"/> policies, plus the benchmark's own c1 policies on <see cref="Protected"/>.
    /// </summary>
    public static ProtectedActionsOptions Scaled(int permissions, int policies)
    {
        var o = Evaluator();
        o.AuthenticationContexts = Enumerable.Range(1, 99).Select(i => new AuthenticationContextDefinition { Id = "c" + i }).ToList();
        for (var i = 0; i < permissions; i++)
        {
            o.ProtectedActions.Add(new() { Permission = $"contoso.app{i % 50}/entity{i}/update", AuthenticationContextId = "c" + (3 + (i % 97)) });
        }

        for (var i = 0; i < policies; i++)
        {
            o.ConditionalAccessPolicies.Add(Policy("scaled-" + i, "c" + (3 + (i % 97)), g => g.BuiltInControls = ["mfa"],
                c => c.Users = new() { IncludeGroups = ["group-" + i], ExcludeUsers = ["breakglass"] }));
        }

        return o;
    }
}

/// <summary>A clock standing still at <see cref="BenchmarkConfigurations.Now"/>.</summary>
internal sealed class FixedTime : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => BenchmarkConfigurations.Now;
}
