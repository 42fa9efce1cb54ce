using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ProtectedActions.AspNetCore.Tests.WebApps;

/// <summary>
/// <c>MapProtectedActionsStepUp()</c>: validates the context, the return URL (local only) and the max age, then
/// starts the same challenge; and the return-URL rules themselves.
/// </summary>
public sealed class StepUpEndpointTests
{
    private static readonly string[] Password = ["pwd"];

    [Test]
    public async Task Locked_out_user_navigating_to_the_step_up_url_is_challenged_for_the_context_and_returns_to_the_page()
    {
        await using var host = await WebAppHost.StartAsync();
        await host.SignInAsync(Password);

        using var response = await host.GetAsync("/protected-actions/step-up?context=c1&returnUrl=%2Finvoices%2F42%3Ftab%3Da");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var query = WebAppHost.AuthorizeQuery(response);
        query["claims"].Should().Be("{\"id_token\":{\"acrs\":{\"essential\":true,\"value\":\"c1\"}}}");
        query["login_hint"].Should().Be(WebAppHost.UserName);
        host.ReturnUrlOf(response).Should().Be("/invoices/42?tab=a");
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
    }

    [Test]
    public async Task Without_a_return_url_the_fallback_is_used_and_the_context_is_matched_case_insensitively()
    {
        await using var host = await WebAppHost.StartAsync();

        using var response = await host.GetAsync("/protected-actions/step-up?context=C1");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        WebAppHost.AuthorizeQuery(response)["claims"].Should().Contain("\"value\":\"c1\"");
        WebAppHost.AuthorizeQuery(response).Should().NotContainKey("login_hint", "an anonymous caller has no hint");
        host.ReturnUrlOf(response).Should().Be("/");
    }

    [Test]
    public async Task Rfc9470_format_uses_the_configured_acr_values_and_max_age_zero_prompts_for_login()
    {
        await using var host = await WebAppHost.StartAsync(o =>
        {
            o.Settings.ChallengeFormat = ChallengeFormat.Rfc9470;
            o.Settings.AcrValues["c1"] = "urn:contoso:acr:c1";
        });

        using var response = await host.GetAsync("/protected-actions/step-up?context=c1&returnUrl=/a&maxAge=0");

        var query = WebAppHost.AuthorizeQuery(response);
        query["acr_values"].Should().Be("urn:contoso:acr:c1");
        query["max_age"].Should().Be("0");
        query["prompt"].Should().Be("login");
        query.Should().NotContainKey("claims");
    }

    [TestCase("//evil.test/")]
    [TestCase("/\\evil.test/")]
    [TestCase("https://evil.test/")]
    [TestCase("http:evil.test")]
    [TestCase("evil.test")]
    [TestCase("/\t/evil.test")]
    [TestCase("/%0d%0aSet-Cookie:x=1")]
    [TestCase("/path\nLocation: https://evil.test")]
    [TestCase("javascript:alert(1)")]
    [TestCase("/ok/../\\\\evil.test")]
    [TestCase("/ünïcode")]
    [TestCase("")]
    public async Task Attacker_cannot_use_the_step_up_endpoint_as_an_open_redirect(string returnUrl)
    {
        await using var host = await WebAppHost.StartAsync();

        using var response = await host.GetAsync("/protected-actions/step-up?context=c1&returnUrl=" + Uri.EscapeDataString(returnUrl));

        if (returnUrl == "/%0d%0aSet-Cookie:x=1")
        {
            // Percent-encoded in the return URL itself: a harmless local path, kept encoded.
            response.StatusCode.Should().Be(HttpStatusCode.Redirect);
            host.ReturnUrlOf(response).Should().Be(returnUrl);
            return;
        }

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Headers.Location.Should().BeNull();
    }

    [Test]
    public async Task Attacker_cannot_pass_two_return_urls()
    {
        await using var host = await WebAppHost.StartAsync();

        using var response = await host.GetAsync("/protected-actions/step-up?context=c1&returnUrl=/a&returnUrl=//evil.test");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [TestCase("context=c9")]
    [TestCase("context=c0")]
    [TestCase("context=x1")]
    [TestCase("context=c1&context=c2")]
    [TestCase("returnUrl=/a")]
    [TestCase("context=c1&maxAge=-1")]
    [TestCase("context=c1&maxAge=1e3")]
    [TestCase("context=c1&maxAge=99999999999")]
    [TestCase("context=c1&maxAge=31536001")]
    public async Task Unknown_contexts_and_bad_parameters_are_refused_with_400(string query)
    {
        await using var host = await WebAppHost.StartAsync();

        using var response = await host.GetAsync("/protected-actions/step-up?" + query);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Headers.Location.Should().BeNull();
    }

    [Test]
    public async Task The_step_up_path_is_configurable_and_the_step_up_url_follows_it()
    {
        await using var host = await WebAppHost.StartAsync(services: b =>
            b.Services.Configure<ProtectedActionsWebAppOptions>(o => o.StepUpPath = "/account/step-up"));
        await host.SignInAsync(Password);

        using var xhr = await host.GetAsync(WebAppHost.ApprovePath, r => r.Headers.TryAddWithoutValidation("X-Requested-With", "XMLHttpRequest"));
        var stepUpUrl = (await Infrastructure.TestApi.ProblemAsync(xhr)).GetProperty("stepUpUrl").GetString()!;

        stepUpUrl.Should().StartWith("/account/step-up?context=c1&");
        using var navigation = await host.GetAsync(stepUpUrl);
        navigation.StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    [TestCase("//evil.test")]
    [TestCase("https://evil.test/")]
    [TestCase("")]
    public void A_non_local_fallback_return_path_fails_start_up(string fallback)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddProtectedActions(Infrastructure.TestScenario.Configure).AddAspNetCore();
        services.Configure<ProtectedActionsWebAppOptions>(o => o.FallbackReturnPath = fallback);
        using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<IOptions<ProtectedActionsWebAppOptions>>().Value;

        act.Should().Throw<OptionsValidationException>().WithMessage("*FallbackReturnPath*local*");
    }

    [Test]
    public async Task A_step_up_path_with_a_query_fails_start_up()
    {
        var act = async () => await WebAppHost.StartAsync(services: b =>
            b.Services.Configure<ProtectedActionsWebAppOptions>(o => o.StepUpPath = "/step-up?x=1"));

        await act.Should().ThrowAsync<OptionsValidationException>().WithMessage("*StepUpPath*");
    }

    [TestCase("/", true)]
    [TestCase("/a/b?c=d&e=%2F%2F", true)]
    [TestCase("/a#frag", true)]
    [TestCase("//evil.test", false)]
    [TestCase("/\\evil.test", false)]
    [TestCase("/a\\b", false)]
    [TestCase("\\\\evil.test", false)]
    [TestCase("https://app.test/a", false)]
    [TestCase("a/b", false)]
    [TestCase("/a b", false)]
    [TestCase("/a\tb", false)]
    [TestCase("/a\u007fb", false)]
    [TestCase("/a\u0000", false)]
    [TestCase("/\uff0f\uff0fevil.test", false)]
    [TestCase("", false)]
    [TestCase(null, false)]
    public void Local_url_rule(string? url, bool local)
    {
        LocalReturnUrl.IsLocal(url).Should().Be(local);
    }

    [Test]
    public void Property_no_string_that_passes_the_local_rule_leaves_the_site()
    {
        var random = new Random(20261202);
        const string alphabet = "/\\:.?#@%aZ09 \t\r\n\u007f\u00a0\uff0f-_~";
        for (var i = 0; i < 20_000; i++)
        {
            var chars = new char[random.Next(1, 12)];
            for (var j = 0; j < chars.Length; j++)
            {
                chars[j] = alphabet[random.Next(alphabet.Length)];
            }

            var candidate = new string(chars);
            if (!LocalReturnUrl.IsLocal(candidate))
            {
                continue;
            }

            // What a browser does with it: resolved against the site, it stays on the site.
            var resolved = new Uri(new Uri("https://app.test/base/page"), candidate);
            resolved.Host.Should().Be("app.test", $"'{candidate}' passed the local rule");
            resolved.Scheme.Should().Be("https");
        }
    }

    [Test]
    public void Return_url_for_a_get_is_the_request_itself_including_the_path_base()
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "GET";
        context.Request.PathBase = "/app";
        context.Request.Path = "/invoices/ä";
        context.Request.QueryString = new QueryString("?q=1");

        LocalReturnUrl.ForRequest(context, "/fallback").Should().Be("/app/invoices/%C3%A4?q=1");
    }

    [Test]
    public async Task Mapping_uses_the_configured_path_and_the_endpoint_does_not_authorize_anything_by_itself()
    {
        await using var host = await WebAppHost.StartAsync(map: app => app.MapGet("/probe", () => "probe"));
        using var response = await host.GetAsync("/protected-actions/step-up?context=c2&returnUrl=/probe");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect, "it only starts a sign-in");
        WebAppHost.AuthorizeQuery(response)["claims"].Should().Contain("\"value\":\"c2\"");
    }
}
