using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Text.Json;
using ProtectedActions.AspNetCore.Tests.Infrastructure;

namespace ProtectedActions.AspNetCore.Tests.WebApps;

/// <summary>
/// A step-up decision for a user signed in with a cookie through OpenID Connect becomes a redirect to the
/// identity provider whose authorize request (written by the real OpenIdConnectHandler) asks for the context.
/// </summary>
public sealed class WebAppChallengeTests
{
    private static readonly string[] Password = ["pwd"];
    private static readonly string[] Fido = ["fido"];

    [Test]
    public async Task Entra_format_asks_for_the_context_in_the_id_token_with_a_login_hint_and_returns_to_the_page()
    {
        await using var host = await WebAppHost.StartAsync();
        await host.SignInAsync(Password);

        using var response = await host.GetAsync(WebAppHost.ApprovePath + "?invoice=42");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var query = WebAppHost.AuthorizeQuery(response);
        using (var claims = JsonDocument.Parse(query["claims"]))
        {
            claims.RootElement.GetProperty("id_token").GetProperty("acrs").GetProperty("essential").GetBoolean().Should().BeTrue();
            claims.RootElement.GetProperty("id_token").GetProperty("acrs").GetProperty("value").GetString().Should().Be("c1");
            claims.RootElement.EnumerateObject().Select(p => p.Name).Should().Equal("id_token");
        }

        query["claims"].Should().Be("{\"id_token\":{\"acrs\":{\"essential\":true,\"value\":\"c1\"}}}");
        query["login_hint"].Should().Be(WebAppHost.UserName);
        query.Should().NotContainKey("acr_values").And.NotContainKey("max_age").And.NotContainKey("prompt");
        query["client_id"].Should().Be(WebAppHost.ClientId);
        host.ReturnUrlOf(response).Should().Be(WebAppHost.ApprovePath + "?invoice=42");
    }

    [Test]
    public async Task Rfc9470_format_sends_the_mapped_acr_values_and_no_claims_request()
    {
        await using var host = await WebAppHost.StartAsync(o =>
        {
            o.Settings.ChallengeFormat = ChallengeFormat.Rfc9470;
            o.Settings.AcrValues["c1"] = "urn:contoso:acr:c1";
        });
        await host.SignInAsync(Password);

        using var response = await host.GetAsync(WebAppHost.ApprovePath);

        var query = WebAppHost.AuthorizeQuery(response);
        query["acr_values"].Should().Be("urn:contoso:acr:c1");
        query.Should().NotContainKey("claims").And.NotContainKey("max_age");
        query["login_hint"].Should().Be(WebAppHost.UserName);
    }

    [Test]
    public async Task Both_formats_send_the_claims_request_and_the_acr_values()
    {
        await using var host = await WebAppHost.StartAsync(o => o.Settings.ChallengeFormat = ChallengeFormat.Both);
        await host.SignInAsync(Password);

        using var response = await host.GetAsync(WebAppHost.ApprovePath);

        var query = WebAppHost.AuthorizeQuery(response);
        query["acr_values"].Should().Be("c1");
        query["claims"].Should().Contain("\"id_token\"");
    }

    [Test]
    public async Task A_stale_sign_in_asks_for_max_age_of_the_failing_sign_in_frequency()
    {
        await using var host = await WebAppHost.StartAsync(o => o.Settings.ChallengeFormat = ChallengeFormat.Rfc9470);
        await host.SignInAsync(Fido, age: TimeSpan.FromHours(2));

        using var response = await host.GetAsync(WebAppHost.ApprovePath);

        var query = WebAppHost.AuthorizeQuery(response);
        query["max_age"].Should().Be("3600");
        query.Should().NotContainKey("prompt");
    }

    [Test]
    public async Task Every_time_sign_in_frequency_sends_prompt_login_and_max_age_zero()
    {
        await using var host = await WebAppHost.StartAsync(o =>
        {
            var policy = o.ConditionalAccessPolicies.Single(p => p.Id == TestScenario.StrengthPolicyId);
            policy.SessionControls!.SignInFrequency = new SignInFrequencySessionControl { IsEnabled = true, FrequencyInterval = "everyTime" };
        });
        await host.SignInAsync(Fido, age: TimeSpan.FromMinutes(30));

        using var response = await host.GetAsync(WebAppHost.ApprovePath);

        var query = WebAppHost.AuthorizeQuery(response);
        query["prompt"].Should().Be("login");
        query["max_age"].Should().Be("0");
    }

    [Test]
    public async Task Denied_stays_403_problem_details_and_never_redirects()
    {
        await using var host = await WebAppHost.StartAsync();
        await host.SignInAsync(Fido, deviceId: TestScenario.NonCompliantDevice);

        using var response = await host.GetAsync(WebAppHost.BankAccountPath);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        response.Headers.Location.Should().BeNull();
        var problem = await TestApi.ProblemAsync(response);
        problem.GetProperty("type").GetString().Should().Be(ProblemTypes.Denied);
        problem.TryGetProperty("stepUpUrl", out _).Should().BeFalse();
    }

    [Test]
    public async Task Allowed_users_get_the_page()
    {
        await using var host = await WebAppHost.StartAsync();
        await host.SignInAsync(Fido);

        using var response = await host.GetAsync(WebAppHost.ApprovePath);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("approve page");
    }

    [Test]
    public async Task Anonymous_users_get_the_ordinary_sign_in_without_a_step_up_request()
    {
        await using var host = await WebAppHost.StartAsync();

        using var response = await host.GetAsync(WebAppHost.ApprovePath);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        WebAppHost.AuthorizeQuery(response).Should().NotContainKey("claims");
    }

    [Test]
    public async Task Detected_when_the_default_scheme_is_the_OpenID_Connect_scheme()
    {
        await using var host = await WebAppHost.StartAsync(defaultSchemeIsOpenIdConnect: true);
        await host.SignInAsync(Password);

        using var response = await host.GetAsync(WebAppHost.ApprovePath);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        WebAppHost.AuthorizeQuery(response)["claims"].Should().Contain("c1");
    }

    [Test]
    public async Task A_named_scheme_that_is_not_OpenID_Connect_turns_the_redirect_off_and_the_api_answer_applies()
    {
        await using var host = await WebAppHost.StartAsync(services: b =>
            b.Services.Configure<ProtectedActionsWebAppOptions>(o => o.OpenIdConnectScheme = "Cookies"));
        await host.SignInAsync(Password);

        using var response = await host.GetAsync(WebAppHost.ApprovePath);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        TestApi.WwwAuthenticate(response).Should().ContainSingle().Which.Should().Contain("insufficient_claims");
    }

    [Test]
    public async Task The_hosts_own_redirect_event_still_runs_and_the_step_up_values_win()
    {
        var ran = 0;
        await using var host = await WebAppHost.StartAsync(openIdConnect: o => o.Events.OnRedirectToIdentityProvider = c =>
        {
            ran++;
            c.ProtocolMessage.SetParameter("claims", "{\"id_token\":{}}");
            c.ProtocolMessage.SetParameter("ui_locales", "de");
            return Task.CompletedTask;
        });
        await host.SignInAsync(Password);
        ran = 0;

        using var response = await host.GetAsync(WebAppHost.ApprovePath);

        ran.Should().Be(1);
        var query = WebAppHost.AuthorizeQuery(response);
        query["ui_locales"].Should().Be("de");
        query["claims"].Should().Contain("\"value\":\"c1\"");
    }
}
