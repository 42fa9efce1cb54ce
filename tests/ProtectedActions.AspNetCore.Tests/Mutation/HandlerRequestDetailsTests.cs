using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace ProtectedActions.AspNetCore.Tests.Mutation;

/// <summary>
/// What the authorization handler passes on and leaves behind besides the decision: the one authenticated
/// identity's claims whatever its issuer, the request's own cancellation, the feature a failed evaluation leaves on
/// the request, the decision and failure log events, and the feature's list contract.
/// </summary>
public sealed class HandlerRequestDetailsTests
{
    private const string Trusted = HandlerHarness.Trusted;
    private const string Untrusted = "https://sts.example.org/";
    private const string Permission = HandlerHarness.Permission;

    private static ServiceProvider? _services;

    [OneTimeSetUp]
    public void StartServices() => _services = HandlerHarness.CreateServices();

    [OneTimeTearDown]
    public void StopServices() => _services?.Dispose();

    private static IProtectedActionsConfigurationStatus Status => _services!.GetRequiredService<IProtectedActionsConfigurationStatus>();

    private static ClaimsIdentity Identity(string oid, string issuer, bool authenticated = true) =>
        HandlerHarness.Identity(oid, issuer, authenticated);

    private static async Task<(AuthorizationHandlerContext Context, ProgrammedEvaluator Evaluator, FakeLogger<ProtectedActionAuthorizationHandler> Logger)> RunAsync(
        ClaimsPrincipal user, HttpContext? http, ProgrammedEvaluator? evaluator = null)
    {
        evaluator ??= new ProgrammedEvaluator(ProtectedActionOutcome.Allowed);
        var logger = new FakeLogger<ProtectedActionAuthorizationHandler>();
        var handler = new ProtectedActionAuthorizationHandler(evaluator, logger, Status);
        var context = new AuthorizationHandlerContext([new ProtectedActionRequirement(Permission)], user, http);
        await handler.HandleAsync(context);
        return (context, evaluator, logger);
    }

    // ---- identity ----

    [Test]
    public async Task The_only_authenticated_identity_is_read_even_when_its_issuer_is_not_trusted()
    {
        // The trusted-issuer rule only breaks ties between several authenticated identities; a single one is the
        // token's (JwtBearer validated it), whoever issued it.
        var (_, evaluator, _) = await RunAsync(new ClaimsPrincipal(Identity("single-untrusted", Untrusted)), new DefaultHttpContext());

        evaluator.Requests.Should().ContainSingle().Which.SignIn.UserId.Should().Be("single-untrusted");
    }

    [Test]
    public async Task An_unauthenticated_identity_from_a_trusted_issuer_takes_no_part_in_choosing_between_authenticated_ones()
    {
        var user = new ClaimsPrincipal(
        [
            Identity("unauthenticated-trusted", Trusted, authenticated: false),
            Identity("authenticated-untrusted", Untrusted),
            Identity("authenticated-trusted", Trusted),
        ]);

        var (_, evaluator, _) = await RunAsync(user, new DefaultHttpContext());

        evaluator.Requests.Should().ContainSingle().Which.SignIn.UserId.Should().Be("authenticated-trusted");
    }

    // ---- the request's cancellation ----

    [Test]
    public async Task The_evaluation_runs_under_the_request_aborted_token()
    {
        using var aborted = new CancellationTokenSource();
        var http = new DefaultHttpContext();
        http.Features.Set<IHttpRequestLifetimeFeature>(new HttpRequestLifetimeFeature { RequestAborted = aborted.Token });

        var (_, evaluator, _) = await RunAsync(new ClaimsPrincipal(Identity("u1", Trusted)), http);

        evaluator.Tokens.Should().ContainSingle().Which.Should().Be(aborted.Token);
    }

    [Test]
    public async Task Without_a_lifetime_feature_no_lifetime_feature_is_created()
    {
        var http = new DefaultHttpContext();
        http.Features.Set<IHttpRequestLifetimeFeature>(null);

        var (_, evaluator, _) = await RunAsync(new ClaimsPrincipal(Identity("u1", Trusted)), http);

        evaluator.Tokens.Should().ContainSingle().Which.CanBeCanceled.Should().BeFalse();
        http.Features.Get<IHttpRequestLifetimeFeature>().Should().BeNull();
    }

    // ---- evaluation failure ----

    [Test]
    public async Task Attacker_an_evaluation_that_throws_refuses_logs_an_error_and_leaves_an_empty_feature()
    {
        var http = new DefaultHttpContext();
        var (context, _, logger) = await RunAsync(new ClaimsPrincipal(Identity("u1", Trusted)), http,
            new ProgrammedEvaluator(ProtectedActionOutcome.Allowed) { Throw = new InvalidOperationException("store unreachable") });

        context.HasSucceeded.Should().BeFalse();
        var log = logger.Collector.GetSnapshot().Should().ContainSingle().Subject;
        log.Level.Should().Be(LogLevel.Error);
        log.Id.Id.Should().Be(AspNetCoreLogEventIds.EvaluationFailed);
        log.Exception.Should().BeOfType<InvalidOperationException>();
        log.Message.Should().Contain(Permission);
        var feature = http.Features.Get<IProtectedActionFeature>();
        feature.Should().NotBeNull("the request records that a protected action was attempted");
        feature!.Decisions.Should().BeEmpty("no decision was made");
    }

    // ---- decision log ----

    [TestCase(ProtectedActionOutcome.Allowed)]
    [TestCase(ProtectedActionOutcome.StepUpRequired)]
    [TestCase(ProtectedActionOutcome.Denied)]
    public async Task Every_decision_is_logged_at_debug_with_its_permission_outcome_and_context(ProtectedActionOutcome outcome)
    {
        var (_, _, logger) = await RunAsync(new ClaimsPrincipal(Identity("u1", Trusted)), new DefaultHttpContext(), new ProgrammedEvaluator(outcome));

        var log = logger.Collector.GetSnapshot().Should().ContainSingle().Subject;
        log.Level.Should().Be(LogLevel.Debug);
        log.Id.Id.Should().Be(AspNetCoreLogEventIds.Decision);
        log.Message.Should().Contain(Permission).And.Contain(outcome.ToString()).And.Contain("c1");
        log.Message.Should().NotContain("u1", "claim values are never logged");
    }

    // ---- the feature's list contract ----

    [TestCase(1)]
    [TestCase(-1)]
    public async Task The_feature_refuses_an_index_outside_its_decisions(int index)
    {
        var http = new DefaultHttpContext();
        await RunAsync(new ClaimsPrincipal(Identity("u1", Trusted)), http);
        var decisions = http.Features.Get<IProtectedActionFeature>()!.Decisions;
        decisions.Should().HaveCount(1);

        var act = () => decisions[index];

        act.Should().Throw<ArgumentOutOfRangeException>();
    }
}
