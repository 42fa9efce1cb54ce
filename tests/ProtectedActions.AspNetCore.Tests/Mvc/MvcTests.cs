using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using ProtectedActions.AspNetCore.Tests.Infrastructure;

namespace ProtectedActions.AspNetCore.Tests.Mvc;

/// <summary>[ProtectedAction] on MVC controllers and actions (IAuthorizationRequirementData).</summary>
public sealed class MvcTests
{
    private static Task<TestApi> StartAsync() => TestApi.StartAsync(
        app => ((WebApplication)app).MapControllers(),
        services: b => b.Services.AddControllers().AddApplicationPart(typeof(MvcTests).Assembly));

    [Test]
    public async Task Action_attribute_challenges_a_password_sign_in()
    {
        await using var api = await StartAsync();
        var response = await api.SendAsync(HttpMethod.Post, "/mvc/things", TestTokens.Password("cp1"));
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        TestApi.WwwAuthenticate(response).Single().Should().Contain("error=\"insufficient_claims\"");
        (await TestApi.ProblemAsync(response)).GetProperty("type").GetString().Should().Be(ProblemTypes.StepUpRequired);
    }

    [Test]
    public async Task Action_attribute_allows_a_phishing_resistant_sign_in()
    {
        await using var api = await StartAsync();
        var response = await api.SendAsync(HttpMethod.Post, "/mvc/things", TestTokens.Fido());
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("created");
    }

    [Test]
    public async Task Action_without_the_attribute_is_not_evaluated()
    {
        await using var api = await StartAsync();
        var response = await api.SendAsync(HttpMethod.Get, "/mvc/things", TestTokens.Password());
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        api.Evaluator.Requests.Should().BeEmpty();
    }

    [Test]
    public async Task Class_attribute_applies_to_every_action()
    {
        await using var api = await StartAsync();
        var response = await api.SendAsync(HttpMethod.Delete, "/mvc/secure/42", TestTokens.Password("cp1"));
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        api.Evaluator.Requests.Should().ContainSingle().Which.Permission.Should().Be(TestScenario.Delete);
    }

    [Test]
    public async Task Class_attribute_challenges_anonymous_callers_with_the_ordinary_challenge()
    {
        await using var api = await StartAsync();
        var response = await api.SendAsync(HttpMethod.Delete, "/mvc/secure/42");
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        TestApi.WwwAuthenticate(response).Should().Equal("Bearer");
    }

    [Test]
    public async Task Attribute_composes_with_Authorize_roles()
    {
        await using var api = await StartAsync();
        var admin = new Dictionary<string, object> { ["roles"] = new[] { "Admin" } };
        var compliantAdmin = TestTokens.Create(amr: ["fido"], deviceId: TestScenario.CompliantDevice, extra: admin);
        var compliantNonAdmin = TestTokens.Create(amr: ["fido"], deviceId: TestScenario.CompliantDevice);
        var laptopAdmin = TestTokens.Create(amr: ["fido"], deviceId: TestScenario.NonCompliantDevice, extra: admin);

        (await api.SendAsync(HttpMethod.Put, "/mvc/things/bank", compliantAdmin)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await api.SendAsync(HttpMethod.Put, "/mvc/things/bank", compliantNonAdmin)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var denied = await api.SendAsync(HttpMethod.Put, "/mvc/things/bank", laptopAdmin);
        denied.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await TestApi.ProblemAsync(denied)).GetProperty("type").GetString().Should().Be(ProblemTypes.Denied);
    }
}
