using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ProtectedActions.AspNetCore.Tests.Infrastructure;

namespace ProtectedActions.AspNetCore.Tests.FailClosed;

/// <summary>
/// Item 1 at start-up: every permission an endpoint declares must be mapped to an authentication context, or the
/// host does not start. Written as the attacker (or the unlucky operator) would meet it: an empty file, a typo.
/// </summary>
public sealed class DeclaredPermissionsStartupTests
{
    private const string Typo = "contoso.test/thing/create"; // "thing" for "things"

    private static string DocumentWith(string settings) => FailClosedHost.Document.Replace(
        "\"settings\": { \"trustedIssuers\": [ \"https://issuer.test/\" ] }",
        "\"settings\": { \"trustedIssuers\": [ \"https://issuer.test/\" ], " + settings + " }", StringComparison.Ordinal);

    [Test]
    public async Task Typo_in_a_declared_permission_fails_start_up_naming_the_permission_and_the_endpoint()
    {
        var start = () => FailClosedHost.StartAsync(FailClosedHost.Document, app =>
        {
            app.MapPost("/things", () => "created").RequireProtectedAction(FailClosedHost.Create);
            app.MapPost("/typo", () => "created").RequireProtectedAction(Typo);
        });

        var error = (await start.Should().ThrowAsync<InvalidOperationException>()).Which;
        error.Message.Should().Contain("PA1073").And.Contain(Typo).And.Contain("HTTP: POST /typo");
        error.Message.Should().NotContain("HTTP: POST /things", "a mapped permission is not reported");
    }

    [Test]
    public async Task Empty_document_fails_start_up()
    {
        var start = () => FailClosedHost.StartAsync("{}", app => app.MapPost("/things", () => "created").RequireProtectedAction(FailClosedHost.Create));
        var error = (await start.Should().ThrowAsync<OptionsValidationException>()).Which;
        error.Message.Should().Contain("protects no permission");
        string.Join(" ", error.Failures).Should().Contain("ProtectedActions:ProtectedActions").And.Contain("allowEmptyConfiguration");
    }

    [Test]
    public async Task Document_with_contexts_and_policies_but_no_protected_actions_fails_start_up()
    {
        var document = FailClosedHost.Document.Replace(
            "[ { \"permission\": \"contoso.test/things/create\", \"authenticationContextId\": \"c1\" } ]", "[]", StringComparison.Ordinal);
        var start = () => FailClosedHost.StartAsync(document, app => app.MapGet("/open", () => "open"));
        (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Failures.Should().ContainSingle(f => f.Contains("protects no permission"));
    }

    [Test]
    public async Task Explicitly_empty_document_still_fails_when_an_endpoint_declares_a_permission()
    {
        var start = () => FailClosedHost.StartAsync("""{ "settings": { "allowEmptyConfiguration": true, "trustAcrsClaim": false } }""",
            app => app.MapPost("/things", () => "created").RequireProtectedAction(FailClosedHost.Create));
        (await start.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain(FailClosedHost.Create);
    }

    [Test]
    public async Task Explicitly_empty_document_starts_when_no_endpoint_declares_a_permission()
    {
        await using var host = await FailClosedHost.StartAsync("""{ "settings": { "allowEmptyConfiguration": true, "trustAcrsClaim": false } }""", app => app.MapGet("/open", () => "open"));
        (await host.SendAsync(HttpMethod.Get, "/open")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task Route_group_declaration_is_collected()
    {
        var start = () => FailClosedHost.StartAsync(FailClosedHost.Document, app =>
            app.MapGroup("/admin").RequireProtectedAction(Typo).MapDelete("/x", () => "deleted"));
        (await start.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain(Typo).And.Contain("/admin/x");
    }

    [Test]
    public async Task Attribute_on_a_minimal_api_handler_is_collected()
    {
        var start = () => FailClosedHost.StartAsync(FailClosedHost.Document, app =>
            app.MapPost("/attr", [ProtectedAction(Typo)] () => "created"));
        (await start.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain(Typo);
    }

    [Test]
    public async Task Named_policy_with_a_protected_action_requirement_is_collected()
    {
        var start = () => FailClosedHost.StartAsync(FailClosedHost.Document,
            app => app.MapPost("/policy", () => "created").RequireAuthorization("approve"),
            services: b => b.Services.AddAuthorization(o => o.AddPolicy("approve", p => p.AddRequirements(new ProtectedActionRequirement(Typo)))));
        (await start.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain(Typo).And.Contain("/policy");
    }

    [Test]
    public async Task Named_policy_with_a_mapped_permission_starts_and_challenges_a_password_sign_in()
    {
        await using var host = await FailClosedHost.StartAsync(FailClosedHost.Document,
            app => app.MapPost("/policy", () => "created").RequireAuthorization("approve"),
            services: b => b.Services.AddAuthorization(o => o.AddPolicy("approve", p => p.AddRequirements(new ProtectedActionRequirement(FailClosedHost.Create)))));
        var response = await host.SendAsync(HttpMethod.Post, "/policy", TestTokens.Password("cp1"));
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        TestApi.WwwAuthenticate(response).Should().ContainSingle().Which.Should().Contain("insufficient_claims");
    }

    [Test]
    public async Task Mvc_controller_attribute_is_collected()
    {
        var start = () => FailClosedHost.StartAsync(FailClosedHost.Document,
            app => ((WebApplication)app).MapControllers(),
            services: b => b.Services.AddControllers().ConfigureApplicationPartManager(m =>
            {
                m.ApplicationParts.Clear();
                m.FeatureProviders.Add(new OnlyController(typeof(TypoController)));
            }));
        (await start.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain(Typo).And.Contain(nameof(TypoController));
    }

    [Test]
    public async Task Allow_unmapped_opt_out_starts_and_answers_200_as_not_protected()
    {
        await using var host = await FailClosedHost.StartAsync(FailClosedHost.Document, app =>
        {
            app.MapGet("/read", () => "read").RequireProtectedAction(TestScenario.Unprotected, allowUnmapped: true);
            app.MapGet("/read-attr", [ProtectedAction(TestScenario.Unprotected, AllowUnmapped = true)] () => "read");
        });
        (await host.SendAsync(HttpMethod.Get, "/read", TestTokens.Password())).StatusCode.Should().Be(HttpStatusCode.OK);
        (await host.SendAsync(HttpMethod.Get, "/read-attr", TestTokens.Password())).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task One_declaration_without_the_opt_out_is_enough_to_require_a_mapping()
    {
        var start = () => FailClosedHost.StartAsync(FailClosedHost.Document, app =>
        {
            app.MapGet("/a", () => "a").RequireProtectedAction(TestScenario.Unprotected, allowUnmapped: true);
            app.MapPost("/b", () => "b").RequireProtectedAction(TestScenario.Unprotected);
        });
        (await start.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain("HTTP: POST /b").And.Contain(TestScenario.Unprotected);
    }

    [Test]
    public async Task Unprotected_permissions_setting_is_an_opt_out_compared_case_insensitively()
    {
        await using var host = await FailClosedHost.StartAsync(DocumentWith("\"unprotectedPermissions\": [ \"Contoso.Test/Things/Read\" ]"),
            app => app.MapGet("/read", () => "read").RequireProtectedAction(TestScenario.Unprotected));
        (await host.SendAsync(HttpMethod.Get, "/read", TestTokens.Password())).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task Listing_a_mapped_permission_as_unprotected_is_a_validation_error()
    {
        var start = () => FailClosedHost.StartAsync(DocumentWith("\"unprotectedPermissions\": [ \"CONTOSO.TEST/things/create\" ]"),
            app => app.MapPost("/things", () => "created").RequireProtectedAction(FailClosedHost.Create));
        var failures = (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Failures;
        failures.Should().ContainSingle(f => f.StartsWith("ProtectedActions:Settings:unprotectedPermissions[0]:", StringComparison.Ordinal) && f.Contains("c1"));
    }

    [TestCase("contoso.test/*")]
    [TestCase("not a permission")]
    public async Task Unprotected_permissions_entries_must_be_exact_permissions(string entry)
    {
        var start = () => FailClosedHost.StartAsync(DocumentWith($"\"unprotectedPermissions\": [ \"{entry}\" ]"),
            app => app.MapPost("/things", () => "created").RequireProtectedAction(FailClosedHost.Create));
        (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Failures
            .Should().ContainSingle(f => f.StartsWith("ProtectedActions:Settings:unprotectedPermissions[0]:", StringComparison.Ordinal));
    }

    [Test]
    public async Task Permission_declared_in_another_letter_case_starts_and_gets_the_challenge_not_a_plain_403()
    {
        await using var host = await FailClosedHost.StartAsync(FailClosedHost.Document.Replace("contoso.test/things/create", "contoso.billing/invoices/approve", StringComparison.Ordinal),
            app => app.MapPost("/approve", () => "approved").RequireProtectedAction("Contoso.Billing/Invoices/Approve"));
        var response = await host.SendAsync(HttpMethod.Post, "/approve", TestTokens.Password("cp1"));
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        TestApi.WwwAuthenticate(response).Should().ContainSingle().Which.Should().Contain("error=\"insufficient_claims\"");
        (await TestApi.ProblemAsync(response)).GetProperty("type").GetString().Should().Be(ProblemTypes.StepUpRequired);
        (await host.SendAsync(HttpMethod.Post, "/approve", TestTokens.Fido())).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task Permission_under_a_mapped_pattern_starts_and_gets_the_challenge()
    {
        await using var host = await FailClosedHost.StartAsync(FailClosedHost.Document.Replace("contoso.test/things/create", "contoso.test/admin/*", StringComparison.Ordinal),
            app => app.MapDelete("/users", () => "deleted").RequireProtectedAction("Contoso.Test/Admin/Users/Delete"));
        var response = await host.SendAsync(HttpMethod.Delete, "/users", TestTokens.Password("cp1"));
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        TestApi.WwwAuthenticate(response).Should().ContainSingle().Which.Should().Contain("error=\"insufficient_claims\"");
    }

    /// <summary>Adds exactly one controller type (kept out of the other MVC tests by [NonController]).</summary>
    private sealed class OnlyController(Type type) : IApplicationFeatureProvider<ControllerFeature>
    {
        public void PopulateFeature(IEnumerable<ApplicationPart> parts, ControllerFeature feature) => feature.Controllers.Add(System.Reflection.IntrospectionExtensions.GetTypeInfo(type));
    }
}

/// <summary>A controller whose action declares a misspelt permission; only the start-up test adds it.</summary>
[NonController]
[ApiController]
[Route("mvc/typo")]
public sealed class TypoController : ControllerBase
{
    [HttpPost]
    [ProtectedAction("contoso.test/thing/create")]
    public string Create() => "created";
}
