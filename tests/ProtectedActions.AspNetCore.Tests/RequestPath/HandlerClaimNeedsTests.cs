using System.Globalization;
using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using static ProtectedActions.AspNetCore.Tests.RequestPath.RequestPathPolicies;

namespace ProtectedActions.AspNetCore.Tests.RequestPath;

/// <summary>
/// The handler has the mapper build only the optional facts (groups, wids, xms_cc, deviceid) the permission's context
/// reads (docs/decisions/request-path-performance.md, plan item 6). Through the real handler, every decision must be the
/// one the public full mapping (<see cref="SignInMapper.FromClaimsIdentity"/>) and the evaluator give, reasons included;
/// an evaluator other than the library's gets every fact.
/// </summary>
public sealed class HandlerClaimNeedsTests
{
    private const string Tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    private const string Issuer = "https://login.microsoftonline.com/" + Tenant + "/v2.0";
    private const string OtherIssuer = "https://login.microsoftonline.com/f8cdef31-a31e-4b4a-93e4-5f571e91255a/v2.0";
    private const string Alice = "11111111-1111-1111-1111-111111111111";
    private const string RoleId = "b79fbf4d-3ef9-4689-8143-76b194e85509";
    private const string Approve = "contoso.billing/invoices/approve";
    private const string Purge = "contoso.billing/invoices/purge";
    private const string Exempted = "contoso.billing/invoices/export";
    private const string Read = "contoso.billing/invoices/read";
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);
    private static readonly string[] Permissions = [Approve, Purge, Exempted, Read];

    /// <summary>c1: the request-path benchmark's policies (no optional fact); c2: groups and roles; c3: a device exemption; cp1 required.</summary>
    private static ProtectedActionsOptions Options() => new()
    {
        AuthenticationContexts = [new() { Id = "c1" }, new() { Id = "c2" }, new() { Id = "c3" }],
        ProtectedActions =
        [
            new() { Permission = Approve, AuthenticationContextId = "c1" },
            new() { Permission = Purge, AuthenticationContextId = "c2" },
            new() { Permission = Exempted, AuthenticationContextId = "c3" },
        ],
        NamedLocations = [new() { Id = "office", IsTrusted = true, IpRanges = [new() { CidrAddress = "203.0.113.0/24" }] }],
        ConditionalAccessPolicies =
        [
            Policy("strength", "c1", g => g.AuthenticationStrength = new() { Id = KnownAuthenticationStrengths.PhishingResistantMfa }),
            Policy("frequency", "c1", g => g.BuiltInControls = ["mfa"], hours: 1),
            Policy("outside-office", "c1", g => g.BuiltInControls = ["block"], c => c.Locations = new() { IncludeLocations = ["All"], ExcludeLocations = ["office"] }),
            Policy("groups", "c2", g => g.BuiltInControls = ["mfa"], c => c.Users = new() { IncludeUsers = ["All"], ExcludeGroups = ["g-exempt"] }),
            Policy("roles", "c2", g => g.BuiltInControls = ["block"], c => c.Users = new() { IncludeRoles = [RoleId] }),
            Policy("device", "c3", g => g.BuiltInControls = ["mfa"], c => c.Devices = new() { DeviceFilter = new() { Mode = "exclude", Rule = "device.deviceId -eq \"dev-1\"" } }),
        ],
        Settings = new() { TrustedIssuers = [Issuer], RequireClientCapability = true },
    };

    private static Claim C(string type, string value, string valueType = ClaimValueTypes.String) => new(type, value, valueType, Issuer);

    private static string Unix(DateTimeOffset t) => t.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    private static T Pick<T>(Random random, params T[] items) => items[random.Next(items.Length)];

    private static ClaimsIdentity GeneratedIdentity(Random random)
    {
        var claims = new List<Claim> { C("aud", "api://contoso"), C("scp", "access_as_user") };
        if (random.Next(6) != 0)
        {
            claims.Add(C("iss", Pick(random, Issuer, Issuer, Issuer, OtherIssuer)));
        }

        if (random.Next(6) != 0)
        {
            claims.Add(C(random.Next(4) == 0 ? "http://schemas.microsoft.com/identity/claims/objectidentifier" : "oid", Alice));
        }

        foreach (var amr in Pick<string[]>(random, ["fido", "mfa"], ["pwd"], ["pwd", "mfa"], [], ["rsa", "mfa"]))
        {
            claims.Add(C("amr", amr));
        }

        if (random.Next(6) != 0)
        {
            claims.Add(C("auth_time", Unix(Now.AddMinutes(-Pick(random, 5, 30, 90, 600, -60))), Pick(random, ClaimValueTypes.Integer64, ClaimValueTypes.String)));
        }

        if (random.Next(3) == 0)
        {
            claims.Add(C("acrs", Pick(random, "c1", "c2", "c3", "c1")));
        }

        for (var i = random.Next(0, 4); i > 0; i--)
        {
            claims.Add(C("groups", Pick(random, "g-exempt", "g1", "g" + i)));
        }

        for (var i = random.Next(0, 3); i > 0; i--)
        {
            claims.Add(C("wids", Pick(random, RoleId, "other-role")));
        }

        if (random.Next(4) != 0)
        {
            claims.Add(C("xms_cc", Pick(random, "cp1", "cp1", "cp2")));
        }

        if (random.Next(3) == 0)
        {
            claims.Add(C("deviceid", Pick(random, "dev-1", "dev-2")));
        }

        if (random.Next(4) == 0)
        {
            // Malformed, conflicting or overage claims of every kind: the notes must be those of a full mapping.
            claims.Add(Pick(random,
                C("groups", "[1]"), C("wids", ""), C("xms_cc", "[\"cp1\""), C("deviceid", ""), C("deviceid", "dev-3"),
                C("hasgroups", "true", ClaimValueTypes.Boolean), C("oid", "someone-else"), C("auth_time", "soon"),
                C("groups", new string('g', 2049)), C("idtyp", "app"), C("acct", "7")));
        }

        return new ClaimsIdentity(claims, "Bearer");
    }

    private static string Describe(ProtectedActionDecision d) =>
        $"{d.Outcome}|{d.SatisfiedBy}|{d.AuthenticationContextId}|{d.MaxAgeSeconds}|{d.ClientCapable}|{d.Causes}|"
        + $"{d.Challenge?.Claims}|{string.Join(" || ", d.Challenge?.WwwAuthenticate ?? [])}|{string.Join(" | ", d.Reasons)}|"
        + string.Join(";", d.Policies.Select(p => $"{p.Id}/{p.Applies}/{p.Reason}/{p.Satisfied}/{string.Join(",", p.FailedControls)}/{p.Remediable}/{p.MissingInformation}"))
        + "|" + d.Explanation;

    private static async Task<(bool Succeeded, ProtectedActionDecision Decision)> AuthorizeAsync(IAuthorizationHandler handler, ClaimsPrincipal user, string permission, IPAddress ip)
    {
        var http = new DefaultHttpContext { User = user };
        http.Connection.RemoteIpAddress = ip;
        var context = new AuthorizationHandlerContext([new ProtectedActionRequirement(permission)], user, http);
        await handler.HandleAsync(context);
        return (context.HasSucceeded, http.Features.Get<IProtectedActionFeature>()!.Decisions.Single());
    }

    private static ProtectedActionAuthorizationHandler Handler(IProtectedActionEvaluator evaluator) =>
        new(evaluator, NullLogger<ProtectedActionAuthorizationHandler>.Instance);

    [Test]
    public async Task Generated_principals_get_from_the_handler_exactly_the_decision_of_the_full_mapping([Values(1, 2)] int seed)
    {
        var random = new Random(seed);
        var evaluator = ProtectedActionEvaluator.Create(Options(), new FixedClock());
        var handler = Handler(evaluator);
        var outcomes = new HashSet<ProtectedActionOutcome>();
        for (var i = 0; i < 300; i++)
        {
            var identity = GeneratedIdentity(random);
            var user = new ClaimsPrincipal(identity);
            if (random.Next(5) == 0)
            {
                user.AddIdentity(new ClaimsIdentity([C("groups", "g-exempt"), C("amr", "fido")])); // not authenticated: never read
            }

            var ip = IPAddress.Parse(Pick(random, "203.0.113.10", "198.51.100.7", "::ffff:203.0.113.10"));
            foreach (var permission in Permissions)
            {
                var (succeeded, decision) = await AuthorizeAsync(handler, user, permission, ip);
                var full = await evaluator.EvaluateAsync(new ProtectedActionRequest(permission, SignInMapper.FromClaimsIdentity(identity, ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip)));

                Describe(decision).Should().Be(Describe(full), $"seed {seed}, case {i}, {permission}");
                succeeded.Should().Be(full.IsAllowed);
                outcomes.Add(full.Outcome);
            }
        }

        outcomes.Should().BeEquivalentTo([ProtectedActionOutcome.Allowed, ProtectedActionOutcome.StepUpRequired, ProtectedActionOutcome.Denied]);
    }

    [TestCase(Purge, "groups", "g-exempt")]
    [TestCase(Exempted, "deviceid", "dev-1")]
    public async Task A_fact_the_context_reads_exempts_as_with_a_full_mapping(string permission, string type, string value)
    {
        var evaluator = ProtectedActionEvaluator.Create(Options(), new FixedClock());
        var user = new ClaimsPrincipal(new ClaimsIdentity(
            [C("iss", Issuer), C("oid", Alice), C("amr", "pwd"), C("xms_cc", "cp1"), C("wids", "other-role"), C(type, value)], "Bearer"));

        var (succeeded, decision) = await AuthorizeAsync(Handler(evaluator), user, permission, IPAddress.Parse("203.0.113.10"));

        succeeded.Should().BeTrue("the exemption is read: the context's policies need it");
        decision.Outcome.Should().Be(ProtectedActionOutcome.Allowed);
    }

    /// <summary>
    /// Attacker: a token crafted so that unread claims would matter. It carries a trusted <c>acrs</c> for c1 but an
    /// <c>auth_time</c> three hours old (c1 has a one-hour frequency), a group and a role no c1 policy reads, and a
    /// device id: the handler must ask for a fresh sign-in, as a full mapping does, never allow.
    /// </summary>
    [Test]
    public async Task Attacker_a_trusted_acrs_with_a_stale_sign_in_and_unread_claims_is_not_allowed()
    {
        var evaluator = ProtectedActionEvaluator.Create(Options(), new FixedClock());
        var identity = new ClaimsIdentity(
        [
            C("iss", Issuer), C("oid", Alice), C("acrs", "c1"), C("amr", "pwd"), C("amr", "mfa"), C("auth_time", Unix(Now.AddHours(-3)), ClaimValueTypes.Integer64),
            C("groups", "g-exempt"), C("wids", RoleId), C("deviceid", "dev-1"), C("xms_cc", "cp1"),
        ], "Bearer");

        var (succeeded, decision) = await AuthorizeAsync(Handler(evaluator), new ClaimsPrincipal(identity), Approve, IPAddress.Parse("203.0.113.10"));

        succeeded.Should().BeFalse();
        decision.Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
        decision.Causes.Should().HaveFlag(DecisionCauses.SignInFrequency);
        decision.MaxAgeSeconds.Should().Be(3600);
        var full = await evaluator.EvaluateAsync(new ProtectedActionRequest(Approve, SignInMapper.FromClaimsIdentity(identity, IPAddress.Parse("203.0.113.10"))));
        Describe(decision).Should().Be(Describe(full));
    }

    [Test]
    public async Task An_evaluator_other_than_the_librarys_gets_every_fact_of_the_token()
    {
        var capturing = new CapturingEvaluator(ProtectedActionEvaluator.Create(Options(), new FixedClock()));
        var user = new ClaimsPrincipal(new ClaimsIdentity(
            [C("iss", Issuer), C("oid", Alice), C("groups", "g1"), C("groups", "g2"), C("wids", RoleId), C("xms_cc", "cp1"), C("deviceid", "dev-1")], "Bearer"));

        await AuthorizeAsync(Handler(capturing), user, Approve, IPAddress.Parse("203.0.113.10"));

        var signIn = capturing.SignIn!;
        signIn.GroupIds.Should().Equal("g1", "g2");
        signIn.RoleIds.Should().Equal(RoleId);
        signIn.ClientCapabilities.Should().Equal("cp1");
        signIn.Device!.DeviceId.Should().Be("dev-1");
    }

    private sealed class FixedClock : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private sealed class CapturingEvaluator(IProtectedActionEvaluator inner) : IProtectedActionEvaluator
    {
        public SignInContext? SignIn { get; private set; }

        public ValueTask<ProtectedActionDecision> EvaluateAsync(ProtectedActionRequest request, CancellationToken cancellationToken = default)
        {
            SignIn = request.SignIn;
            return inner.EvaluateAsync(request, cancellationToken);
        }
    }
}
