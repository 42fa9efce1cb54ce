using System.Net;
using System.Security.Claims;

namespace ProtectedActions.Benchmarks;

/// <summary>Configurations, sign-ins and principals shared by the benchmarks.</summary>
internal static class BenchmarkConfigurations
{
    public static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
    public const string Fido2Strength = "00000000-0000-0000-0000-000000000004";
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
