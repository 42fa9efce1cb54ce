using System.Net;
using Microsoft.AspNetCore.Builder;
using ProtectedActions.AspNetCore.Tests.Infrastructure;

namespace ProtectedActions.AspNetCore.Tests.FailClosed;

/// <summary>
/// Item 1 on reload, and the "refused reload changes nothing" finding: the configuration file is rewritten while
/// the host runs; a rewrite that would leave a declared permission unprotected is refused like an invalid one.
/// </summary>
public sealed class ReloadTests
{
    private static void Map(Microsoft.AspNetCore.Routing.IEndpointRouteBuilder app) =>
        app.MapPost("/things", () => "created").RequireProtectedAction(FailClosedHost.Create);

    private static async Task ShouldStillChallengeAsync(FailClosedHost host)
    {
        var response = await host.SendAsync(HttpMethod.Post, "/things", TestTokens.Password("cp1"));
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the last good configuration is still in force");
        TestApi.WwwAuthenticate(response).Should().ContainSingle().Which.Should().Contain("insufficient_claims");
    }

    [Test]
    public async Task Reload_to_an_empty_document_is_refused_endpoints_keep_challenging_and_health_is_degraded()
    {
        await using var host = await FailClosedHost.StartAsync(FailClosedHost.Document, Map);
        (await host.HealthAsync()).Should().Be("protected-actions=Healthy:");
        var version = host.Status.Version;

        host.Configuration.Swap("{}");

        await ShouldStillChallengeAsync(host);
        host.Status.Version.Should().Be(version);
        host.Status.IsDegraded.Should().BeTrue();
        (await host.HealthAsync()).Should().Contain("Degraded").And.Contain("PA1070");
    }

    [Test]
    public async Task Reload_to_an_explicitly_empty_document_is_still_refused_while_an_endpoint_declares_a_permission()
    {
        await using var host = await FailClosedHost.StartAsync(FailClosedHost.Document, Map);
        host.Configuration.Swap("""{ "settings": { "allowEmptyConfiguration": true, "trustAcrsClaim": false } }""");

        await ShouldStillChallengeAsync(host);
        (await host.HealthAsync()).Should().Contain("Degraded").And.Contain("PA1073");
    }

    [Test]
    public async Task Reload_that_unmaps_a_declared_permission_is_refused_and_logged_naming_it()
    {
        await using var host = await FailClosedHost.StartAsync(FailClosedHost.Document, Map);
        // A typo in the rewritten file: "thing" for "things".
        host.Configuration.Swap(FailClosedHost.Document.Replace("contoso.test/things/create", "contoso.test/thing/create", StringComparison.Ordinal));

        await ShouldStillChallengeAsync(host);
        (await host.HealthAsync()).Should().Contain("Degraded").And.Contain("PA1073");
        host.Status.LastReloadErrors.Should().ContainSingle().Which.Message.Should().Contain(FailClosedHost.Create).And.Contain("HTTP: POST /things");
        var rejected = host.Logs.GetSnapshot().Where(r => r.Id.Id == 1001 && r.Category == "ProtectedActions").Should().ContainSingle().Subject;
        rejected.Message.Should().Contain(FailClosedHost.Create);
    }

    [Test]
    public async Task A_valid_reload_after_a_refused_one_is_accepted_and_health_recovers()
    {
        await using var host = await FailClosedHost.StartAsync(FailClosedHost.Document, Map);
        host.Configuration.Swap("{}");
        (await host.HealthAsync()).Should().Contain("Degraded");

        host.Configuration.Swap(FailClosedHost.Document.Replace("\"trustedIssuers\"", "\"strictMode\": true, \"trustedIssuers\"", StringComparison.Ordinal));

        (await host.HealthAsync()).Should().Be("protected-actions=Healthy:");
        (await host.SendAsync(HttpMethod.Post, "/things", TestTokens.Fido())).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task Reload_that_maps_a_declared_permission_through_the_opt_out_list_is_accepted()
    {
        await using var host = await FailClosedHost.StartAsync(FailClosedHost.Document, app =>
        {
            Map(app);
            app.MapGet("/read", () => "read").RequireProtectedAction(TestScenario.Unprotected, allowUnmapped: true);
        });
        host.Configuration.Swap(FailClosedHost.Document.Replace("\"trustedIssuers\"", "\"unprotectedPermissions\": [ \"contoso.test/things/read\" ], \"trustedIssuers\"", StringComparison.Ordinal));
        host.Status.IsDegraded.Should().BeFalse();
    }

    [Test]
    public async Task Refused_reload_that_would_turn_development_details_on_leaks_no_policy_names()
    {
        await using var host = await FailClosedHost.StartAsync(FailClosedHost.Document, Map);
        // Development details on, but the rewritten document is invalid (context c100): refused as a whole.
        host.Configuration.Swap(FailClosedHost.Document
            .Replace("\"trustedIssuers\"", "\"includeDevelopmentDetails\": true, \"trustedIssuers\"", StringComparison.Ordinal)
            .Replace("{ \"id\": \"c1\", \"displayName\"", "{ \"id\": \"c100\", \"displayName\"", StringComparison.Ordinal));
        host.Status.IsDegraded.Should().BeTrue();

        var response = await host.SendAsync(HttpMethod.Post, "/things", TestTokens.Password("cp1"));
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var body = await response.Content.ReadAsStringAsync();
        body.Should().NotContain("policy-strength").And.NotContain("Phishing-resistant MFA").And.NotContain("failedPolicies");
    }

    [Test]
    public async Task Refused_reload_for_an_unmapped_permission_that_would_turn_development_details_on_leaks_nothing()
    {
        await using var host = await FailClosedHost.StartAsync(FailClosedHost.Document, Map);
        host.Configuration.Swap(FailClosedHost.Document
            .Replace("\"trustedIssuers\"", "\"includeDevelopmentDetails\": true, \"trustedIssuers\"", StringComparison.Ordinal)
            .Replace("contoso.test/things/create", "contoso.test/thing/create", StringComparison.Ordinal));
        host.Status.IsDegraded.Should().BeTrue();

        var body = await (await host.SendAsync(HttpMethod.Post, "/things", TestTokens.Password("cp1"))).Content.ReadAsStringAsync();
        body.Should().NotContain("failedPolicies").And.NotContain("policy-strength");
    }

    [Test]
    public async Task Accepted_reload_that_turns_development_details_on_shows_them()
    {
        await using var host = await FailClosedHost.StartAsync(FailClosedHost.Document, Map);
        host.Configuration.Swap(FailClosedHost.Document.Replace("\"trustedIssuers\"", "\"includeDevelopmentDetails\": true, \"trustedIssuers\"", StringComparison.Ordinal));
        host.Status.IsDegraded.Should().BeFalse();

        var problem = await TestApi.ProblemAsync(await host.SendAsync(HttpMethod.Post, "/things", TestTokens.Password("cp1")));
        problem.GetProperty("failedPolicies").EnumerateArray().Single().GetProperty("id").GetString().Should().Be("policy-strength");
    }
}
