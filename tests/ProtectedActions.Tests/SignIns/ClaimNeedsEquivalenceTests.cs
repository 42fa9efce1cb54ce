using System.Globalization;
using System.Net;
using System.Security.Claims;
using Microsoft.Extensions.Time.Testing;
using ProtectedActions.Evaluation;
using ProtectedActions.SignIns;
using ProtectedActions.Tests.Support;

namespace ProtectedActions.Tests.SignIns;

/// <summary>
/// Plan item 6 (docs/decisions/request-path-performance.md): the authorization handler has the mapper build only the
/// optional facts (<see cref="ClaimNeeds"/>: groups, wids, xms_cc, deviceid) the permission's context reads, while every
/// claim is still checked. For every input the decision (outcome, causes, reasons and their order, challenge, policies)
/// must be the one of a full mapping, and a fact left unset must never make a decision more permissive.
/// </summary>
public class ClaimNeedsEquivalenceTests
{
    private const string Tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    private const string OtherTenant = "f8cdef31-a31e-4b4a-93e4-5f571e91255a";
    private const string V2Issuer = "https://login.microsoftonline.com/" + Tenant + "/v2.0";
    private const string V1Issuer = "https://sts.windows.net/" + Tenant + "/";
    private const string OtherIssuer = "https://login.microsoftonline.com/" + OtherTenant + "/v2.0";
    private const string Alice = "11111111-1111-1111-1111-111111111111";
    private const string BreakGlass = "00000000-0000-0000-0000-0000000000bb";
    private const string RoleId = "b79fbf4d-3ef9-4689-8143-76b194e85509";
    private const string DeviceId = "dev-1";
    private const string Protected = "contoso.billing/invoices/approve";
    private const string Blocked = "contoso.billing/invoices/purge";
    private const string Unprotected = "contoso.billing/invoices/read";
    private const string Patterned = "contoso.admin/users/delete";
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000).AddMinutes(20);
    private static readonly IPAddress Office = IPAddress.Parse("203.0.113.10");
    private static readonly IPAddress Elsewhere = IPAddress.Parse("198.51.100.7");

    private static ConditionalAccessPolicy Policy(string id, string context, Action<ConditionalAccessGrantControls> grant,
        Action<ConditionalAccessConditions>? conditions = null, int? hours = null, string state = "enabled")
    {
        var c = new ConditionalAccessConditions
        {
            Applications = new() { IncludeAuthenticationContextClassReferences = [context] },
            Users = new() { IncludeUsers = ["All"], ExcludeUsers = [BreakGlass] },
        };
        conditions?.Invoke(c);
        var g = new ConditionalAccessGrantControls { Operator = "OR" };
        grant(g);
        return new()
        {
            Id = id, DisplayName = "Policy " + id, State = state, Conditions = c, GrantControls = g,
            SessionControls = hours is null ? null : new() { SignInFrequency = new() { IsEnabled = true, Value = hours, Type = "hours" } },
        };
    }

    private static ProtectedActionsOptions Base(params ConditionalAccessPolicy[] policies) => new()
    {
        AuthenticationContexts = [new() { Id = "c1" }, new() { Id = "c2" }, new() { Id = "c3" }],
        ProtectedActions =
        [
            new() { Permission = Protected, AuthenticationContextId = "c1" },
            new() { Permission = Blocked, AuthenticationContextId = "c2" },
            new() { Permission = "contoso.admin/*", AuthenticationContextId = "c3" },
        ],
        NamedLocations =
        [
            new() { Id = "office", IsTrusted = true, IpRanges = [new() { CidrAddress = "203.0.113.0/24" }] },
        ],
        ConditionalAccessPolicies = [.. policies],
        EmergencyAccessAccounts = new() { UserIds = [BreakGlass] },
        Settings = new() { TrustedIssuers = [V2Issuer] },
    };

    private const string PawRule = "device.isCompliant -eq True -and device.trustType -eq \"AzureAD\" -and device.extensionAttribute1 -eq \"PAW\"";

    /// <summary>The policy shapes of the benchmarks and the seed, and shapes that read every optional fact.</summary>
    private static IEnumerable<(string Name, ProtectedActionsOptions Options)> Configurations()
    {
        // RequestPathBenchmarks: strength, one-hour frequency with mfa, block outside the office; c2 blocked.
        yield return ("request path", Base(
            Policy("strength", "c1", g => g.AuthenticationStrength = new() { Id = KnownAuthenticationStrengths.PhishingResistantMfa }),
            Policy("frequency", "c1", g => g.BuiltInControls = ["mfa"], hours: 1),
            Policy("outside-office", "c1", g => g.BuiltInControls = ["block"], c => c.Locations = new() { IncludeLocations = ["All"], ExcludeLocations = ["office"] }),
            Policy("block", "c2", g => g.BuiltInControls = ["block"], c => c.Platforms = new() { IncludePlatforms = ["all"] }),
            Policy("admin", "c3", g => g.BuiltInControls = ["mfa"])));

        // EvaluatorBenchmarks: a device filter and compliantDevice (reads deviceid), no frequency on c3.
        yield return ("evaluator", Base(
            Policy("strength", "c1", g => g.AuthenticationStrength = new() { Id = KnownAuthenticationStrengths.PhishingResistantMfa }),
            Policy("frequency", "c1", g => g.BuiltInControls = ["mfa"], hours: 1),
            Policy("paw", "c1", g => g.BuiltInControls = ["compliantDevice"], c =>
            {
                c.Devices = new() { DeviceFilter = new() { Mode = "include", Rule = PawRule } };
                c.Locations = new() { IncludeLocations = ["office"] };
            }),
            Policy("block", "c2", g => g.BuiltInControls = ["block"], c => c.Platforms = new() { IncludePlatforms = ["all"] }),
            Policy("device-exempt", "c3", g => g.BuiltInControls = ["mfa"], c => c.Devices = new() { DeviceFilter = new() { Mode = "exclude", Rule = "device.deviceId -eq \"" + DeviceId + "\"" } })));

        // The seed: phishing-resistant strength and a one-hour frequency, break-glass excluded.
        var seed = Fixtures.Seed();
        seed.ProtectedActions.Add(new() { Permission = Protected, AuthenticationContextId = "c1" });
        seed.Settings.TrustedIssuers = [V2Issuer];
        yield return ("seed", seed);

        // Groups, roles, guests, client capability, tenant trust, devices never registered; report-only and disabled policies.
        var everything = Base(
            Policy("groups", "c1", g => g.BuiltInControls = ["mfa"], c => c.Users = new() { IncludeGroups = ["g1", "g5"], ExcludeGroups = ["g2"] }),
            Policy("roles", "c1", g => g.AuthenticationStrength = new() { Id = KnownAuthenticationStrengths.PhishingResistantMfa },
                c => c.Users = new() { IncludeRoles = [RoleId], ExcludeUsers = [BreakGlass] }),
            Policy("guests", "c1", g => g.BuiltInControls = ["block"], c => c.Users = new()
            {
                IncludeGuestsOrExternalUsers = new() { GuestOrExternalUserTypes = "b2bCollaborationGuest,internalGuest" },
            }),
            Policy("report-only-groups", "c2", g => g.BuiltInControls = ["block"], c => c.Users = new() { IncludeGroups = ["g3"] }, state: "enabledForReportingButNotEnforced"),
            Policy("disabled-roles", "c2", g => g.BuiltInControls = ["block"], c => c.Users = new() { ExcludeRoles = [RoleId], IncludeUsers = ["All"] }, state: "disabled"),
            Policy("mfa", "c2", g => g.BuiltInControls = ["mfa"]),
            Policy("compliant", "c3", g => g.BuiltInControls = ["compliantDevice", "mfa"], hours: 2));
        everything.Settings = new()
        {
            TrustedIssuers = [], TrustedTenantIds = [Tenant], RequireClientCapability = true, DevicesNeverRegistered = true,
        };
        yield return ("groups, roles, guests, cp1, tenants", everything);

        // acrs trusted without any sign-in frequency: a trusted token is answered from the cached token decision.
        yield return ("acrs only", Base(
            Policy("strength", "c1", g => g.AuthenticationStrength = new() { Id = KnownAuthenticationStrengths.PhishingResistantMfa }),
            Policy("groups", "c2", g => g.BuiltInControls = ["mfa"], c => c.Users = new() { ExcludeGroups = ["g2"], IncludeUsers = ["All"] }),
            Policy("wids", "c3", g => g.BuiltInControls = ["mfa"], c => c.Users = new() { ExcludeRoles = [RoleId], IncludeUsers = ["All"] })));
    }

    private static readonly string[] Permissions = [Protected, Blocked, Patterned, Unprotected, KnownPermissions.ConditionalAccessPoliciesCreate];

    private static DefaultProtectedActionEvaluator Evaluator(ProtectedActionsOptions options) =>
        (DefaultProtectedActionEvaluator)ProtectedActionEvaluator.Create(options, new FakeTimeProvider(Now));

    private static ProtectedActionDecision Decide(IProtectedActionEvaluator evaluator, string permission, SignInContext signIn) =>
        evaluator.EvaluateAsync(new ProtectedActionRequest(permission, signIn)).AsTask().GetAwaiter().GetResult();

    /// <summary>Everything a caller can observe of a decision, as text.</summary>
    internal static string Describe(ProtectedActionDecision d)
    {
        var policies = d.Policies.Select(p =>
            $"{p.Id}/{p.State}/{p.Applies}/{p.Reason}/{p.Satisfied}/{string.Join(",", p.FailedControls)}/{p.Remediable}/{p.MissingInformation}/{p.Causes}");
        var challenge = d.Challenge is not { } c ? "none"
            : $"{c.AuthenticationContextId}|{c.Claims}|{c.AcrValues}|{c.MaxAgeSeconds}|{string.Join(" || ", c.WwwAuthenticate)}";
        return string.Join("\n",
            $"outcome {d.Outcome} by {d.SatisfiedBy} ctx {d.AuthenticationContextId} permission {d.Permission} maxAge {d.MaxAgeSeconds} clientCapable {d.ClientCapable} causes {d.Causes}",
            "challenge " + challenge,
            "reasons " + string.Join(" | ", d.Reasons),
            "notes " + string.Join(" | ", d.Notes.Select(n => n.ToString())),
            "policies " + string.Join(" ; ", policies),
            "explanation " + d.Explanation);
    }

    // ---- generated principals: well-formed Entra tokens of every kind, then malformed, duplicated and foreign claims ----

    private static Claim C(string type, string value, string valueType = ClaimValueTypes.String, string issuer = V2Issuer) => new(type, value, valueType, issuer);

    private static T Pick<T>(Random random, params T[] items) => items[random.Next(items.Length)];

    private static string Unix(DateTimeOffset t) => t.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    private static List<Claim> WellFormedClaims(Random random)
    {
        var claims = new List<Claim> { C("aud", "api://contoso"), C("scp", "access_as_user") };
        var longForms = random.Next(4) == 0;
        void Add(string shortType, string longType, string value, string valueType = ClaimValueTypes.String) =>
            claims.Add(C(longForms ? longType : shortType, value, valueType));

        switch (random.Next(6))
        {
            case 0: break;
            case 5: claims.Add(C("iss", Pick(random, V1Issuer, OtherIssuer, "https://accounts.google.com"))); break;
            default: claims.Add(C("iss", V2Issuer)); break;
        }

        if (random.Next(5) != 0)
        {
            Add("tid", "http://schemas.microsoft.com/identity/claims/tenantid", Pick(random, Tenant, Tenant, OtherTenant, "not-a-guid"));
        }

        if (random.Next(6) != 0)
        {
            Add("oid", "http://schemas.microsoft.com/identity/claims/objectidentifier", Pick(random, Alice, Alice, Alice, BreakGlass));
        }

        if (random.Next(3) == 0)
        {
            Add("sub", ClaimTypes.NameIdentifier, Pick(random, "AAAAsub", Alice, BreakGlass));
        }

        foreach (var amr in Pick<string[]>(random, ["fido", "mfa"], ["pwd"], ["pwd", "mfa"], ["rsa", "mfa"], ["wia"], ["mfa"], [], ["pwd", "otp"], ["face", "mfa"], ["hwk", "swk"]))
        {
            Add("amr", "http://schemas.microsoft.com/claims/authnmethodsreferences", amr);
        }

        switch (random.Next(8))
        {
            case 0: break;
            case 1: claims.Add(C("auth_time", Unix(Now.AddHours(-2)), ClaimValueTypes.Integer64)); break;
            case 2: claims.Add(C("auth_time", Unix(Now.AddHours(1)), ClaimValueTypes.Integer64)); break;
            case 3: claims.Add(C("auth_time", Unix(Now.AddMinutes(-90)))); break;
            default: claims.Add(C("auth_time", Unix(Now.AddMinutes(-random.Next(1, 59))), ClaimValueTypes.Integer64)); break;
        }

        switch (random.Next(6))
        {
            case 0: claims.Add(C("acrs", "c1")); break;
            case 1: claims.Add(C("acrs", "c1")); claims.Add(C("acrs", "c3")); break;
            case 2: claims.Add(C("acrs", Pick(random, "c2", "c3", "[\"c1\",\"c2\"]", "c01"))); break;
            default: break;
        }

        if (random.Next(2) == 0)
        {
            Add("acr", "http://schemas.microsoft.com/claims/authnclassreference", Pick(random, "1", "c1", "urn:mfa"));
        }

        var groupCount = random.Next(5) == 0 ? random.Next(300, 400) : random.Next(0, 4);
        for (var i = 0; i < groupCount; i++)
        {
            claims.Add(C("groups", Pick(random, "g1", "g2", "g3", "g4", "g5", "g" + i)));
        }

        if (random.Next(8) == 0)
        {
            claims.Add(C("groups", "[\"g1\",\"g2\"]"));
        }

        if (random.Next(10) == 0)
        {
            claims.Add(Pick(random, C("hasgroups", "true", ClaimValueTypes.Boolean), C("_claim_names", "{\"groups\":\"src1\"}"), C("_claim_sources", "{\"src1\":{\"endpoint\":\"e\"}}")));
        }

        for (var i = random.Next(0, 3); i > 0; i--)
        {
            claims.Add(C("wids", Pick(random, RoleId, "62e90394-69f5-4237-9190-012177145e10", "r-" + i)));
        }

        switch (random.Next(4))
        {
            case 0: break;
            case 1: claims.Add(C("xms_cc", Pick(random, "cp2", "CP1", "[\"cp1\",\"cp2\"]"))); break;
            default: claims.Add(C("xms_cc", "cp1")); break;
        }

        if (random.Next(3) == 0)
        {
            Add("deviceid", "http://schemas.microsoft.com/2012/01/devicecontext/claims/identifier", Pick(random, DeviceId, "dev-2"));
        }

        if (random.Next(2) == 0)
        {
            claims.Add(C("idtyp", Pick(random, "user", "user", "app")));
        }

        if (random.Next(4) == 0)
        {
            claims.Add(C("acct", Pick(random, "0", "1", "1", "2"), Pick(random, ClaimValueTypes.Integer, ClaimValueTypes.String)));
        }

        if (random.Next(5) == 0)
        {
            Add("idp", "http://schemas.microsoft.com/identity/claims/identityprovider", Pick(random, "live.com", V2Issuer, OtherIssuer, "https://sts.windows.net/" + OtherTenant + "/"));
        }

        return claims;
    }

    /// <summary>A well-formed token's claims, then (often) malformed, conflicting, duplicated and foreign ones, shuffled.</summary>
    internal static ClaimsIdentity GeneratedIdentity(Random random, bool authenticated = true)
    {
        var claims = WellFormedClaims(random);
        for (var i = random.Next(3) == 0 ? random.Next(1, 6) : 0; i > 0; i--)
        {
            switch (random.Next(3))
            {
                case 0:
                    claims.Add(OptimisedMapperEquivalenceTests.RandomClaim(random));
                    break;
                case 1 when claims.Count > 0:
                    var twin = claims[random.Next(claims.Count)];
                    claims.Add(new Claim(twin.Type, twin.Value, twin.ValueType, twin.Issuer));
                    break;
                default:
                    var victim = claims[random.Next(claims.Count)];
                    claims.Add(new Claim(victim.Type, Pick(random, "", new string('v', 2049), "x", "[1]", "[\"a\""), Pick(random, ClaimValueTypes.String, ClaimValueTypes.Boolean, "JSON_ARRAY"), V2Issuer));
                    break;
            }
        }

        if (random.Next(4) == 0)
        {
            claims = [.. claims.OrderBy(_ => random.Next())];
        }

        return new ClaimsIdentity(claims, authenticated ? "Bearer" : null);
    }

    private static ClaimsIdentity AnyIdentity(Random random) =>
        random.Next(6) == 0 ? OptimisedMapperEquivalenceTests.RandomIdentity(random, authenticated: true) : GeneratedIdentity(random);

    /// <summary>The facts the mask does not cover, and the notes, are those of the full mapping; the covered ones are either the same or unset.</summary>
    private static void ShouldBeTheFullSignInWithin(SignInContext actual, SignInContext full, ClaimNeeds needs, string because)
    {
        actual.UserId.Should().Be(full.UserId, because);
        actual.TenantId.Should().Be(full.TenantId, because);
        actual.Issuer.Should().Be(full.Issuer, because);
        actual.UserType.Should().Be(full.UserType, because);
        actual.GuestOrExternalUserTypes.Should().Be(full.GuestOrExternalUserTypes, because);
        Optional(actual.AuthenticationMethodReferences, full.AuthenticationMethodReferences, needed: true, "amr " + because);
        actual.AuthenticationTime.Should().Be(full.AuthenticationTime, because);
        Optional(actual.SatisfiedContexts, full.SatisfiedContexts, needed: true, "acrs " + because);
        actual.Acr.Should().Be(full.Acr, because);
        actual.IpAddress.Should().Be(full.IpAddress, because);
        actual.ClientAppType.Should().Be(full.ClientAppType, because);
        actual.Notes.Should().Equal(full.Notes, because);
        Optional(actual.GroupIds, full.GroupIds, (needs & ClaimNeeds.Groups) != 0, "groups " + because);
        Optional(actual.RoleIds, full.RoleIds, (needs & ClaimNeeds.Roles) != 0, "wids " + because);
        Optional(actual.ClientCapabilities, full.ClientCapabilities, (needs & ClaimNeeds.ClientCapabilities) != 0, "xms_cc " + because);
        if ((needs & ClaimNeeds.Device) != 0)
        {
            actual.Device?.DeviceId.Should().Be(full.Device?.DeviceId, because);
            (actual.Device is null).Should().Be(full.Device is null, because);
        }
        else
        {
            actual.Device.Should().BeNull(because);
        }
    }

    private static void Optional(IReadOnlyList<string>? actual, IReadOnlyList<string>? full, bool needed, string because)
    {
        if (!needed || full is null)
        {
            actual.Should().BeNull(because);
            return;
        }

        actual.Should().NotBeNull(because).And.Equal(full, because);
    }

    [Test]
    public void Generated_principals_decide_with_only_the_needed_facts_exactly_as_with_the_full_reference_mapping([Values(1, 2, 3)] int seed)
    {
        var random = new Random(seed);
        var configurations = Configurations().Select(c => (c.Name, Evaluator: Evaluator(c.Options))).ToArray();
        var compared = 0;
        var outcomes = new HashSet<string>();
        for (var i = 0; i < 400; i++)
        {
            var identity = AnyIdentity(random);
            var ip = Pick(random, Office, Office, Elsewhere, null);
            var full = ReferenceSignInClaimReader.FromClaimsIdentity(identity, ip);
            foreach (var (name, evaluator) in configurations)
            {
                foreach (var permission in Permissions)
                {
                    var needs = evaluator.ClaimNeedsFor(permission);
                    var because = $"seed {seed}, case {i}, {name}, {permission}, needs {needs}";
                    var partial = SignInMapper.FromClaimsIdentityReading(identity, ip, needs);
                    ShouldBeTheFullSignInWithin(partial, full, needs, because);
                    var expected = Describe(Decide(evaluator, permission, full));
                    Describe(Decide(evaluator, permission, partial)).Should().Be(expected, because);
                    outcomes.Add($"{name}: {expected[..expected.IndexOf(" ctx", StringComparison.Ordinal)]}");
                    compared++;
                }
            }
        }

        compared.Should().Be(400 * configurations.Length * Permissions.Length);
        // The generated sign-ins reach every kind of decision, so the comparison covers every path of the evaluator.
        outcomes.Should().Contain(o => o.Contains("Allowed by Policies", StringComparison.Ordinal))
            .And.Contain(o => o.Contains("Allowed by Token", StringComparison.Ordinal))
            .And.Contain(o => o.Contains("StepUpRequired", StringComparison.Ordinal))
            .And.Contain(o => o.Contains("Denied", StringComparison.Ordinal))
            .And.Contain(o => o.Contains("Allowed by NotProtected", StringComparison.Ordinal));
    }

    [Test]
    public void Principals_with_several_identities_map_with_only_the_needed_facts_as_the_full_reference_maps_them([Values(4, 5)] int seed)
    {
        var random = new Random(seed);
        var configurations = Configurations().Select(c => Evaluator(c.Options)).ToArray();
        for (var i = 0; i < 300; i++)
        {
            var principal = new ClaimsPrincipal(AnyIdentity(random));
            for (var more = random.Next(3); more > 0; more--)
            {
                principal.AddIdentity(random.Next(3) == 0 ? GeneratedIdentity(random, authenticated: false) : AnyIdentity(random));
            }

            var full = ReferenceSignInClaimReader.FromClaimsPrincipal(principal, Office);
            foreach (var evaluator in configurations)
            {
                var needs = evaluator.ClaimNeedsFor(Pick(random, Permissions));
                var partial = SignInClaimReader.ReadAuthenticated(principal, Office, needs);
                ShouldBeTheFullSignInWithin(partial, full, needs, $"seed {seed}, case {i}, needs {needs}");
                foreach (var permission in Permissions.Where(p => (evaluator.ClaimNeedsFor(p) & ~needs) == 0))
                {
                    Describe(Decide(evaluator, permission, partial)).Should().Be(Describe(Decide(evaluator, permission, full)), $"seed {seed}, case {i}, {permission}");
                }
            }
        }
    }

    [Test]
    public void Each_context_asks_for_exactly_the_optional_facts_its_policies_or_settings_read()
    {
        var configurations = Configurations().ToDictionary(c => c.Name, c => Evaluator(c.Options));

        configurations["request path"].ClaimNeedsFor(Protected).Should().Be(ClaimNeeds.None);
        configurations["request path"].ClaimNeedsFor(Unprotected).Should().Be(ClaimNeeds.None);
        configurations["evaluator"].ClaimNeedsFor(Protected).Should().Be(ClaimNeeds.Device);
        configurations["evaluator"].ClaimNeedsFor(Patterned).Should().Be(ClaimNeeds.Device, "a device filter reads the device id");
        configurations["evaluator"].ClaimNeedsFor(Blocked).Should().Be(ClaimNeeds.None);
        configurations["seed"].ClaimNeedsFor(KnownPermissions.ConditionalAccessPoliciesCreate).Should().Be(ClaimNeeds.None);
        var everything = configurations["groups, roles, guests, cp1, tenants"];
        everything.ClaimNeedsFor(Protected).Should().Be(ClaimNeeds.Groups | ClaimNeeds.Roles | ClaimNeeds.ClientCapabilities);
        everything.ClaimNeedsFor(Blocked).Should().Be(ClaimNeeds.Groups | ClaimNeeds.Roles | ClaimNeeds.ClientCapabilities,
            "report-only policies are evaluated (and reported); a disabled one is counted too, which only costs a list");
        everything.ClaimNeedsFor(Patterned).Should().Be(ClaimNeeds.Device | ClaimNeeds.ClientCapabilities);
        everything.ClaimNeedsFor(Unprotected).Should().Be(ClaimNeeds.None, "a permission that is not protected reads no sign-in");
        configurations["acrs only"].ClaimNeedsFor(Blocked).Should().Be(ClaimNeeds.Groups);
        configurations["acrs only"].ClaimNeedsFor(Patterned).Should().Be(ClaimNeeds.Roles);
    }

    [Test]
    public void The_public_mapper_still_builds_every_fact()
    {
        var identity = new ClaimsIdentity(
        [
            C("iss", V2Issuer), C("groups", "g1"), C("groups", "g2"), C("wids", RoleId), C("xms_cc", "cp1"), C("deviceid", DeviceId),
        ], "Bearer");

        var signIn = SignInMapper.FromClaimsIdentity(identity);
        signIn.GroupIds.Should().Equal("g1", "g2");
        signIn.RoleIds.Should().Equal(RoleId);
        signIn.ClientCapabilities.Should().Equal("cp1");
        signIn.Device!.DeviceId.Should().Be(DeviceId);
        SignInMapper.FromClaimsPrincipal(new ClaimsPrincipal(identity)).GroupIds.Should().Equal("g1", "g2");

        var none = SignInMapper.FromClaimsIdentityReading(identity, null, ClaimNeeds.None);
        none.GroupIds.Should().BeNull();
        none.RoleIds.Should().BeNull();
        none.ClientCapabilities.Should().BeNull();
        none.Device.Should().BeNull();
        none.Issuer.Should().Be(V2Issuer);

        // The reader is reused per thread: a masked read leaves nothing behind for the next full one.
        SignInMapper.FromClaimsIdentity(identity).GroupIds.Should().Equal("g1", "g2");
    }

    // ---- attacker: a fact left unset never helps ----

    /// <summary>
    /// Each optional fact can exempt a caller (an excluded group, an excluded role, an excluded device). Should a
    /// mapping ever leave it unset while a policy reads it (a snapshot swapped between the handler's mapping and the
    /// evaluation, or a wrong mask), the exemption is unknown, never granted: a password-only caller is not allowed.
    /// </summary>
    [TestCase("group")]
    [TestCase("role")]
    [TestCase("device")]
    public void Attacker_a_fact_left_unset_while_a_policy_reads_it_never_exempts_the_caller(string exemption)
    {
        var options = Base(Policy("mfa", "c1", g => g.BuiltInControls = ["mfa"], c =>
        {
            switch (exemption)
            {
                case "group": c.Users = new() { IncludeUsers = ["All"], ExcludeGroups = ["g-exempt"] }; break;
                case "role": c.Users = new() { IncludeUsers = ["All"], ExcludeRoles = [RoleId] }; break;
                default: c.Devices = new() { DeviceFilter = new() { Mode = "exclude", Rule = "device.deviceId -eq \"" + DeviceId + "\"" } }; break;
            }
        }));
        var evaluator = Evaluator(options);
        var identity = new ClaimsIdentity(
        [
            C("iss", V2Issuer), C("tid", Tenant), C("oid", Alice), C("amr", "pwd"), C("auth_time", Unix(Now.AddMinutes(-5)), ClaimValueTypes.Integer64),
            C("groups", "g-exempt"), C("wids", RoleId), C("deviceid", DeviceId),
        ], "Bearer");

        // The context reads the fact, so the handler's mask includes it and the exemption works as with a full mapping.
        var needs = evaluator.ClaimNeedsFor(Protected);
        needs.Should().NotBe(ClaimNeeds.None);
        var exempt = Decide(evaluator, Protected, SignInMapper.FromClaimsIdentityReading(identity, Office, needs));
        exempt.Outcome.Should().Be(ProtectedActionOutcome.Allowed);
        Describe(exempt).Should().Be(Describe(Decide(evaluator, Protected, SignInMapper.FromClaimsIdentity(identity, Office))));

        // Left unset (as a mapping for another snapshot would leave it): unknown, so the policy applies and asks for MFA.
        var unset = Decide(evaluator, Protected, SignInMapper.FromClaimsIdentityReading(identity, Office, ClaimNeeds.None));
        unset.Outcome.Should().NotBe(ProtectedActionOutcome.Allowed);
        unset.Policies.Should().ContainSingle().Which.Applies.Should().BeTrue();
    }

    /// <summary>
    /// The facts every evaluation reads are never masked. In particular <c>auth_time</c>: a trusted <c>acrs</c> without
    /// <c>auth_time</c> is judged by <c>acrs</c> alone, so an <c>auth_time</c> left unread would let a stale sign-in past a
    /// sign-in frequency. A token with a trusted acrs and an auth_time older than the frequency must not be allowed.
    /// </summary>
    [Test]
    public void Attacker_a_trusted_acrs_with_a_stale_auth_time_is_not_allowed_whatever_the_mask()
    {
        var evaluator = Evaluator(Configurations().First().Options);
        var identity = new ClaimsIdentity(
        [
            C("iss", V2Issuer), C("tid", Tenant), C("oid", Alice), C("acrs", "c1"), C("amr", "pwd"), C("amr", "mfa"),
            C("auth_time", Unix(Now.AddHours(-3)), ClaimValueTypes.Integer64), C("groups", "g1"), C("xms_cc", "cp1"),
        ], "Bearer");

        foreach (var needs in new[] { ClaimNeeds.None, evaluator.ClaimNeedsFor(Protected), ClaimNeeds.All })
        {
            var signIn = SignInMapper.FromClaimsIdentityReading(identity, Office, needs);
            signIn.AuthenticationTime.Should().Be(DateTimeOffset.FromUnixTimeSeconds(Now.AddHours(-3).ToUnixTimeSeconds()));
            signIn.SatisfiedContexts.Should().Equal("c1");
            var decision = Decide(evaluator, Protected, signIn);
            decision.Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired, $"needs {needs}");
            decision.Causes.Should().HaveFlag(DecisionCauses.SignInFrequency);
        }
    }

    /// <summary>A malformed claim of a kind the context does not read is still noted, exactly as a full mapping notes it.</summary>
    [TestCase("groups", "[1]", "groups: has an entry that is not a string; treated as absent")]
    [TestCase("wids", "[1]", "wids: has an entry that is not a string; treated as absent")]
    [TestCase("xms_cc", "[\"a\"", "xms_cc: is not a JSON array of strings; treated as absent")]
    [TestCase("deviceid", "", "deviceid: empty; treated as absent")]
    public void A_malformed_claim_no_policy_reads_is_still_noted(string type, string value, string note)
    {
        var evaluator = Evaluator(Configurations().First().Options);
        var identity = new ClaimsIdentity([C("iss", V2Issuer), C("oid", Alice), C("amr", "fido"), C("amr", "mfa"), C(type, value)], "Bearer");
        var needs = evaluator.ClaimNeedsFor(Protected);
        needs.Should().Be(ClaimNeeds.None);

        var partial = SignInMapper.FromClaimsIdentityReading(identity, Office, needs);
        var full = SignInMapper.FromClaimsIdentity(identity, Office);
        partial.Notes.Should().Equal(full.Notes);
        partial.Notes.Should().Contain(n => n.StartsWith(note, StringComparison.Ordinal));
        Decide(evaluator, Protected, partial).Reasons.Should().Equal(Decide(evaluator, Protected, full).Reasons);
    }
}
