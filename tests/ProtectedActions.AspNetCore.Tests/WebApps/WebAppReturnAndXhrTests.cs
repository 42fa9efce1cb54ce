using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using ProtectedActions.AspNetCore.Tests.Infrastructure;

namespace ProtectedActions.AspNetCore.Tests.WebApps;

/// <summary>
/// Where the user comes back to (always a local URL), the round trip through the provider (the cookie's principal
/// is the new id token's, and sign-in frequency still applies), and requests that cannot follow a redirect.
/// </summary>
public sealed class WebAppReturnAndXhrTests
{
    private static readonly string[] Password = ["pwd"];
    private static readonly string[] Fido = ["fido"];

    [Test]
    public async Task Locked_out_user_steps_up_comes_back_to_the_page_and_the_cookie_carries_the_new_id_token()
    {
        await using var host = await WebAppHost.StartAsync();
        await host.SignInAsync(Password);
        (await host.WhoAmIAsync())["amr"].Should().Be("pwd");

        using var challenge = await host.GetAsync(WebAppHost.ApprovePath + "?invoice=7");
        using var callback = await host.CompleteAsync(challenge, Fido, acrs: ["c1"]);

        callback.StatusCode.Should().Be(HttpStatusCode.Redirect);
        callback.Headers.Location!.OriginalString.Should().Be(WebAppHost.ApprovePath + "?invoice=7");
        var claims = await host.WhoAmIAsync();
        claims["amr"].Should().Be("fido", "the cookie's principal is refreshed from the new id token");
        claims["acrs"].Should().Be("c1");
        using var page = await host.GetAsync(WebAppHost.ApprovePath + "?invoice=7");
        page.StatusCode.Should().Be(HttpStatusCode.OK);
        using var post = await host.PostFormAsync(WebAppHost.ApprovePath);
        (await post.Content.ReadAsStringAsync()).Should().Be("approved");
    }

    [Test]
    public async Task Attacker_with_acrs_in_a_stale_id_token_is_sent_to_step_up_again_by_sign_in_frequency()
    {
        await using var host = await WebAppHost.StartAsync();
        await host.SignInAsync(Password);
        using var challenge = await host.GetAsync(WebAppHost.ApprovePath);
        using var callback = await host.CompleteAsync(challenge, Fido, age: TimeSpan.FromHours(2), acrs: ["c1"]);
        (await host.WhoAmIAsync())["acrs"].Should().Be("c1");

        using var again = await host.GetAsync(WebAppHost.ApprovePath);

        again.StatusCode.Should().Be(HttpStatusCode.Redirect, "acrs does not lift the sign-in frequency measured against auth_time");
        WebAppHost.AuthorizeQuery(again)["max_age"].Should().Be("3600");
    }

    [Test]
    public async Task Form_post_returns_to_the_same_origin_page_that_posted_it()
    {
        await using var host = await WebAppHost.StartAsync();
        await host.SignInAsync(Password);

        using var response = await host.PostFormAsync(WebAppHost.ApprovePath,
            r => r.Headers.Referrer = new Uri("https://app.test/invoices/42?tab=approve"));

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        host.ReturnUrlOf(response).Should().Be("/invoices/42?tab=approve");
    }

    [TestCase("https://evil.test/invoices/42", TestName = "Attacker_cross_origin_referer_falls_back")]
    [TestCase("http://app.test/invoices/42", TestName = "Attacker_other_scheme_referer_falls_back")]
    [TestCase("https://app.test:8443/invoices/42", TestName = "Attacker_other_port_referer_falls_back")]
    [TestCase("https://user@app.test/invoices/42", TestName = "Attacker_referer_with_user_info_falls_back")]
    [TestCase(null, TestName = "Form_post_without_referer_falls_back")]
    public async Task Form_post_without_a_same_origin_referer_returns_to_the_configured_path(string? referer)
    {
        await using var host = await WebAppHost.StartAsync(services: b =>
            b.Services.Configure<ProtectedActionsWebAppOptions>(o => o.FallbackReturnPath = "/invoices"));
        await host.SignInAsync(Password);

        using var response = await host.PostFormAsync(WebAppHost.ApprovePath, r =>
        {
            if (referer is not null)
            {
                r.Headers.TryAddWithoutValidation("Referer", referer);
            }
        });

        host.ReturnUrlOf(response).Should().Be("/invoices");
    }

    [TestCase("X-Requested-With", "XMLHttpRequest")]
    [TestCase("Accept", "application/json")]
    [TestCase("Accept", "application/problem+json, application/json;q=0.9")]
    [TestCase("Sec-Fetch-Mode", "cors")]
    [TestCase("Sec-Fetch-Mode", "same-origin")]
    public async Task Locked_out_user_calling_from_script_gets_401_with_a_local_step_up_url(string header, string value)
    {
        await using var host = await WebAppHost.StartAsync();
        await host.SignInAsync(Password);

        using var response = await host.PostFormAsync(WebAppHost.ApprovePath, r =>
        {
            r.Headers.TryAddWithoutValidation(header, value);
            r.Headers.Referrer = new Uri("https://app.test/invoices/42");
        });

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.Location.Should().BeNull();
        var problem = await TestApi.ProblemAsync(response);
        problem.GetProperty("type").GetString().Should().Be(ProblemTypes.StepUpRequired);
        var stepUpUrl = problem.GetProperty("stepUpUrl").GetString()!;
        stepUpUrl.Should().StartWith("/protected-actions/step-up?");
        var query = QueryHelpers.ParseQuery(new Uri(new Uri("https://app.test"), stepUpUrl).Query);
        query["context"].ToString().Should().Be("c1");
        query["returnUrl"].ToString().Should().Be("/invoices/42");
        query.Should().NotContainKey("maxAge");
        TestApi.WwwAuthenticate(response).Should().ContainSingle().Which.Should().Contain("insufficient_claims");

        using var navigation = await host.GetAsync(stepUpUrl);
        navigation.StatusCode.Should().Be(HttpStatusCode.Redirect);
        WebAppHost.AuthorizeQuery(navigation)["claims"].Should().Contain("\"value\":\"c1\"");
        host.ReturnUrlOf(navigation).Should().Be("/invoices/42");
    }

    [Test]
    public async Task The_step_up_url_carries_the_failing_max_age()
    {
        await using var host = await WebAppHost.StartAsync();
        await host.SignInAsync(Fido, age: TimeSpan.FromHours(3));

        using var response = await host.GetAsync(WebAppHost.ApprovePath, r => r.Headers.TryAddWithoutValidation("Accept", "application/json"));

        var stepUpUrl = (await TestApi.ProblemAsync(response)).GetProperty("stepUpUrl").GetString()!;
        stepUpUrl.Should().Be("/protected-actions/step-up?context=c1&returnUrl=%2F&maxAge=3600");
        using var navigation = await host.GetAsync(stepUpUrl);
        WebAppHost.AuthorizeQuery(navigation)["max_age"].Should().Be("3600");
    }

    [Test]
    public async Task A_browser_navigation_with_html_in_accept_is_redirected()
    {
        await using var host = await WebAppHost.StartAsync();
        await host.SignInAsync(Password);

        using var response = await host.GetAsync(WebAppHost.ApprovePath, r =>
        {
            r.Headers.TryAddWithoutValidation("Accept", "text/html,application/xhtml+xml,application/json;q=0.8,*/*;q=0.5");
            r.Headers.TryAddWithoutValidation("Sec-Fetch-Mode", "navigate");
        });

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    [Test]
    public async Task Denied_from_script_stays_403_without_a_step_up_url()
    {
        await using var host = await WebAppHost.StartAsync();
        await host.SignInAsync(Fido, deviceId: TestScenario.NonCompliantDevice);

        using var response = await host.GetAsync(WebAppHost.BankAccountPath, r => r.Headers.TryAddWithoutValidation("X-Requested-With", "XMLHttpRequest"));

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await TestApi.ProblemAsync(response)).TryGetProperty("stepUpUrl", out _).Should().BeFalse();
    }

    [Test]
    public async Task A_request_with_an_authorization_header_is_an_api_call_and_gets_the_api_answer()
    {
        await using var host = await WebAppHost.StartAsync();
        await host.SignInAsync(Password);

        using var response = await host.GetAsync(WebAppHost.ApprovePath, r => r.Headers.TryAddWithoutValidation("Authorization", "Bearer x"));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.Location.Should().BeNull();
        (await TestApi.ProblemAsync(response)).TryGetProperty("stepUpUrl", out _).Should().BeFalse();
    }

    [Test]
    public void Can_follow_redirect_rules()
    {
        static bool Follows(params (string Name, string Value)[] headers)
        {
            var context = new DefaultHttpContext();
            foreach (var (name, value) in headers)
            {
                context.Request.Headers.Append(name, value);
            }

            return WebAppStepUpResponder.CanFollowRedirect(context.Request);
        }

        Follows().Should().BeTrue("a plain request (curl, a link) is a navigation");
        Follows(("Accept", "*/*")).Should().BeTrue();
        Follows(("Accept", "text/html")).Should().BeTrue();
        Follows(("Accept", "application/json")).Should().BeFalse();
        Follows(("Accept", "text/html"), ("X-Requested-With", "XMLHttpRequest")).Should().BeFalse();
        Follows(("Sec-Fetch-Mode", "navigate")).Should().BeTrue();
        Follows(("Sec-Fetch-Mode", "NAVIGATE")).Should().BeTrue();
        Follows(("Sec-Fetch-Mode", "no-cors")).Should().BeFalse();
        Follows(("Sec-Fetch-Mode", "navigate"), ("Sec-Fetch-Mode", "cors")).Should().BeFalse();
    }
}
