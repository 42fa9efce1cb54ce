using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using ProtectedActions.AspNetCore.Tests.Infrastructure;

namespace ProtectedActions.AspNetCore.Tests.Mutation;

/// <summary>
/// The result handler driven directly with decisions made by hand: which refusals it answers itself (only those
/// in which every failed requirement is a protected action with a decision), which decision it answers with
/// (denial before a step-up the client cannot handle before a step-up, the first of each), and the exact answer:
/// status, <c>WWW-Authenticate</c>, <c>Cache-Control</c>, problem type, title and detail, and the fallback body.
/// </summary>
public sealed class ResultHandlerAnswerTests
{
    private const string Create = TestScenario.Create;
    private const string Delete = TestScenario.Delete;
    private const string Entra = "Bearer realm=\"\", authorization_uri=\"https://login.microsoftonline.com/common/oauth2/authorize\", error=\"insufficient_claims\", claims=\"eyJhY2Nlc3NfdG9rZW4iOnsiYWNycyI6eyJlc3NlbnRpYWwiOnRydWUsInZhbHVlIjoiYzEifX19\"";
    private const string Rfc9470 = "Bearer error=\"insufficient_user_authentication\", error_description=\"A different authentication level is required\", acr_values=\"c1\"";

    private const string StepUpDetail = "This action requires a stronger or more recent sign-in. Authenticate again as the WWW-Authenticate challenge describes, then retry with the new token.";
    private const string DeniedDetail = "A policy guarding this action blocks it, or requires something that signing in again cannot provide (for example a compliant or managed device).";
    private const string NotCapableDetail = "This action requires a stronger or more recent sign-in. The client did not declare the 'cp1' capability (xms_cc claim), so no claims challenge is sent. Use a client that declares 'cp1', or sign in again in a way that satisfies the requirement before retrying.";
    private const string UnavailableDetail = "This action requires a stronger or more recent sign-in, but the server could not produce a valid challenge.";

    private static ServiceProvider? _production;
    private static ServiceProvider? _development;

    [OneTimeSetUp]
    public void StartServices()
    {
        _production = Services(development: false);
        _development = Services(development: true);
    }

    [OneTimeTearDown]
    public void StopServices()
    {
        _production?.Dispose();
        _development?.Dispose();
    }

    private static ServiceProvider Services(bool development)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddProtectedActions(o =>
        {
            TestScenario.Configure(o);
            o.Settings.IncludeDevelopmentDetails = development;
        });
        return services.BuildServiceProvider();
    }

    // ---- decisions made by hand ----

    private static ProtectedActionDecision StepUp(string permission, params string[] headers) =>
        ProtectedActionDecision.Create(ProtectedActionOutcome.StepUpRequired, permission, "c1",
            challenge: StepUpChallenge.Create(headers, "c1"), reasons: ["step-up " + permission]);

    private static ProtectedActionDecision StepUpWithoutChallenge(string permission) =>
        ProtectedActionDecision.Create(ProtectedActionOutcome.StepUpRequired, permission, "c1", reasons: ["no challenge " + permission]);

    private static ProtectedActionDecision NotCapable(string permission) =>
        ProtectedActionDecision.Create(ProtectedActionOutcome.StepUpRequired, permission, "c1", clientCapable: false, reasons: ["not capable " + permission]);

    private static ProtectedActionDecision Denied(string permission, DecisionCauses causes = DecisionCauses.None, params string[] reasons) =>
        ProtectedActionDecision.Create(ProtectedActionOutcome.Denied, permission, "c2", causes: causes, reasons: reasons.Length == 0 ? ["denied " + permission] : reasons);

    private static ProtectedActionDecision Allowed(string permission) =>
        ProtectedActionDecision.Create(ProtectedActionOutcome.Allowed, permission, "c1");

    // ---- running the handler ----

    private sealed class Answer
    {
        public required DefaultHttpContext Http { get; init; }
        public required RecordingInner Inner { get; init; }
        public required FakeLogger<ProtectedActionResultHandler> Logger { get; init; }

        public int Status => Http.Response.StatusCode;
        public string[] WwwAuthenticate => [.. Http.Response.Headers.WWWAuthenticate.Select(v => v!)];
        public string Body => Encoding.UTF8.GetString(((MemoryStream)Http.Response.Body).ToArray());

        public JsonElement Problem()
        {
            Http.Response.ContentType.Should().Be("application/problem+json");
            using var document = JsonDocument.Parse(Body);
            return document.RootElement.Clone();
        }
    }

    private sealed class RecordingInner : IAuthorizationMiddlewareResultHandler
    {
        public int Calls { get; private set; }

        public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
        {
            Calls++;
            return Task.CompletedTask;
        }
    }

    private static ProtectedActionFeature Feature(params (string Permission, ProtectedActionDecision Decision)[] decisions)
    {
        var feature = new ProtectedActionFeature();
        var principal = new System.Security.Claims.ClaimsPrincipal();
        foreach (var (permission, decision) in decisions)
        {
            feature.Add(permission, decision, principal);
        }

        return feature;
    }

    private static PolicyAuthorizationResult Forbidden(params string[] permissions) =>
        PolicyAuthorizationResult.Forbid(AuthorizationFailure.Failed(permissions.Select(p => new ProtectedActionRequirement(p))));

    private static async Task<Answer> HandleAsync(PolicyAuthorizationResult result, IProtectedActionFeature? feature,
        bool development = false, IServiceProvider? requestServices = null)
    {
        var http = new DefaultHttpContext();
        http.Response.Body = new MemoryStream();
        if (feature is not null)
        {
            http.Features.Set(feature);
        }

        if (requestServices is not null)
        {
            http.RequestServices = requestServices;
        }

        var inner = new RecordingInner();
        var logger = new FakeLogger<ProtectedActionResultHandler>();
        var status = (development ? _development! : _production!).GetRequiredService<IProtectedActionsConfigurationStatus>();
        var handler = new ProtectedActionResultHandler(inner, status, logger);
        var policy = new AuthorizationPolicy([new ProtectedActionRequirement(Create)], []);
        await handler.HandleAsync(_ => Task.CompletedTask, http, policy, result);
        return new Answer { Http = http, Inner = inner, Logger = logger };
    }

    private static void AnsweredByInner(Answer answer)
    {
        answer.Inner.Calls.Should().Be(1);
        answer.Http.Response.StatusCode.Should().Be(200, "the inner handler (recorded only) writes nothing");
        answer.WwwAuthenticate.Should().BeEmpty();
        answer.Body.Should().BeEmpty();
        answer.Http.Response.Headers.CacheControl.ToString().Should().BeEmpty();
    }

    // ---- the four answers, exactly ----

    [Test]
    public async Task Step_up_answers_401_with_every_challenge_value_in_order_and_the_exact_problem()
    {
        var answer = await HandleAsync(Forbidden(Create), Feature((Create, StepUp(Create, Entra, Rfc9470))));

        answer.Inner.Calls.Should().Be(0);
        answer.Status.Should().Be(401);
        answer.WwwAuthenticate.Should().Equal(Entra, Rfc9470);
        answer.Http.Response.Headers.CacheControl.ToString().Should().Be("no-store");
        var problem = answer.Problem();
        problem.EnumerateObject().Select(p => p.Name).Should().Equal("type", "title", "status", "detail");
        problem.GetProperty("type").GetString().Should().Be(ProblemTypes.StepUpRequired);
        problem.GetProperty("title").GetString().Should().Be("Step-up authentication required");
        problem.GetProperty("status").GetInt32().Should().Be(401);
        problem.GetProperty("detail").GetString().Should().Be(StepUpDetail);
        answer.Http.Response.ContentLength.Should().Be(Encoding.UTF8.GetByteCount(answer.Body));
        answer.Logger.Collector.Count.Should().Be(0);
    }

    [Test]
    public async Task Denial_answers_403_without_a_challenge_and_the_exact_problem()
    {
        var answer = await HandleAsync(Forbidden(Create), Feature((Create, Denied(Create))));

        answer.Status.Should().Be(403);
        answer.WwwAuthenticate.Should().BeEmpty();
        answer.Http.Response.Headers.CacheControl.ToString().Should().Be("no-store");
        var problem = answer.Problem();
        problem.GetProperty("type").GetString().Should().Be(ProblemTypes.Denied);
        problem.GetProperty("title").GetString().Should().Be("The action is not allowed");
        problem.GetProperty("status").GetInt32().Should().Be(403);
        problem.GetProperty("detail").GetString().Should().Be(DeniedDetail);
        answer.Inner.Calls.Should().Be(0);
    }

    [Test]
    public async Task Client_without_cp1_answers_403_without_a_challenge_and_the_exact_problem()
    {
        var answer = await HandleAsync(Forbidden(Create), Feature((Create, NotCapable(Create))));

        answer.Status.Should().Be(403);
        answer.WwwAuthenticate.Should().BeEmpty();
        var problem = answer.Problem();
        problem.GetProperty("type").GetString().Should().Be(ProblemTypes.ClientNotCapable);
        problem.GetProperty("title").GetString().Should().Be("Step-up authentication required, but the client cannot handle claims challenges");
        problem.GetProperty("status").GetInt32().Should().Be(403);
        problem.GetProperty("detail").GetString().Should().Be(NotCapableDetail);
    }

    [Test]
    public async Task Unsatisfiable_step_up_answers_403_with_the_decisions_first_reason_as_detail()
    {
        var decision = Denied(Create, DecisionCauses.StepUpUnsatisfiable, "The new sign-in still lacks c1.", "second reason");
        var answer = await HandleAsync(Forbidden(Create), Feature((Create, decision)));

        answer.Status.Should().Be(403);
        answer.WwwAuthenticate.Should().BeEmpty();
        answer.Http.Response.Headers.CacheControl.ToString().Should().Be("no-store");
        var problem = answer.Problem();
        problem.GetProperty("type").GetString().Should().Be(ProblemTypes.StepUpUnsatisfiable);
        problem.GetProperty("title").GetString().Should().Be("Step-up authentication did not satisfy the requirement");
        problem.GetProperty("status").GetInt32().Should().Be(403);
        problem.GetProperty("detail").GetString().Should().Be("The new sign-in still lacks c1.");
    }

    [Test]
    public async Task A_denial_with_other_causes_is_a_plain_denial_not_an_unsatisfiable_step_up()
    {
        var decision = Denied(Create, DecisionCauses.ClientNotCapable, "reason that must not become the detail");
        var answer = await HandleAsync(Forbidden(Create), Feature((Create, decision)));

        answer.Problem().GetProperty("type").GetString().Should().Be(ProblemTypes.Denied);
        answer.Problem().GetProperty("detail").GetString().Should().Be(DeniedDetail);
    }

    // ---- a challenge that cannot be sent ----

    [Test]
    public async Task Locked_out_user_whose_step_up_has_no_challenge_gets_403_challenge_unavailable_and_an_error_is_logged()
    {
        var answer = await HandleAsync(Forbidden(Create), Feature((Create, StepUpWithoutChallenge(Create))));

        answer.Status.Should().Be(403);
        answer.WwwAuthenticate.Should().BeEmpty();
        answer.Http.Response.Headers.CacheControl.ToString().Should().Be("no-store");
        var problem = answer.Problem();
        problem.GetProperty("type").GetString().Should().Be(ProblemTypes.ChallengeUnavailable);
        problem.GetProperty("title").GetString().Should().Be("Step-up authentication required, but no challenge is available");
        problem.GetProperty("status").GetInt32().Should().Be(403);
        problem.GetProperty("detail").GetString().Should().Be(UnavailableDetail);
        var log = answer.Logger.Collector.GetSnapshot().Should().ContainSingle().Subject;
        log.Id.Id.Should().Be(AspNetCoreLogEventIds.ChallengeUnavailable);
        log.Level.Should().Be(LogLevel.Error);
        log.Message.Should().Contain(Create);
    }

    [Test]
    public async Task A_challenge_without_values_is_unavailable_not_an_empty_401()
    {
        var answer = await HandleAsync(Forbidden(Create), Feature((Create, StepUp(Create))));

        answer.Status.Should().Be(403);
        answer.WwwAuthenticate.Should().BeEmpty();
        answer.Problem().GetProperty("type").GetString().Should().Be(ProblemTypes.ChallengeUnavailable);
        answer.Logger.Collector.Count.Should().Be(1);
    }

    [TestCase("Bearer error=\"x\"\r\nSet-Cookie: session=attacker")]
    [TestCase("Bearer error=\"x\"\nLocation: https://evil.example/")]
    [TestCase("Bearer error=\"caf\u00e9\"")]
    [TestCase("Bearer error=\"unterminated")]
    [TestCase("Basic realm=\"x\"")]
    [TestCase("")]
    public async Task Attacker_cannot_inject_a_header_through_a_challenge_value(string unsafeValue)
    {
        // A safe first value does not vouch for the second: nothing is sent unless every value is safe.
        var answer = await HandleAsync(Forbidden(Create), Feature((Create, StepUp(Create, Entra, unsafeValue))));

        answer.Status.Should().Be(403);
        answer.WwwAuthenticate.Should().BeEmpty();
        answer.Http.Response.Headers.Should().NotContainKey("Set-Cookie").And.NotContainKey("Location");
        answer.Problem().GetProperty("type").GetString().Should().Be(ProblemTypes.ChallengeUnavailable);
        answer.Logger.Collector.GetSnapshot().Should().ContainSingle().Which.Level.Should().Be(LogLevel.Error);
    }

    [Test]
    public async Task Attacker_cannot_inject_a_header_through_the_first_of_two_challenge_values()
    {
        var answer = await HandleAsync(Forbidden(Create), Feature((Create, StepUp(Create, "Bearer error=\"x\"\r\nX-Injected: 1", Rfc9470))));

        answer.Status.Should().Be(403);
        answer.WwwAuthenticate.Should().BeEmpty();
        answer.Http.Response.Headers.Should().NotContainKey("X-Injected");
    }

    // ---- which refusals are ours ----

    [Test]
    public async Task A_challenge_result_goes_to_the_inner_handler_even_with_a_step_up_decision()
    {
        var answer = await HandleAsync(PolicyAuthorizationResult.Challenge(), Feature((Create, StepUp(Create, Entra))));
        AnsweredByInner(answer);
    }

    [Test]
    public async Task Success_goes_to_the_inner_handler()
    {
        var answer = await HandleAsync(PolicyAuthorizationResult.Success(), Feature((Create, Allowed(Create))));
        AnsweredByInner(answer);
    }

    [Test]
    public async Task A_forbid_without_failure_details_goes_to_the_inner_handler()
    {
        var answer = await HandleAsync(PolicyAuthorizationResult.Forbid(), Feature((Create, Denied(Create))));
        AnsweredByInner(answer);
    }

    [Test]
    public async Task An_explicit_Fail_goes_to_the_inner_handler()
    {
        var answer = await HandleAsync(PolicyAuthorizationResult.Forbid(AuthorizationFailure.ExplicitFail()), Feature((Create, Denied(Create))));
        AnsweredByInner(answer);
    }

    [Test]
    public async Task A_failure_without_failed_requirements_goes_to_the_inner_handler()
    {
        var answer = await HandleAsync(PolicyAuthorizationResult.Forbid(AuthorizationFailure.Failed(Array.Empty<IAuthorizationRequirement>())),
            Feature((Create, Denied(Create))));
        AnsweredByInner(answer);
    }

    [Test]
    public async Task Without_the_feature_the_inner_handler_answers()
    {
        var answer = await HandleAsync(Forbidden(Create), feature: null);
        AnsweredByInner(answer);
    }

    [Test]
    public async Task A_feature_the_library_did_not_make_is_not_trusted()
    {
        var answer = await HandleAsync(Forbidden(Create), new ForeignFeature(Denied(Create)));
        AnsweredByInner(answer);
    }

    [Test]
    public async Task A_failed_requirement_that_is_not_a_protected_action_leaves_the_answer_to_the_inner_handler()
    {
        var failure = AuthorizationFailure.Failed([new ProtectedActionRequirement(Create), new DenyAnonymousAuthorizationRequirementStub()]);
        var answer = await HandleAsync(PolicyAuthorizationResult.Forbid(failure), Feature((Create, StepUp(Create, Entra))));
        AnsweredByInner(answer);
    }

    [Test]
    public async Task A_protected_action_without_a_decision_leaves_the_answer_to_the_inner_handler()
    {
        var answer = await HandleAsync(Forbidden(Create, Delete), Feature((Create, Denied(Create))));
        AnsweredByInner(answer);
    }

    [Test]
    public async Task Attacker_cannot_turn_a_refusal_into_an_allowed_answer_with_an_allowed_decision_among_the_failed()
    {
        // A failed requirement whose decision says allowed is not ours to explain: the inner handler refuses.
        var answer = await HandleAsync(Forbidden(Create, Delete), Feature((Create, Denied(Create)), (Delete, Allowed(Delete))));
        AnsweredByInner(answer);
    }

    [Test]
    public async Task Decisions_are_found_by_the_requirements_permission_ignoring_case()
    {
        var answer = await HandleAsync(Forbidden(Create.ToUpperInvariant()), Feature((Create, Denied(Create))));

        answer.Status.Should().Be(403);
        answer.Problem().GetProperty("type").GetString().Should().Be(ProblemTypes.Denied);
    }

    // ---- which decision answers ----

    [Test]
    public async Task Attacker_cannot_get_a_step_up_offered_when_another_failed_action_is_denied()
    {
        var answer = await HandleAsync(Forbidden(Create, Delete), Feature((Create, StepUp(Create, Entra)), (Delete, Denied(Delete))));

        answer.Status.Should().Be(403);
        answer.WwwAuthenticate.Should().BeEmpty();
        answer.Problem().GetProperty("type").GetString().Should().Be(ProblemTypes.Denied);
    }

    [Test]
    public async Task A_step_up_the_client_cannot_handle_answers_before_one_it_can()
    {
        var answer = await HandleAsync(Forbidden(Create, Delete), Feature((Create, StepUp(Create, Entra)), (Delete, NotCapable(Delete))));

        answer.Status.Should().Be(403);
        answer.WwwAuthenticate.Should().BeEmpty();
        answer.Problem().GetProperty("type").GetString().Should().Be(ProblemTypes.ClientNotCapable);
    }

    [Test]
    public async Task A_denial_answers_before_a_step_up_the_client_cannot_handle()
    {
        var answer = await HandleAsync(Forbidden(Create, Delete), Feature((Create, NotCapable(Create)), (Delete, Denied(Delete))));

        answer.Problem().GetProperty("type").GetString().Should().Be(ProblemTypes.Denied);
    }

    [Test]
    public async Task Of_two_step_ups_the_first_failed_requirements_challenge_is_sent()
    {
        var second = Entra.Replace("eyJhY2Nlc3NfdG9rZW4iOnsiYWNycyI6eyJlc3NlbnRpYWwiOnRydWUsInZhbHVlIjoiYzEifX19", "c2Vjb25k", StringComparison.Ordinal);
        var answer = await HandleAsync(Forbidden(Create, Delete), Feature((Create, StepUp(Create, Entra)), (Delete, StepUp(Delete, second))));

        answer.Status.Should().Be(401);
        answer.WwwAuthenticate.Should().Equal(Entra);
    }

    [Test]
    public async Task Of_two_unsatisfiable_step_ups_the_first_ones_reason_is_the_detail()
    {
        var answer = await HandleAsync(Forbidden(Create, Delete), Feature(
            (Create, Denied(Create, DecisionCauses.StepUpUnsatisfiable, "first")),
            (Delete, Denied(Delete, DecisionCauses.StepUpUnsatisfiable, "second"))));

        answer.Problem().GetProperty("detail").GetString().Should().Be("first");
    }

    [Test]
    public async Task Of_two_steps_up_the_client_cannot_handle_the_first_is_reported()
    {
        var answer = await HandleAsync(Forbidden(Create, Delete), Feature((Create, NotCapable(Create)), (Delete, NotCapable(Delete))),
            development: true);

        answer.Problem().GetProperty("permission").GetString().Should().Be(Create);
    }

    // ---- development details follow the active configuration ----

    [Test]
    public async Task Development_details_are_written_when_the_active_configuration_turns_them_on()
    {
        var policy = PolicyResult.Create("p1", "Policy one", satisfied: false, failedControls: ["compliantDevice"]);
        var decision = ProtectedActionDecision.Create(ProtectedActionOutcome.Denied, Create, "c2", policies: [policy]);
        var answer = await HandleAsync(Forbidden(Create), Feature((Create, decision)), development: true);

        var problem = answer.Problem();
        problem.EnumerateObject().Select(p => p.Name).Should().Equal("type", "title", "status", "detail",
            "permission", "authenticationContext", "outcome", "failedPolicies", "explanation");
        problem.GetProperty("permission").GetString().Should().Be(Create);
        problem.GetProperty("outcome").GetString().Should().Be("denied");
        problem.GetProperty("explanation").GetString().Should().Be(decision.Explanation);
    }

    [Test]
    public async Task Development_details_stay_out_by_default()
    {
        var policy = PolicyResult.Create("p1", "Policy one", satisfied: false, failedControls: ["compliantDevice"]);
        var decision = ProtectedActionDecision.Create(ProtectedActionOutcome.Denied, Create, "c2", policies: [policy]);
        var answer = await HandleAsync(Forbidden(Create), Feature((Create, decision)));

        answer.Problem().EnumerateObject().Select(p => p.Name).Should().Equal("type", "title", "status", "detail");
        answer.Body.Should().NotContain("p1").And.NotContain("Policy one").And.NotContain("compliantDevice");
    }

    [Test]
    public async Task The_step_up_answer_carries_development_details_when_on()
    {
        var answer = await HandleAsync(Forbidden(Create), Feature((Create, StepUp(Create, Entra))), development: true);

        answer.Status.Should().Be(401);
        answer.Problem().GetProperty("outcome").GetString().Should().Be("stepUpRequired");
    }

    [Test]
    public async Task The_unavailable_challenge_answer_carries_development_details_when_on()
    {
        var answer = await HandleAsync(Forbidden(Create), Feature((Create, StepUpWithoutChallenge(Create))), development: true);

        answer.Problem().GetProperty("outcome").GetString().Should().Be("stepUpRequired");
    }

    [Test]
    public async Task The_not_capable_and_unsatisfiable_answers_carry_development_details_when_on()
    {
        var notCapable = await HandleAsync(Forbidden(Create), Feature((Create, NotCapable(Create))), development: true);
        var unsatisfiable = await HandleAsync(Forbidden(Create), Feature((Create, Denied(Create, DecisionCauses.StepUpUnsatisfiable, "r"))), development: true);

        notCapable.Problem().GetProperty("outcome").GetString().Should().Be("stepUpRequired");
        unsatisfiable.Problem().GetProperty("outcome").GetString().Should().Be("denied");
    }

    // ---- a web-app responder that declines leaves the API answer ----

    [Test]
    public async Task Without_a_web_app_responder_registered_the_API_answer_is_written()
    {
        using var services = new ServiceCollection().BuildServiceProvider();
        var answer = await HandleAsync(Forbidden(Create), Feature((Create, StepUp(Create, Entra))), requestServices: services);

        answer.Status.Should().Be(401);
        answer.WwwAuthenticate.Should().Equal(Entra);
    }

    private sealed class ForeignFeature(ProtectedActionDecision decision) : IProtectedActionFeature
    {
        public IReadOnlyList<ProtectedActionDecision> Decisions { get; } = [decision];
    }

    private sealed class DenyAnonymousAuthorizationRequirementStub : IAuthorizationRequirement;
}
