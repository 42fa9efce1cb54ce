using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using ProtectedActions.AspNetCore.Tests.Infrastructure;

namespace ProtectedActions.AspNetCore.Tests.Mutation;

/// <summary>
/// The authorization handler driven directly: which identity it maps (exactly one authenticated identity, or the
/// single one from a trusted issuer), which address it passes on (the connection's, IPv4-mapped addresses
/// normalised, never a forwarded header), the per-request reuse of a decision, and failures that must refuse.
/// </summary>
public sealed class HandlerIdentityAndAddressTests
{
    private const string Trusted = HandlerHarness.Trusted;
    private const string Untrusted = "https://evil.example/";
    private const string Permission = HandlerHarness.Permission;

    private static ServiceProvider? _services;

    [OneTimeSetUp]
    public void StartServices() => _services = HandlerHarness.CreateServices();

    [OneTimeTearDown]
    public void StopServices() => _services?.Dispose();

    private static IProtectedActionsConfigurationStatus Status => _services!.GetRequiredService<IProtectedActionsConfigurationStatus>();

    private static ClaimsIdentity Identity(string oid, string? issuer = Trusted, bool authenticated = true) =>
        HandlerHarness.Identity(oid, issuer, authenticated);

    private static async Task<(bool Succeeded, ProgrammedEvaluator Evaluator)> RunAsync(ClaimsPrincipal user, object? resource,
        ProgrammedEvaluator? evaluator = null, bool withStatus = true, IEnumerable<IAuthorizationRequirement>? requirements = null)
    {
        evaluator ??= new ProgrammedEvaluator(ProtectedActionOutcome.Allowed);
        var handler = new ProtectedActionAuthorizationHandler(evaluator, NullLogger<ProtectedActionAuthorizationHandler>.Instance,
            withStatus ? Status : null);
        var context = new AuthorizationHandlerContext(requirements ?? [new ProtectedActionRequirement(Permission)], user, resource);
        await handler.HandleAsync(context);
        return (context.HasSucceeded, evaluator);
    }

    private static DefaultHttpContext Http(string? remote = "203.0.113.5")
    {
        var http = new DefaultHttpContext();
        http.Connection.RemoteIpAddress = remote is null ? null : IPAddress.Parse(remote);
        return http;
    }

    // ---- identity ----

    [Test]
    public async Task Attacker_without_an_authenticated_identity_is_never_evaluated_nor_allowed()
    {
        var user = new ClaimsPrincipal(Identity("attacker", authenticated: false));

        var (succeeded, evaluator) = await RunAsync(user, Http());

        succeeded.Should().BeFalse();
        evaluator.Requests.Should().BeEmpty();
    }

    [Test]
    public async Task The_single_authenticated_identity_is_mapped_even_after_unauthenticated_ones()
    {
        var user = new ClaimsPrincipal([Identity("transformation", authenticated: false), Identity("alice")]);

        var (succeeded, evaluator) = await RunAsync(user, Http());

        succeeded.Should().BeTrue();
        evaluator.Requests.Single().SignIn.UserId.Should().Be("alice");
        evaluator.Requests.Single().Permission.Should().Be(Permission);
    }

    [Test]
    public async Task The_single_authenticated_identity_is_mapped_when_identities_are_not_a_list()
    {
        var user = new ArrayPrincipal(Identity("transformation", authenticated: false), Identity("alice"));

        var (succeeded, evaluator) = await RunAsync(user, Http());

        succeeded.Should().BeTrue();
        evaluator.Requests.Single().SignIn.UserId.Should().Be("alice");
    }

    [Test]
    public async Task The_single_authenticated_identity_is_mapped_whatever_its_issuer_when_identities_are_not_a_list()
    {
        // One authenticated identity carries the token whoever issued it (the JWT handler already validated it);
        // the trusted-issuer choice is only for several. Counting it wrongly would send it down that path and
        // lose its claims, so a user who could satisfy the policy would see an empty sign-in.
        var user = new ArrayPrincipal(Identity("transformation", authenticated: false), Identity("bob", Untrusted));

        var (succeeded, evaluator) = await RunAsync(user, Http());

        succeeded.Should().BeTrue();
        var signIn = evaluator.Requests.Single().SignIn;
        signIn.UserId.Should().Be("bob");
        signIn.Issuer.Should().Be(Untrusted);
        signIn.Notes.Should().BeEmpty();
    }

    [Test]
    public async Task No_authenticated_identity_in_a_principal_whose_identities_are_not_a_list_is_not_evaluated()
    {
        var (succeeded, evaluator) = await RunAsync(new ArrayPrincipal(Identity("a", authenticated: false)), Http());

        succeeded.Should().BeFalse();
        evaluator.Requests.Should().BeEmpty();
    }

    [Test]
    public async Task Of_several_authenticated_identities_the_single_trusted_one_is_mapped()
    {
        var user = new ClaimsPrincipal([Identity("mallory", Untrusted), Identity("alice", Trusted), Identity("eve", issuer: null)]);

        var (_, evaluator) = await RunAsync(user, Http());

        var signIn = evaluator.Requests.Single().SignIn;
        signIn.UserId.Should().Be("alice");
        signIn.Issuer.Should().Be(Trusted);
        signIn.IpAddress.Should().Be(IPAddress.Parse("203.0.113.5"));
    }

    [Test]
    public async Task Attacker_with_two_trusted_identities_gets_an_empty_sign_in()
    {
        var user = new ClaimsPrincipal([Identity("alice", Trusted), Identity("mallory", Trusted)]);

        var (_, evaluator) = await RunAsync(user, Http());

        var signIn = evaluator.Requests.Single().SignIn;
        signIn.UserId.Should().BeNull();
        signIn.AuthenticationMethodReferences.Should().BeNull();
        signIn.IpAddress.Should().Be(IPAddress.Parse("203.0.113.5"));
        signIn.Notes.Should().Equal("identity: several authenticated identities and not exactly one from a trusted issuer; no claim is read");
    }

    [Test]
    public async Task Attacker_with_two_untrusted_identities_gets_an_empty_sign_in()
    {
        var user = new ClaimsPrincipal([Identity("alice", Untrusted), Identity("mallory", Untrusted)]);

        var (_, evaluator) = await RunAsync(user, Http());

        evaluator.Requests.Single().SignIn.UserId.Should().BeNull();
        evaluator.Requests.Single().SignIn.Notes.Should().ContainSingle().Which.Should().StartWith("identity: several authenticated identities");
    }

    [Test]
    public async Task Without_the_configuration_status_several_identities_are_never_trusted()
    {
        var user = new ClaimsPrincipal([Identity("alice", Trusted), Identity("mallory", Untrusted)]);

        var (_, evaluator) = await RunAsync(user, Http(), withStatus: false);

        evaluator.Requests.Single().SignIn.UserId.Should().BeNull();
    }

    // ---- address ----

    [TestCase("::ffff:203.0.113.5", "203.0.113.5")]
    [TestCase("203.0.113.5", "203.0.113.5")]
    [TestCase("2001:db8::5", "2001:db8::5")]
    public async Task The_connection_address_is_passed_on_with_ipv4_mapped_addresses_normalised(string remote, string expected)
    {
        var (_, evaluator) = await RunAsync(new ClaimsPrincipal(Identity("alice")), Http(remote));

        var address = evaluator.Requests.Single().SignIn.IpAddress;
        address.Should().Be(IPAddress.Parse(expected));
        address!.AddressFamily.Should().Be(IPAddress.Parse(expected).AddressFamily);
    }

    [Test]
    public async Task Attacker_cannot_choose_the_address_with_a_forwarded_header()
    {
        var http = Http("198.51.100.9");
        http.Request.Headers["X-Forwarded-For"] = "203.0.113.5";
        http.Request.Headers["Forwarded"] = "for=203.0.113.5";

        var (_, evaluator) = await RunAsync(new ClaimsPrincipal(Identity("alice")), http);

        evaluator.Requests.Single().SignIn.IpAddress.Should().Be(IPAddress.Parse("198.51.100.9"));
    }

    [Test]
    public async Task No_connection_address_is_no_address()
    {
        var (_, evaluator) = await RunAsync(new ClaimsPrincipal(Identity("alice")), Http(remote: null));

        evaluator.Requests.Single().SignIn.IpAddress.Should().BeNull();
    }

    [Test]
    public async Task An_mvc_filter_context_gives_its_http_context_address()
    {
        var http = Http("::ffff:198.51.100.9");
        var action = new ActionContext(http, new RouteData(), new ActionDescriptor());
        var filter = new AuthorizationFilterContext(action, []);

        var (_, evaluator) = await RunAsync(new ClaimsPrincipal(Identity("alice")), filter);

        evaluator.Requests.Single().SignIn.IpAddress.Should().Be(IPAddress.Parse("198.51.100.9"));
        http.Features.Get<IProtectedActionFeature>().Should().NotBeNull();
    }

    [Test]
    public async Task Another_resource_has_no_address_and_still_decides()
    {
        var (succeeded, evaluator) = await RunAsync(new ClaimsPrincipal(Identity("alice")), resource: "not an http context");

        succeeded.Should().BeTrue();
        evaluator.Requests.Single().SignIn.IpAddress.Should().BeNull();
    }

    // ---- outcome, reuse and failures ----

    [TestCase(ProtectedActionOutcome.StepUpRequired)]
    [TestCase(ProtectedActionOutcome.Denied)]
    public async Task Attacker_is_not_allowed_by_a_decision_that_is_not_allowed(ProtectedActionOutcome outcome)
    {
        var (succeeded, _) = await RunAsync(new ClaimsPrincipal(Identity("alice")), Http(), new ProgrammedEvaluator(outcome));

        succeeded.Should().BeFalse();
    }

    [TestCase(ProtectedActionOutcome.Allowed, true)]
    [TestCase(ProtectedActionOutcome.Denied, false)]
    public async Task A_decision_is_reused_within_the_request_with_the_same_answer(ProtectedActionOutcome outcome, bool allowed)
    {
        var http = Http();
        var user = new ClaimsPrincipal(Identity("alice"));
        var evaluator = new ProgrammedEvaluator(outcome);

        (await RunAsync(user, http, evaluator)).Succeeded.Should().Be(allowed);
        (await RunAsync(user, http, evaluator)).Succeeded.Should().Be(allowed);

        evaluator.Requests.Should().ContainSingle();
        http.Features.Get<IProtectedActionFeature>()!.Decisions.Should().ContainSingle().Which.Outcome.Should().Be(outcome);
    }

    [Test]
    public async Task Attacker_is_refused_when_the_evaluator_throws()
    {
        var evaluator = new ProgrammedEvaluator(ProtectedActionOutcome.Allowed) { Throw = new InvalidOperationException("boom") };

        var (succeeded, _) = await RunAsync(new ClaimsPrincipal(Identity("alice")), Http(), evaluator);

        succeeded.Should().BeFalse();
    }

    [Test]
    public async Task Cancellation_of_the_request_is_not_swallowed()
    {
        var evaluator = new ProgrammedEvaluator(ProtectedActionOutcome.Allowed) { Throw = new OperationCanceledException() };

        var act = () => RunAsync(new ClaimsPrincipal(Identity("alice")), Http(), evaluator);

        await act.Should().ThrowAsync<OperationCanceledException>();
    }

    [TestCase(false, false)]
    [TestCase(false, true)]
    [TestCase(true, false)]
    [TestCase(true, true)]
    public async Task Every_requirement_is_evaluated_whether_answers_are_synchronous_or_not(bool asynchronous, bool asEnumerable)
    {
        IAuthorizationRequirement[] list =
        [
            new ProtectedActionRequirement(TestScenario.Create),
            new DenyAnonymousAuthorizationRequirement(),
            new ProtectedActionRequirement(TestScenario.Delete),
            new ProtectedActionRequirement(TestScenario.Workstation),
        ];
        var requirements = asEnumerable ? list.Select(r => r) : list;
        var evaluator = new ProgrammedEvaluator(ProtectedActionOutcome.Allowed) { Asynchronous = asynchronous };
        var handler = new ProtectedActionAuthorizationHandler(evaluator, NullLogger<ProtectedActionAuthorizationHandler>.Instance, Status);
        var context = new AuthorizationHandlerContext(requirements, new ClaimsPrincipal(Identity("alice")), Http());

        await handler.HandleAsync(context);

        evaluator.Requests.Select(r => r.Permission).Should().Equal(TestScenario.Create, TestScenario.Delete, TestScenario.Workstation);
        context.PendingRequirements.Should().ContainSingle().Which.Should().BeOfType<DenyAnonymousAuthorizationRequirement>();
    }

    /// <summary>A principal whose identities are an array, not the list <see cref="ClaimsPrincipal"/> keeps.</summary>
    private sealed class ArrayPrincipal(params ClaimsIdentity[] identities) : ClaimsPrincipal(identities)
    {
        public override IEnumerable<ClaimsIdentity> Identities => base.Identities.ToArray();
    }
}
