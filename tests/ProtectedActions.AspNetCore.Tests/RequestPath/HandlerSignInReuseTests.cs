using System.Globalization;
using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using static ProtectedActions.AspNetCore.Tests.RequestPath.RequestPathPolicies;

namespace ProtectedActions.AspNetCore.Tests.RequestPath;

/// <summary>
/// One principal authorized again and again (a SignalR connection, a Blazor Server circuit, several checks in one request)
/// is mapped once per thread while its claims stay the same (docs/decisions/request-path-performance.md §10). Through the
/// real handler: whatever changes between two authorizations — the claims, the address, the clock — decides as a fresh
/// principal would.
/// </summary>
public sealed class HandlerSignInReuseTests
{
    private const string Issuer = "https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0";
    private const string Approve = "contoso.billing/invoices/approve";
    private static readonly DateTimeOffset Start = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);
    private static readonly IPAddress Office = IPAddress.Parse("203.0.113.10");

    /// <summary>The request-path benchmark's context: phishing-resistant strength, one-hour frequency, blocked outside the office.</summary>
    private static ProtectedActionsOptions Options() => new()
    {
        AuthenticationContexts = [new() { Id = "c1" }],
        ProtectedActions = [new() { Permission = Approve, AuthenticationContextId = "c1" }],
        NamedLocations = [new() { Id = "office", IsTrusted = true, IpRanges = [new() { CidrAddress = "203.0.113.0/24" }] }],
        ConditionalAccessPolicies =
        [
            Policy("strength", "c1", g => g.AuthenticationStrength = new() { Id = KnownAuthenticationStrengths.PhishingResistantMfa }),
            Policy("frequency", "c1", g => g.BuiltInControls = ["mfa"], hours: 1),
            Policy("outside-office", "c1", g => g.BuiltInControls = ["block"], c => c.Locations = new() { IncludeLocations = ["All"], ExcludeLocations = ["office"] }),
        ],
        Settings = new() { TrustedIssuers = [Issuer] },
    };

    private static Claim C(string type, string value, string valueType = ClaimValueTypes.String) => new(type, value, valueType, Issuer);

    private static ClaimsIdentity Identity(string method, DateTimeOffset signedIn) => new(
    [
        C("aud", "api://contoso"), C("iss", Issuer), C("oid", "11111111-1111-1111-1111-111111111111"), C("scp", "access_as_user"),
        C("amr", method), C("amr", "mfa"), C("auth_time", signedIn.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), ClaimValueTypes.Integer64),
    ], "Bearer");

    private static (ProtectedActionAuthorizationHandler Handler, FakeTimeProvider Clock) Create()
    {
        var clock = new FakeTimeProvider(Start);
        return (new ProtectedActionAuthorizationHandler(ProtectedActionEvaluator.Create(Options(), clock), NullLogger<ProtectedActionAuthorizationHandler>.Instance), clock);
    }

    private static async Task<ProtectedActionDecision> AuthorizeAsync(IAuthorizationHandler handler, ClaimsPrincipal user, IPAddress ip)
    {
        var http = new DefaultHttpContext { User = user };
        http.Connection.RemoteIpAddress = ip;
        var context = new AuthorizationHandlerContext([new ProtectedActionRequirement(Approve)], user, http);
        await handler.HandleAsync(context);
        var decision = http.Features.Get<IProtectedActionFeature>()!.Decisions.Single();
        context.HasSucceeded.Should().Be(decision.IsAllowed);
        return decision;
    }

    [Test]
    public async Task Attacker_a_principal_weakened_in_place_after_an_allow_steps_up()
    {
        var (handler, _) = Create();
        var identity = Identity("fido", Start.AddMinutes(-10));
        var user = new ClaimsPrincipal(identity);
        (await AuthorizeAsync(handler, user, Office)).Outcome.Should().Be(ProtectedActionOutcome.Allowed);

        // A claims transformation (or any code) that rewrites the same principal.
        identity.RemoveClaim(identity.FindFirst(c => c.Type == "amr" && c.Value == "fido"));
        identity.AddClaim(C("amr", "pwd"));

        (await AuthorizeAsync(handler, user, Office)).Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
    }

    [Test]
    public async Task Locked_out_user_a_principal_strengthened_in_place_after_a_challenge_is_allowed()
    {
        var (handler, _) = Create();
        var identity = Identity("pwd", Start.AddMinutes(-10));
        var user = new ClaimsPrincipal(identity);
        (await AuthorizeAsync(handler, user, Office)).Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);

        identity.RemoveClaim(identity.FindFirst(c => c.Type == "amr" && c.Value == "pwd"));
        identity.AddClaim(C("amr", "fido"));

        (await AuthorizeAsync(handler, user, Office)).Outcome.Should().Be(ProtectedActionOutcome.Allowed);
    }

    [Test]
    public async Task Attacker_the_same_principal_is_not_allowed_once_its_sign_in_is_too_old()
    {
        var (handler, clock) = Create();
        var user = new ClaimsPrincipal(Identity("fido", Start.AddMinutes(-10)));
        (await AuthorizeAsync(handler, user, Office)).Outcome.Should().Be(ProtectedActionOutcome.Allowed);

        clock.Advance(TimeSpan.FromHours(1));

        var later = await AuthorizeAsync(handler, user, Office);
        later.Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
        later.Causes.Should().HaveFlag(DecisionCauses.SignInFrequency);
    }

    [Test]
    public async Task Attacker_the_same_principal_from_outside_the_office_is_blocked()
    {
        var (handler, _) = Create();
        var user = new ClaimsPrincipal(Identity("fido", Start.AddMinutes(-10)));
        (await AuthorizeAsync(handler, user, Office)).Outcome.Should().Be(ProtectedActionOutcome.Allowed);

        (await AuthorizeAsync(handler, user, IPAddress.Parse("198.51.100.7"))).Outcome.Should().Be(ProtectedActionOutcome.Denied);
        (await AuthorizeAsync(handler, user, Office)).Outcome.Should().Be(ProtectedActionOutcome.Allowed);
    }

    [Test]
    public async Task A_second_authenticated_identity_added_later_is_judged_as_identities_are_judged()
    {
        var (handler, _) = Create();
        var user = new ClaimsPrincipal(Identity("fido", Start.AddMinutes(-10)));
        (await AuthorizeAsync(handler, user, Office)).Outcome.Should().Be(ProtectedActionOutcome.Allowed);

        // Two authenticated identities from the trusted issuer: no single one carries the token, nothing is read.
        user.AddIdentity(Identity("fido", Start.AddMinutes(-10)));

        (await AuthorizeAsync(handler, user, Office)).Outcome.Should().NotBe(ProtectedActionOutcome.Allowed);
    }

    [Test]
    public async Task An_evaluator_other_than_the_librarys_gets_a_sign_in_of_its_own_every_time()
    {
        var (inner, _) = Create();
        var capturing = new CapturingEvaluator(ProtectedActionEvaluator.Create(Options(), new FakeTimeProvider(Start)));
        var handler = new ProtectedActionAuthorizationHandler(capturing, NullLogger<ProtectedActionAuthorizationHandler>.Instance);
        var user = new ClaimsPrincipal(Identity("fido", Start.AddMinutes(-10)));

        (await AuthorizeAsync(handler, user, Office)).Outcome.Should().Be(ProtectedActionOutcome.Allowed);
        (await AuthorizeAsync(handler, user, Office)).Outcome.Should().Be(ProtectedActionOutcome.Allowed);

        capturing.SignIns.Should().HaveCount(2);
        capturing.SignIns[1].Should().NotBeSameAs(capturing.SignIns[0], "the host's evaluator may keep or change what it is handed");
        (await AuthorizeAsync(inner, user, Office)).Outcome.Should().Be(ProtectedActionOutcome.Allowed);
    }

    private sealed class CapturingEvaluator(IProtectedActionEvaluator inner) : IProtectedActionEvaluator
    {
        public List<SignInContext> SignIns { get; } = [];

        public ValueTask<ProtectedActionDecision> EvaluateAsync(ProtectedActionRequest request, CancellationToken cancellationToken = default)
        {
            SignIns.Add(request.SignIn);
            return inner.EvaluateAsync(request, cancellationToken);
        }
    }
}
