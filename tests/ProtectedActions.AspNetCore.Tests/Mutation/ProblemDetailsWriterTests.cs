using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using ProtectedActions.AspNetCore.Tests.Infrastructure;

namespace ProtectedActions.AspNetCore.Tests.Mutation;

/// <summary>
/// The problem-details writer driven directly: the fields and their order in the library's own body, the
/// <c>stepUpUrl</c> of the web-app answer, which failed policies the development details list (applying,
/// enabled and failed only), and the hand-over to the host's <see cref="IProblemDetailsService"/> with the same fields.
/// </summary>
public sealed class ProblemDetailsWriterTests
{
    private const string Permission = TestScenario.Create;
    private const string StepUpUrl = "/protected-actions/step-up?returnUrl=%2F";

    private static DefaultHttpContext Http(IProblemDetailsService? service = null)
    {
        var http = new DefaultHttpContext();
        http.Response.Body = new MemoryStream();
        if (service is not null)
        {
            var services = new ServiceCollection();
            services.AddSingleton(service);
            http.RequestServices = services.BuildServiceProvider();
        }

        return http;
    }

    private static string Body(HttpContext http) => Encoding.UTF8.GetString(((MemoryStream)http.Response.Body).ToArray());

    private static JsonElement Json(HttpContext http)
    {
        using var document = JsonDocument.Parse(Body(http));
        return document.RootElement.Clone();
    }

    private static ProtectedActionDecision DecisionWithPolicies(params PolicyResult[] policies) =>
        ProtectedActionDecision.Create(ProtectedActionOutcome.Denied, Permission, "c2", policies: policies);

    private static Task WriteAsync(HttpContext http, ProtectedActionDecision? decision, bool development, string? stepUpUrl = null) =>
        ProblemDetailsWriter.WriteAsync(http, 403, ProblemTypes.Denied, "Title", "Detail", decision, development, stepUpUrl);

    [Test]
    public async Task The_library_body_has_exactly_the_four_fields_and_its_length()
    {
        var http = Http();
        await WriteAsync(http, DecisionWithPolicies(), development: false);

        http.Response.StatusCode.Should().Be(403);
        http.Response.ContentType.Should().Be("application/problem+json");
        http.Response.Headers.CacheControl.ToString().Should().Be("no-store");
        Body(http).Should().Be("{\"type\":\"urn:protected-actions:problem:denied\",\"title\":\"Title\",\"status\":403,\"detail\":\"Detail\"}");
        http.Response.ContentLength.Should().Be(Encoding.UTF8.GetByteCount(Body(http)));
    }

    [Test]
    public async Task The_web_app_answer_adds_stepUpUrl_after_the_detail()
    {
        var http = Http();
        await WriteAsync(http, null, development: false, StepUpUrl);

        var json = Json(http);
        json.EnumerateObject().Select(p => p.Name).Should().Equal("type", "title", "status", "detail", "stepUpUrl");
        json.GetProperty("stepUpUrl").GetString().Should().Be(StepUpUrl);
    }

    [Test]
    public async Task Development_details_without_a_decision_write_nothing_more()
    {
        var http = Http();
        await WriteAsync(http, null, development: true);

        Json(http).EnumerateObject().Select(p => p.Name).Should().Equal("type", "title", "status", "detail");
    }

    [Test]
    public async Task Development_details_list_only_applying_enabled_failed_policies_in_order()
    {
        var decision = DecisionWithPolicies(
            PolicyResult.Create("failed-1", "First", satisfied: false, failedControls: ["mfa", "compliantDevice"], remediable: true),
            PolicyResult.Create("satisfied", "Satisfied", satisfied: true),
            PolicyResult.Create("not-applying", "Not applying", applies: false, satisfied: false),
            PolicyResult.Create("report-only", "Report only", state: PolicyState.ReportOnly, satisfied: false, failedControls: ["block"]),
            PolicyResult.Create("disabled", "Disabled", state: PolicyState.Disabled, satisfied: false),
            PolicyResult.Create("unknown", "Unknown", satisfied: null),
            PolicyResult.Create("failed-2", displayName: null, satisfied: false, failedControls: []));
        var http = Http();
        await WriteAsync(http, decision, development: true);

        var json = Json(http);
        json.GetProperty("permission").GetString().Should().Be(Permission);
        json.GetProperty("authenticationContext").GetString().Should().Be("c2");
        json.GetProperty("outcome").GetString().Should().Be("denied");
        var failed = json.GetProperty("failedPolicies").EnumerateArray().ToArray();
        failed.Select(p => p.GetProperty("id").GetString()).Should().Equal("failed-1", "failed-2");
        failed[0].EnumerateObject().Select(p => p.Name).Should().Equal("id", "displayName", "failedControls", "remediable");
        failed[0].GetProperty("displayName").GetString().Should().Be("First");
        failed[0].GetProperty("failedControls").EnumerateArray().Select(c => c.GetString()).Should().Equal("mfa", "compliantDevice");
        failed[0].GetProperty("remediable").GetBoolean().Should().BeTrue();
        failed[1].EnumerateObject().Select(p => p.Name).Should().Equal("id", "failedControls", "remediable");
        failed[1].GetProperty("remediable").GetBoolean().Should().BeFalse();
        json.GetProperty("explanation").GetString().Should().Be(decision.Explanation);
    }

    [Test]
    public async Task A_decision_without_a_context_has_no_authenticationContext_field()
    {
        var http = Http();
        await WriteAsync(http, ProtectedActionDecision.Create(ProtectedActionOutcome.Allowed, Permission), development: true);

        var json = Json(http);
        json.EnumerateObject().Select(p => p.Name).Should().Equal("type", "title", "status", "detail", "permission", "outcome", "failedPolicies", "explanation");
        json.GetProperty("outcome").GetString().Should().Be("allowed");
        json.GetProperty("failedPolicies").GetArrayLength().Should().Be(0);
    }

    // ---- through the host's problem-details service ----

    [Test]
    public async Task The_service_receives_the_same_fields_as_the_library_body()
    {
        var service = new RecordingService(accept: true);
        var decision = DecisionWithPolicies(PolicyResult.Create("failed-1", "First", satisfied: false, failedControls: ["mfa"]));
        var http = Http(service);
        await WriteAsync(http, decision, development: true, StepUpUrl);

        var problem = service.Written.Should().ContainSingle().Subject;
        problem.Type.Should().Be(ProblemTypes.Denied);
        problem.Title.Should().Be("Title");
        problem.Status.Should().Be(403);
        problem.Detail.Should().Be("Detail");
        problem.Extensions.Keys.Should().Equal("stepUpUrl", "permission", "authenticationContext", "outcome", "failedPolicies", "explanation");
        problem.Extensions["stepUpUrl"].Should().Be(StepUpUrl);
        ((JsonElement)problem.Extensions["permission"]!).GetString().Should().Be(Permission);
        ((JsonElement)problem.Extensions["failedPolicies"]!).EnumerateArray().Single().GetProperty("id").GetString().Should().Be("failed-1");
        http.Response.StatusCode.Should().Be(403);
        http.Response.Headers.CacheControl.ToString().Should().Be("no-store");
        Body(http).Should().BeEmpty("the service wrote the body (here: nothing)");
    }

    [Test]
    public async Task The_service_gets_no_development_details_when_they_are_off()
    {
        var service = new RecordingService(accept: true);
        var http = Http(service);
        await WriteAsync(http, DecisionWithPolicies(PolicyResult.Create("failed-1", satisfied: false)), development: false);

        service.Written.Single().Extensions.Should().BeEmpty();
    }

    [Test]
    public async Task The_service_gets_no_development_details_without_a_decision()
    {
        var service = new RecordingService(accept: true);
        var http = Http(service);
        await WriteAsync(http, null, development: true);

        service.Written.Single().Extensions.Should().BeEmpty();
    }

    [Test]
    public async Task When_the_service_declines_the_library_body_is_written()
    {
        var service = new RecordingService(accept: false);
        var http = Http(service);
        await WriteAsync(http, null, development: false, StepUpUrl);

        service.Written.Should().ContainSingle();
        http.Response.ContentType.Should().Be("application/problem+json");
        Json(http).GetProperty("stepUpUrl").GetString().Should().Be(StepUpUrl);
        Json(http).GetProperty("status").GetInt32().Should().Be(403);
    }

    private sealed class RecordingService(bool accept) : IProblemDetailsService
    {
        public List<ProblemDetails> Written { get; } = [];

        public ValueTask WriteAsync(ProblemDetailsContext context) => throw new NotSupportedException("the writer calls TryWriteAsync");

        public ValueTask<bool> TryWriteAsync(ProblemDetailsContext context)
        {
            Written.Add(context.ProblemDetails);
            return ValueTask.FromResult(accept);
        }
    }
}
