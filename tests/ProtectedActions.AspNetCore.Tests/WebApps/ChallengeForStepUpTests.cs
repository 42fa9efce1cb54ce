using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ProtectedActions.AspNetCore.Tests.WebApps;

/// <summary>
/// <c>HttpContext.ChallengeForStepUpAsync(StepUpRequiredException)</c>: an API's step-up requirement (from the
/// client handler) becomes the web app's OpenID Connect challenge.
/// </summary>
public sealed class ChallengeForStepUpTests
{
    private const string ApiClaims = "{\"access_token\":{\"acrs\":{\"essential\":true,\"value\":\"c1\"}}}";

    private static StepUpRequiredException ApiException(params string[] headers) =>
        new(StepUpRequirement.FromWwwAuthenticate(headers)!);

    private static string Base64(string text) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(text));

    [Test]
    public async Task Locked_out_user_whose_api_call_needs_a_step_up_is_sent_to_the_provider_with_the_apis_claims_request()
    {
        var exception = ApiException($"Bearer realm=\"\", error=\"insufficient_claims\", claims=\"{Base64(ApiClaims)}\"");
        await using var host = await WebAppHost.StartAsync(map: app =>
            app.MapGet("/call-api", (HttpContext c) => c.ChallengeForStepUpAsync(exception)));
        await host.SignInAsync(["pwd"]);

        using var response = await host.GetAsync("/call-api?x=1");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var query = WebAppHost.AuthorizeQuery(response);
        query["claims"].Should().Be(ApiClaims);
        query["login_hint"].Should().Be(WebAppHost.UserName);
        host.ReturnUrlOf(response).Should().Be("/call-api?x=1");
    }

    [Test]
    public async Task Rfc9470_requirement_becomes_acr_values_and_max_age()
    {
        var exception = ApiException("Bearer error=\"insufficient_user_authentication\", acr_values=\"urn:a urn:b\", max_age=0");
        await using var host = await WebAppHost.StartAsync(map: app =>
            app.MapPost("/call-api", (HttpContext c) => c.ChallengeForStepUpAsync(exception, "/invoices")).DisableAntiforgery());

        using var response = await host.PostFormAsync("/call-api");

        var query = WebAppHost.AuthorizeQuery(response);
        query["acr_values"].Should().Be("urn:a urn:b");
        query["max_age"].Should().Be("0");
        query["prompt"].Should().Be("login");
        query.Should().NotContainKey("claims");
        host.ReturnUrlOf(response).Should().Be("/invoices");
    }

    [Test]
    public async Task Attacker_cannot_choose_a_non_local_return_url()
    {
        var exception = ApiException($"Bearer error=\"insufficient_claims\", claims=\"{Base64(ApiClaims)}\"");
        await using var host = await WebAppHost.StartAsync(map: app =>
            app.MapGet("/call-api", async (HttpContext c) =>
            {
                try
                {
                    await c.ChallengeForStepUpAsync(exception, "//evil.test/");
                }
                catch (ArgumentException)
                {
                    c.Response.StatusCode = 418;
                }
            }));

        using var response = await host.GetAsync("/call-api");

        response.StatusCode.Should().Be((HttpStatusCode)418);
    }
}
