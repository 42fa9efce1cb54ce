using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ProtectedActions.AspNetCore.Tests.Infrastructure;
using ProtectedActions.Testing;

namespace ProtectedActions.AspNetCore.Tests.Endpoints;

/// <summary>RequireProtectedAction on minimal-API endpoints: each outcome and its exact HTTP answer.</summary>
public sealed class EndpointTests
{
    private const string EntraC1 = "Bearer realm=\"\", authorization_uri=\"https://login.microsoftonline.com/common/oauth2/authorize\", error=\"insufficient_claims\", claims=\"eyJhY2Nlc3NfdG9rZW4iOnsiYWNycyI6eyJlc3NlbnRpYWwiOnRydWUsInZhbHVlIjoiYzEifX19\"";
    private const string Rfc9470C1 = "Bearer error=\"insufficient_user_authentication\", error_description=\"A different authentication level is required\", acr_values=\"c1\"";

    internal static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/things", () => "created").RequireProtectedAction(TestScenario.Create);
        app.MapGet("/things", () => "read").RequireProtectedAction(TestScenario.Unprotected, allowUnmapped: true);
        app.MapPut("/bank", () => "updated").RequireProtectedAction(TestScenario.Workstation);
        app.MapGet("/open", () => "open");
    }

    [Test]
    public async Task Allowed_when_the_sign_in_satisfies_the_policies()
    {
        await using var api = await TestApi.StartAsync(Map);
        var response = await api.SendAsync(HttpMethod.Post, "/things", TestTokens.Fido());
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("created");
    }

    [Test]
    public async Task Allowed_when_the_token_carries_the_context_in_acrs_from_a_trusted_issuer()
    {
        await using var api = await TestApi.StartAsync(Map);
        var response = await api.SendAsync(HttpMethod.Post, "/things", TestTokens.Create(amr: ["pwd"], acrs: ["c1"]));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task Permission_without_a_context_is_allowed_for_any_authenticated_caller()
    {
        await using var api = await TestApi.StartAsync(Map);
        var response = await api.SendAsync(HttpMethod.Get, "/things", TestTokens.Password());
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        api.Evaluator.Requests.Should().ContainSingle().Which.Permission.Should().Be(TestScenario.Unprotected);
    }

    [Test]
    public async Task Step_up_answers_401_with_the_exact_Entra_claims_challenge_and_problem_details()
    {
        await using var api = await TestApi.StartAsync(Map);
        var response = await api.SendAsync(HttpMethod.Post, "/things", TestTokens.Password("cp1"));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        TestApi.WwwAuthenticate(response).Should().Equal(EntraC1);
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        var problem = await TestApi.ProblemAsync(response);
        problem.GetProperty("type").GetString().Should().Be(ProblemTypes.StepUpRequired);
        problem.GetProperty("title").GetString().Should().Be("Step-up authentication required");
        problem.GetProperty("status").GetInt32().Should().Be(401);
        problem.GetProperty("detail").GetString().Should().Contain("WWW-Authenticate");
        problem.TryGetProperty("failedPolicies", out _).Should().BeFalse("development details are off by default");
        (await response.Content.ReadAsStringAsync()).Should().NotContain(TestScenario.StrengthPolicyName).And.NotContain(TestScenario.StrengthPolicyId);
    }

    [Test]
    public async Task Step_up_in_RFC_9470_format_writes_acr_values()
    {
        await using var api = await TestApi.StartAsync(Map, o => o.Settings.ChallengeFormat = ChallengeFormat.Rfc9470);
        var response = await api.SendAsync(HttpMethod.Post, "/things", TestTokens.Password());
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        TestApi.WwwAuthenticate(response).Should().Equal(Rfc9470C1);
    }

    [Test]
    public async Task Step_up_for_an_old_authentication_adds_max_age()
    {
        await using var api = await TestApi.StartAsync(Map, o => o.Settings.ChallengeFormat = ChallengeFormat.Rfc9470);
        var token = TestTokens.Create(amr: ["fido"], authenticationAge: TimeSpan.FromHours(2));
        var response = await api.SendAsync(HttpMethod.Post, "/things", token);
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        TestApi.WwwAuthenticate(response).Should().Equal(Rfc9470C1 + ", max_age=\"3600\"");
    }

    [Test]
    public async Task Both_formats_send_two_challenges_Entra_first_so_MSAL_finds_its_own()
    {
        await using var api = await TestApi.StartAsync(Map, o => o.Settings.ChallengeFormat = ChallengeFormat.Both);
        var response = await api.SendAsync(HttpMethod.Post, "/things", TestTokens.Password("cp1"));
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        TestApi.WwwAuthenticate(response).Should().Equal(EntraC1, Rfc9470C1);
        Microsoft.Identity.Client.WwwAuthenticateParameters.GetClaimChallengeFromResponseHeaders(response.Headers)
            .Should().Be("{\"access_token\":{\"acrs\":{\"essential\":true,\"value\":\"c1\"}}}");
    }

    [Test]
    public async Task Denial_answers_403_problem_details_without_a_challenge()
    {
        await using var api = await TestApi.StartAsync(Map);
        var response = await api.SendAsync(HttpMethod.Put, "/bank", TestTokens.Create(amr: ["fido"], deviceId: TestScenario.NonCompliantDevice));

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        TestApi.WwwAuthenticate(response).Should().BeEmpty();
        var problem = await TestApi.ProblemAsync(response);
        problem.GetProperty("type").GetString().Should().Be(ProblemTypes.Denied);
        problem.GetProperty("status").GetInt32().Should().Be(403);
        problem.TryGetProperty("failedPolicies", out _).Should().BeFalse();
    }

    [Test]
    public async Task Compliant_device_is_allowed_on_the_workstation_action()
    {
        await using var api = await TestApi.StartAsync(Map);
        var response = await api.SendAsync(HttpMethod.Put, "/bank", TestTokens.Create(amr: ["fido"], deviceId: TestScenario.CompliantDevice));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task Development_details_name_the_failed_policies_and_controls()
    {
        await using var api = await TestApi.StartAsync(Map, o => o.Settings.IncludeDevelopmentDetails = true);
        var response = await api.SendAsync(HttpMethod.Put, "/bank", TestTokens.Create(amr: ["fido"], deviceId: TestScenario.NonCompliantDevice));

        var problem = await TestApi.ProblemAsync(response);
        problem.GetProperty("permission").GetString().Should().Be(TestScenario.Workstation);
        problem.GetProperty("authenticationContext").GetString().Should().Be("c2");
        problem.GetProperty("outcome").GetString().Should().Be("denied");
        var failed = problem.GetProperty("failedPolicies").EnumerateArray().Single();
        failed.GetProperty("id").GetString().Should().Be(TestScenario.DevicePolicyId);
        failed.GetProperty("displayName").GetString().Should().Be(TestScenario.DevicePolicyName);
        failed.GetProperty("failedControls").EnumerateArray().Select(c => c.GetString()).Should().Equal("compliantDevice");
        failed.GetProperty("remediable").GetBoolean().Should().BeFalse();
        problem.GetProperty("explanation").GetString().Should().StartWith("Denied");
    }

    [Test]
    public async Task Client_without_cp1_gets_403_explaining_it_when_capability_is_required()
    {
        await using var api = await TestApi.StartAsync(Map, o => o.Settings.RequireClientCapability = true);
        var response = await api.SendAsync(HttpMethod.Post, "/things", TestTokens.Password());

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        TestApi.WwwAuthenticate(response).Should().BeEmpty();
        var problem = await TestApi.ProblemAsync(response);
        problem.GetProperty("type").GetString().Should().Be(ProblemTypes.ClientNotCapable);
        problem.GetProperty("detail").GetString().Should().Contain("cp1");
    }

    [Test]
    public async Task Client_with_cp1_gets_the_challenge_when_capability_is_required()
    {
        await using var api = await TestApi.StartAsync(Map, o => o.Settings.RequireClientCapability = true);
        var response = await api.SendAsync(HttpMethod.Post, "/things", TestTokens.Password("cp1"));
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        TestApi.WwwAuthenticate(response).Should().Equal(EntraC1);
    }

    [Test]
    public async Task Anonymous_caller_gets_the_ordinary_authentication_challenge_and_is_never_evaluated()
    {
        await using var api = await TestApi.StartAsync(Map);
        var response = await api.SendAsync(HttpMethod.Post, "/things");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        TestApi.WwwAuthenticate(response).Should().Equal("Bearer");
        response.Content.Headers.ContentType?.MediaType.Should().NotBe("application/problem+json");
        api.Evaluator.Requests.Should().BeEmpty();
    }

    [Test]
    public async Task Invalid_token_gets_the_bearer_error_not_a_step_up()
    {
        await using var api = await TestApi.StartAsync(Map);
        using var otherKey = System.Security.Cryptography.RSA.Create(2048);
        var forged = TestTokens.Create(amr: ["fido"], acrs: ["c1"], signingKey: new Microsoft.IdentityModel.Tokens.RsaSecurityKey(otherKey) { KeyId = "test-key" });
        var response = await api.SendAsync(HttpMethod.Post, "/things", forged);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        TestApi.WwwAuthenticate(response).Should().ContainSingle().Which.Should().StartWith("Bearer error=\"invalid_token\"");
        api.Evaluator.Requests.Should().BeEmpty();
    }

    [Test]
    public async Task Endpoint_without_metadata_is_untouched()
    {
        await using var api = await TestApi.StartAsync(Map);
        var response = await api.SendAsync(HttpMethod.Get, "/open");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        api.Evaluator.Requests.Should().BeEmpty();
    }

    [Test]
    public async Task Evaluator_failure_fails_closed_with_403()
    {
        var evaluator = new FakeProtectedActionEvaluator().Respond(TestScenario.Create, _ => throw new InvalidOperationException("boom"));
        await using var api = await TestApi.StartAsync(Map, fake: evaluator);
        var response = await api.SendAsync(HttpMethod.Post, "/things", TestTokens.Fido());
        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        TestApi.WwwAuthenticate(response).Should().BeEmpty();
    }

    [Test]
    public async Task The_decision_is_available_to_the_endpoint_and_made_once()
    {
        await using var api = await TestApi.StartAsync(app =>
        {
            var group = app.MapGroup("/g").RequireProtectedAction(TestScenario.Create);
            group.MapPost("/x", (HttpContext ctx) =>
            {
                var feature = ctx.Features.Get<IProtectedActionFeature>()!;
                return $"{feature.Decisions.Count}:{feature.Decisions[0].Outcome}:{feature.Decisions[0].SatisfiedBy}";
            }).RequireProtectedAction(TestScenario.Create);
        });

        var response = await api.SendAsync(HttpMethod.Post, "/g/x", TestTokens.Fido());
        (await response.Content.ReadAsStringAsync()).Should().Be("1:Allowed:Policies");
        api.Evaluator.Requests.Should().ContainSingle("the same permission twice is evaluated once per request");
    }

    [Test]
    public async Task Authorizing_another_principal_in_the_same_request_is_evaluated_for_that_principal()
    {
        await using var api = await TestApi.StartAsync(app => app.MapPost("/x", async (HttpContext ctx, Microsoft.AspNetCore.Authorization.IAuthorizationService authorization) =>
        {
            // The caller passed with FIDO2; a different principal (password only) must not reuse that decision.
            var other = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
                [new System.Security.Claims.Claim("oid", "someone-else"), new System.Security.Claims.Claim("amr", "pwd")], "test"));
            var result = await authorization.AuthorizeAsync(other, ctx, [new ProtectedActionRequirement(TestScenario.Create)]);
            return result.Succeeded ? "reused" : "evaluated";
        }).RequireProtectedAction(TestScenario.Create));

        var response = await api.SendAsync(HttpMethod.Post, "/x", TestTokens.Fido());
        (await response.Content.ReadAsStringAsync()).Should().Be("evaluated");
        api.Evaluator.Requests.Should().HaveCount(2);
    }

    [TestCase("")]
    [TestCase("  ")]
    [TestCase("things")]
    [TestCase("contoso/things")]
    [TestCase("contoso//things/create")]
    [TestCase("contoso/things/create/")]
    [TestCase("contoso/th ings/create")]
    [TestCase("contoso/things/créer")]
    [TestCase("contoso/things/create\r\nX: y")]
    [TestCase("a/b/c/d/e/f/g/h/i/j/k")]
    public void Malformed_permission_is_rejected_at_registration(string permission)
    {
        var act = () => new ProtectedActionAttribute(permission);
        act.Should().Throw<ArgumentException>();
    }

    [TestCase("contoso.billing/invoices/approve")]
    [TestCase("microsoft.directory/conditionalAccessPolicies/basic/update")]
    [TestCase("a-b_c/d.e/f")]
    [TestCase("a/b/c/d/e/f/g/h/i/j")]
    public void Well_formed_permission_is_accepted(string permission) =>
        new ProtectedActionRequirement(permission).Permission.Should().Be(permission);

    [Test]
    public void Overlong_permission_is_rejected() =>
        ((Action)(() => _ = new ProtectedActionRequirement("a/b/" + new string('c', 510)))).Should().Throw<ArgumentException>();
}
