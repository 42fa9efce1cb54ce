using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using ProtectedActions.AspNetCore.Tests.Infrastructure;

namespace ProtectedActions.AspNetCore.Tests.Authorization;

/// <summary><c>AuthorizationPolicyBuilder.RequireProtectedAction</c>: protected actions in named policies.</summary>
public sealed class NamedPolicyTests
{
    private const string Policy = "Approvers";
    private const string Misspelt = "contoso.test/things/craete";
    private const string EntraC1 = "Bearer realm=\"\", authorization_uri=\"https://login.microsoftonline.com/common/oauth2/authorize\", error=\"insufficient_claims\", claims=\"eyJhY2Nlc3NfdG9rZW4iOnsiYWNycyI6eyJlc3NlbnRpYWwiOnRydWUsInZhbHVlIjoiYzEifX19\"";

    private static Task<TestApi> StartWithPolicy(Action<AuthorizationPolicyBuilder> policy) =>
        TestApi.StartAsync(
            app => app.MapPost("/approve", () => "approved").RequireAuthorization(Policy),
            services: b => b.Services.AddAuthorization(o => o.AddPolicy(Policy, p => policy(p.RequireAuthenticatedUser()))));

    [Test]
    public void The_builder_adds_the_protected_action_requirement()
    {
        var policy = new AuthorizationPolicyBuilder().RequireProtectedAction(TestScenario.Create).Build();
        var requirement = policy.Requirements.OfType<ProtectedActionRequirement>().Should().ContainSingle().Subject;
        requirement.Permission.Should().Be(TestScenario.Create);
        requirement.AllowUnmapped.Should().BeFalse();
    }

    [Test]
    public void The_allowUnmapped_overload_carries_the_opt_out()
    {
        var policy = new AuthorizationPolicyBuilder().RequireProtectedAction(TestScenario.Create, allowUnmapped: true).Build();
        policy.Requirements.OfType<ProtectedActionRequirement>().Should().ContainSingle().Which.AllowUnmapped.Should().BeTrue();
    }

    [TestCase("")]
    [TestCase("not a permission")]
    public void A_permission_with_the_wrong_shape_throws(string permission)
    {
        var builder = new AuthorizationPolicyBuilder();
        builder.Invoking(b => b.RequireProtectedAction(permission)).Should().Throw<ArgumentException>();
    }

    [Test]
    public async Task A_named_policy_answers_a_step_up_with_401_and_the_challenge()
    {
        await using var api = await StartWithPolicy(p => p.RequireProtectedAction(TestScenario.Create));
        var response = await api.SendAsync(HttpMethod.Post, "/approve", TestTokens.Password("cp1"));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        TestApi.WwwAuthenticate(response).Should().Equal(EntraC1);
        (await TestApi.ProblemAsync(response)).GetProperty("type").GetString().Should().Be(ProblemTypes.StepUpRequired);
    }

    [Test]
    public async Task A_caller_who_meets_the_policy_is_allowed_through_the_named_policy()
    {
        await using var api = await StartWithPolicy(p => p.RequireProtectedAction(TestScenario.Create));
        var response = await api.SendAsync(HttpMethod.Post, "/approve", TestTokens.Fido());

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("approved");
        api.Evaluator.Requests.Should().ContainSingle().Which.Permission.Should().Be(TestScenario.Create);
    }

    [Test]
    public async Task An_anonymous_caller_gets_the_ordinary_challenge_never_a_step_up()
    {
        await using var api = await StartWithPolicy(p => p.RequireProtectedAction(TestScenario.Create));
        var response = await api.SendAsync(HttpMethod.Post, "/approve");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        TestApi.WwwAuthenticate(response).Should().Equal("Bearer");
    }

    [Test]
    public async Task A_denial_through_a_named_policy_is_403_without_a_challenge()
    {
        await using var api = await StartWithPolicy(p => p.RequireProtectedAction(TestScenario.Workstation));
        var response = await api.SendAsync(HttpMethod.Post, "/approve", TestTokens.Create(amr: ["fido"], deviceId: TestScenario.NonCompliantDevice));

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        TestApi.WwwAuthenticate(response).Should().BeEmpty();
    }

    [Test]
    public async Task The_start_up_check_sees_an_unmapped_permission_in_a_named_policy()
    {
        var start = () => StartWithPolicy(p => p.RequireProtectedAction(Misspelt));
        (await start.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain("PA1073").And.Contain(Misspelt);
    }

    [Test]
    public async Task The_start_up_check_accepts_the_explicit_opt_out_in_a_named_policy()
    {
        await using var api = await StartWithPolicy(p => p.RequireProtectedAction(Misspelt, allowUnmapped: true));
        var response = await api.SendAsync(HttpMethod.Post, "/approve", TestTokens.Password());

        response.StatusCode.Should().Be(HttpStatusCode.OK, "an unmapped permission opted out explicitly is allowed as not protected");
    }
}
