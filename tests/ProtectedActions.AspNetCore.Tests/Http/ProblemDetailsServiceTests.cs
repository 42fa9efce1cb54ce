using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using ProtectedActions.AspNetCore.Tests.Endpoints;
using ProtectedActions.AspNetCore.Tests.Infrastructure;
using ProtectedActions.Testing;

namespace ProtectedActions.AspNetCore.Tests.Http;

/// <summary>
/// Refusals go through the host's <see cref="IProblemDetailsService"/> when it registered one
/// (<c>AddProblemDetails</c>), so <c>CustomizeProblemDetails</c> applies; without one, or when none of its writers
/// can answer the request, the library's own body is written. Status, challenge and no-store never change.
/// </summary>
public sealed class ProblemDetailsServiceTests
{
    private const string EntraC1 = "Bearer realm=\"\", authorization_uri=\"https://login.microsoftonline.com/common/oauth2/authorize\", error=\"insufficient_claims\", claims=\"eyJhY2Nlc3NfdG9rZW4iOnsiYWNycyI6eyJlc3NlbnRpYWwiOnRydWUsInZhbHVlIjoiYzEifX19\"";
    private const string SupportField = "support";
    private const string SupportUri = "https://support.contoso.test/step-up";

    private static Task<TestApi> StartWithProblemDetails(Action<ProtectedActionsOptions>? configure = null,
        Action<ProblemDetailsContext>? customize = null) =>
        TestApi.StartAsync(EndpointTests.Map, configure, b => b.Services.AddProblemDetails(o => o.CustomizeProblemDetails = customize
            ?? (c => c.ProblemDetails.Extensions[SupportField] = SupportUri)));

    [Test]
    public async Task CustomizeProblemDetails_adds_its_field_to_the_step_up_answer()
    {
        await using var api = await StartWithProblemDetails();
        var response = await api.SendAsync(HttpMethod.Post, "/things", TestTokens.Password("cp1"));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        TestApi.WwwAuthenticate(response).Should().Equal(EntraC1);
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        var problem = await TestApi.ProblemAsync(response);
        problem.GetProperty(SupportField).GetString().Should().Be(SupportUri);
        problem.GetProperty("type").GetString().Should().Be(ProblemTypes.StepUpRequired);
        problem.GetProperty("title").GetString().Should().Be("Step-up authentication required");
        problem.GetProperty("status").GetInt32().Should().Be(401);
        problem.GetProperty("detail").GetString().Should().Contain("WWW-Authenticate");
    }

    [Test]
    public async Task CustomizeProblemDetails_adds_its_field_to_a_denial()
    {
        await using var api = await StartWithProblemDetails();
        var response = await api.SendAsync(HttpMethod.Put, "/bank", TestTokens.Create(amr: ["fido"], deviceId: TestScenario.NonCompliantDevice));

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        TestApi.WwwAuthenticate(response).Should().BeEmpty();
        var problem = await TestApi.ProblemAsync(response);
        problem.GetProperty("type").GetString().Should().Be(ProblemTypes.Denied);
        problem.GetProperty(SupportField).GetString().Should().Be(SupportUri);
    }

    [Test]
    public async Task Without_AddProblemDetails_the_library_body_stays_exactly_as_before()
    {
        await using var api = await TestApi.StartAsync(EndpointTests.Map);
        var response = await api.SendAsync(HttpMethod.Post, "/things", TestTokens.Password("cp1"));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var problem = await TestApi.ProblemAsync(response);
        problem.EnumerateObject().Select(p => p.Name).Should().Equal("type", "title", "status", "detail");
        response.Content.Headers.ContentLength.Should().BeGreaterThan(0);
    }

    [Test]
    public async Task Development_details_go_through_the_service_with_the_same_fields()
    {
        await using var api = await StartWithProblemDetails(o => o.Settings.IncludeDevelopmentDetails = true);
        var response = await api.SendAsync(HttpMethod.Put, "/bank", TestTokens.Create(amr: ["fido"], deviceId: TestScenario.NonCompliantDevice));

        var problem = await TestApi.ProblemAsync(response);
        problem.GetProperty(SupportField).GetString().Should().Be(SupportUri);
        problem.GetProperty("permission").GetString().Should().Be(TestScenario.Workstation);
        problem.GetProperty("authenticationContext").GetString().Should().Be("c2");
        problem.GetProperty("outcome").GetString().Should().Be("denied");
        var failed = problem.GetProperty("failedPolicies").EnumerateArray().Single();
        failed.GetProperty("id").GetString().Should().Be(TestScenario.DevicePolicyId);
        failed.GetProperty("failedControls").EnumerateArray().Select(c => c.GetString()).Should().Equal("compliantDevice");
        failed.GetProperty("remediable").GetBoolean().Should().BeFalse();
        problem.GetProperty("explanation").GetString().Should().StartWith("Denied");
    }

    [Test]
    public async Task Development_details_stay_out_of_the_service_body_by_default()
    {
        await using var api = await StartWithProblemDetails();
        var response = await api.SendAsync(HttpMethod.Put, "/bank", TestTokens.Create(amr: ["fido"], deviceId: TestScenario.NonCompliantDevice));

        var body = await response.Content.ReadAsStringAsync();
        body.Should().NotContain(TestScenario.DevicePolicyId).And.NotContain(TestScenario.DevicePolicyName).And.NotContain("failedPolicies");
    }

    [Test]
    public async Task A_customization_that_rewrites_the_status_cannot_turn_a_step_up_into_success()
    {
        await using var api = await StartWithProblemDetails(customize: c => c.ProblemDetails.Status = 200);
        var response = await api.SendAsync(HttpMethod.Post, "/things", TestTokens.Password("cp1"));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        TestApi.WwwAuthenticate(response).Should().Equal(EntraC1);
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
    }

    [Test]
    public async Task When_no_writer_of_the_service_accepts_the_request_the_library_body_is_written()
    {
        await using var api = await StartWithProblemDetails();
        var response = await api.SendAsync(HttpMethod.Post, "/things", TestTokens.Password("cp1"),
            r => r.Headers.Accept.ParseAdd("text/html"));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        TestApi.WwwAuthenticate(response).Should().Equal(EntraC1);
        var problem = await TestApi.ProblemAsync(response);
        problem.GetProperty("type").GetString().Should().Be(ProblemTypes.StepUpRequired);
        problem.TryGetProperty(SupportField, out _).Should().BeFalse("the service did not write this body");
    }

    [Test]
    public async Task A_programmed_step_up_goes_through_the_service_with_its_challenge()
    {
        var evaluator = new FakeProtectedActionEvaluator().RequireStepUp(TestScenario.Create, "c1");
        await using var api = await TestApi.StartAsync(EndpointTests.Map, services: b => b.Services.AddProblemDetails(
            o => o.CustomizeProblemDetails = c => c.ProblemDetails.Extensions[SupportField] = SupportUri), fake: evaluator);
        var response = await api.SendAsync(HttpMethod.Post, "/things", TestTokens.Password("cp1"));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        TestApi.WwwAuthenticate(response).Should().ContainSingle().Which.Should().Contain("insufficient_claims");
        (await TestApi.ProblemAsync(response)).GetProperty(SupportField).GetString().Should().Be(SupportUri);
        evaluator.CallsFor(TestScenario.Create).Should().ContainSingle();
    }
}
