using System.Net;
using ProtectedActions.AspNetCore.Tests.Endpoints;
using ProtectedActions.AspNetCore.Tests.Infrastructure;

namespace ProtectedActions.AspNetCore.Tests.Mutation;

/// <summary>
/// The exact <c>WWW-Authenticate</c> text an API sends with the real evaluator, for each format and with the
/// challenge settings changed (realm, authorization URI, error description, acr values), and settings that could
/// not be sent safely refusing start-up instead of reaching a header.
/// </summary>
public sealed class ResultHandlerChallengeTextTests
{
    // {"access_token":{"acrs":{"essential":true,"value":"c1"}}}, standard base64 with padding.
    private const string ClaimsC1 = "eyJhY2Nlc3NfdG9rZW4iOnsiYWNycyI6eyJlc3NlbnRpYWwiOnRydWUsInZhbHVlIjoiYzEifX19";

    private static async Task<HttpResponseMessage> StepUpAsync(Action<ProtectedActionsOptions> configure, string? token = null)
    {
        await using var api = await TestApi.StartAsync(EndpointTests.Map, configure);
        return await api.SendAsync(HttpMethod.Post, "/things", token ?? TestTokens.Password("cp1"));
    }

    [Test]
    public async Task Entra_challenge_carries_the_configured_realm_and_authorization_uri()
    {
        var response = await StepUpAsync(o =>
        {
            o.Settings.Realm = "contoso api";
            o.Settings.AuthorizationUri = "https://login.contoso.test/tenant/oauth2/authorize";
        });

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        TestApi.WwwAuthenticate(response).Should().Equal(
            "Bearer realm=\"contoso api\", authorization_uri=\"https://login.contoso.test/tenant/oauth2/authorize\", error=\"insufficient_claims\", claims=\"" + ClaimsC1 + "\"");
    }

    [Test]
    public async Task Rfc9470_challenge_carries_the_configured_error_description_and_acr_values()
    {
        var response = await StepUpAsync(o =>
        {
            o.Settings.ChallengeFormat = ChallengeFormat.Rfc9470;
            o.Settings.ErrorDescription = "Sign in again with a passkey, please (it's quick)";
            o.Settings.AcrValues["c1"] = "urn:contoso:acr:phr c1";
        });

        TestApi.WwwAuthenticate(response).Should().Equal(
            "Bearer error=\"insufficient_user_authentication\", error_description=\"Sign in again with a passkey, please (it's quick)\", acr_values=\"urn:contoso:acr:phr c1\"");
    }

    [Test]
    public async Task Both_formats_for_an_old_sign_in_send_Entra_unchanged_and_RFC_9470_with_max_age()
    {
        var token = TestTokens.Create(amr: ["fido"], clientCapabilities: ["cp1"], authenticationAge: TimeSpan.FromHours(2));
        var response = await StepUpAsync(o => o.Settings.ChallengeFormat = ChallengeFormat.Both, token);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        TestApi.WwwAuthenticate(response).Should().Equal(
            "Bearer realm=\"\", authorization_uri=\"https://login.microsoftonline.com/common/oauth2/authorize\", error=\"insufficient_claims\", claims=\"" + ClaimsC1 + "\"",
            "Bearer error=\"insufficient_user_authentication\", error_description=\"A different authentication level is required\", acr_values=\"c1\", max_age=\"3600\"");
    }

    [TestCase("say \"hi\"")]
    [TestCase("back\\slash")]
    [TestCase("line\r\nSet-Cookie: session=attacker")]
    [TestCase("caf\u00e9")]
    [TestCase("")]
    public async Task Attacker_cannot_reach_a_header_through_the_error_description(string description)
    {
        // Quotes and backslashes are outside RFC 6750's error text, CR/LF and non-ASCII outside any header:
        // start-up is refused (PA4012) instead of any request being answered with them.
        var act = async () => await StepUpAsync(o =>
        {
            o.Settings.ChallengeFormat = ChallengeFormat.Rfc9470;
            o.Settings.ErrorDescription = description;
        });

        (await act.Should().ThrowAsync<Exception>()).Which.ToString().Should().Contain("PA4012");
    }

    [Test]
    public async Task Attacker_cannot_reach_a_header_through_the_realm()
    {
        var act = async () => await StepUpAsync(o => o.Settings.Realm = "x\"\r\nSet-Cookie: session=attacker");

        (await act.Should().ThrowAsync<Exception>()).Which.ToString().Should().Contain("PA4011");
    }

    [Test]
    public async Task Attacker_cannot_reach_a_header_through_the_authorization_uri()
    {
        var act = async () => await StepUpAsync(o => o.Settings.AuthorizationUri = "https://login.contoso.test/\"\r\nSet-Cookie: session=attacker");

        (await act.Should().ThrowAsync<Exception>()).Which.ToString().Should().Contain("PA4010");
    }

    [Test]
    public async Task Locked_out_user_without_cp1_is_told_why_no_challenge_is_sent_in_every_format()
    {
        foreach (var format in new[] { ChallengeFormat.Entra, ChallengeFormat.Rfc9470, ChallengeFormat.Both })
        {
            var response = await StepUpAsync(o =>
            {
                o.Settings.ChallengeFormat = format;
                o.Settings.RequireClientCapability = true;
            }, TestTokens.Password());

            response.StatusCode.Should().Be(HttpStatusCode.Forbidden, format.ToString());
            TestApi.WwwAuthenticate(response).Should().BeEmpty(format.ToString());
            (await TestApi.ProblemAsync(response)).GetProperty("type").GetString().Should().Be(ProblemTypes.ClientNotCapable, format.ToString());
        }
    }
}
