using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ProtectedActions.AspNetCore.Tests.Infrastructure;

namespace ProtectedActions.AspNetCore.Tests.Endpoints;

/// <summary>Route groups and composition with other authorization policies and requirements.</summary>
public sealed class CompositionTests
{
    private const string AdminPolicy = "Admins";

    private static void AddAdminPolicy(WebApplicationBuilder b) =>
        b.Services.AddAuthorizationBuilder().AddPolicy(AdminPolicy, p => p.RequireRole("Admin"));

    private static readonly Dictionary<string, object> AdminRole = new() { ["roles"] = new[] { "Admin" } };

    private static void MapGroup(IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/admin").RequireAuthorization(AdminPolicy).RequireProtectedAction(TestScenario.Create);
        admin.MapPost("/a", () => "a");
        admin.MapPost("/b", () => "b");
        admin.MapPut("/bank", () => "bank").RequireProtectedAction(TestScenario.Workstation);
        app.MapPost("/outside", () => "outside").RequireAuthorization();
    }

    [TestCase("/admin/a")]
    [TestCase("/admin/b")]
    public async Task Group_convention_protects_every_endpoint_in_the_group(string path)
    {
        await using var api = await TestApi.StartAsync(MapGroup, services: AddAdminPolicy);
        var response = await api.SendAsync(HttpMethod.Post, path, TestTokens.Create(amr: ["pwd"], clientCapabilities: ["cp1"], extra: AdminRole));
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        TestApi.WwwAuthenticate(response).Single().Should().Contain("insufficient_claims");
    }

    [Test]
    public async Task Endpoint_outside_the_group_is_not_protected()
    {
        await using var api = await TestApi.StartAsync(MapGroup, services: AddAdminPolicy);
        var response = await api.SendAsync(HttpMethod.Post, "/outside", TestTokens.Password());
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        api.Evaluator.Requests.Should().BeEmpty();
    }

    [Test]
    public async Task Both_the_role_policy_and_the_protected_action_must_pass()
    {
        await using var api = await TestApi.StartAsync(MapGroup, services: AddAdminPolicy);
        var response = await api.SendAsync(HttpMethod.Post, "/admin/a", TestTokens.Create(amr: ["fido"], extra: AdminRole));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task Failing_role_policy_gets_the_default_403_even_when_the_protected_action_passes()
    {
        await using var api = await TestApi.StartAsync(MapGroup, services: AddAdminPolicy);
        var response = await api.SendAsync(HttpMethod.Post, "/admin/a", TestTokens.Fido());
        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        response.Content.Headers.ContentType.Should().BeNull("the framework's default handler answers, with no body");
    }

    [Test]
    public async Task No_step_up_is_offered_when_another_requirement_fails_too()
    {
        // Stepping up would not help a caller who lacks the role: the default 403 answers, not a challenge.
        await using var api = await TestApi.StartAsync(MapGroup, services: AddAdminPolicy);
        var response = await api.SendAsync(HttpMethod.Post, "/admin/a", TestTokens.Password("cp1"));
        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        TestApi.WwwAuthenticate(response).Should().BeEmpty();
        response.Content.Headers.ContentType.Should().BeNull();
    }

    [Test]
    public async Task Endpoint_and_group_actions_combine_and_a_denial_beats_a_step_up()
    {
        await using var api = await TestApi.StartAsync(MapGroup, services: AddAdminPolicy);
        // Password: c1 needs a step-up; non-compliant device: c2 is denied. Stepping up cannot fix c2.
        var token = TestTokens.Create(amr: ["pwd"], clientCapabilities: ["cp1"], deviceId: TestScenario.NonCompliantDevice, extra: AdminRole);
        var response = await api.SendAsync(HttpMethod.Put, "/admin/bank", token);
        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await TestApi.ProblemAsync(response)).GetProperty("type").GetString().Should().Be(ProblemTypes.Denied);
        api.Evaluator.Requests.Select(r => r.Permission).Should().BeEquivalentTo([TestScenario.Create, TestScenario.Workstation]);
    }

    [Test]
    public async Task Composes_with_an_inline_policy_and_a_custom_requirement()
    {
        await using var api = await TestApi.StartAsync(app => app.MapPost("/x", () => "x")
            .RequireAuthorization(p => p.RequireAssertion(ctx => ctx.User.HasClaim(c => c.Value == TestTokens.TenantId)))
            .RequireProtectedAction(TestScenario.Create));

        (await api.SendAsync(HttpMethod.Post, "/x", TestTokens.Fido())).StatusCode.Should().Be(HttpStatusCode.OK);
        (await api.SendAsync(HttpMethod.Post, "/x", TestTokens.Password("cp1"))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task AllowAnonymous_on_an_endpoint_skips_the_protected_action_like_any_other_requirement()
    {
        await using var api = await TestApi.StartAsync(app => app.MapGroup("/g").RequireProtectedAction(TestScenario.Create)
            .MapGet("/public", () => "public").AllowAnonymous());
        var response = await api.SendAsync(HttpMethod.Get, "/g/public");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        api.Evaluator.Requests.Should().BeEmpty();
    }

    [Test]
    public async Task Authorization_service_can_evaluate_the_requirement_without_an_HttpContext()
    {
        await using var api = await TestApi.StartAsync(_ => { });
        var authorization = api.Services.GetRequiredService<IAuthorizationService>();
        var user = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim("oid", TestTokens.UserId), new Claim("amr", "fido"), new Claim("auth_time", DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture))],
            "test"));
        (await authorization.AuthorizeAsync(user, null, new ProtectedActionRequirement(TestScenario.Create))).Succeeded.Should().BeTrue();
        var anonymous = new ClaimsPrincipal(new ClaimsIdentity());
        (await authorization.AuthorizeAsync(anonymous, null, new ProtectedActionRequirement(TestScenario.Create))).Succeeded.Should().BeFalse();
    }
}
