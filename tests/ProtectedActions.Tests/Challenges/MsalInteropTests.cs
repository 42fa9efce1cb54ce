using System.Net;
using Microsoft.Identity.Client;
using ProtectedActions.Challenges;
using ProtectedActions.Validation;

namespace ProtectedActions.Tests.Challenges;

/// <summary>MSAL.NET must read exactly the claims request the library put in every Entra challenge.</summary>
public class MsalInteropTests
{
    private static readonly string[] Contexts = Enumerable.Range(1, 99).Select(i => "c" + i).ToArray();

    [TestCase(ChallengeFormat.Entra, null)]
    [TestCase(ChallengeFormat.Both, null)]
    [TestCase(ChallengeFormat.Both, 3600)]
    [TestCase(ChallengeFormat.Entra, 300)]
    public void Msal_returns_exactly_the_claims_json_for_every_context(ChallengeFormat format, int? maxAge)
    {
        var builder = ChallengeBuilder.Create(new ProtectedActionsSettings { ChallengeFormat = format }, Contexts, "p", new IssueCollector());
        foreach (var id in Contexts)
        {
            var challenge = builder.Get(id, maxAge);
            using var response = Respond(challenge);

            WwwAuthenticateParameters.GetClaimChallengeFromResponseHeaders(response.Headers)
                .Should().Be(challenge.Claims, $"context {id}").And.Be($"{{\"access_token\":{{\"acrs\":{{\"essential\":true,\"value\":\"{id}\"}}}}}}");
        }
    }

    [TestCase("https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/oauth2/v2.0/authorize", "")]
    [TestCase("https://login.microsoftonline.us/contoso.onmicrosoft.us/oauth2/authorize", "contoso")]
    public void Msal_reads_tenant_specific_challenges(string authorizationUri, string realm)
    {
        var builder = ChallengeBuilder.Create(
            new ProtectedActionsSettings { ChallengeFormat = ChallengeFormat.Both, AuthorizationUri = authorizationUri, Realm = realm },
            ["c5"], "p", new IssueCollector());
        var challenge = builder.Get("c5", null);
        using var response = Respond(challenge);

        WwwAuthenticateParameters.GetClaimChallengeFromResponseHeaders(response.Headers).Should().Be(challenge.Claims);
        var parameters = WwwAuthenticateParameters.CreateFromAuthenticationHeaders(response.Headers, "Bearer");
        parameters["authorization_uri"].Should().Be(authorizationUri);
        parameters.Error.Should().Be("insufficient_claims");
    }

    [Test]
    public void Msal_finds_no_claims_in_an_rfc9470_only_challenge()
    {
        var builder = ChallengeBuilder.Create(new ProtectedActionsSettings { ChallengeFormat = ChallengeFormat.Rfc9470 }, ["c1"], "p", new IssueCollector());
        using var response = Respond(builder.Get("c1", 60));
        WwwAuthenticateParameters.GetClaimChallengeFromResponseHeaders(response.Headers).Should().BeNull();
    }

    private static HttpResponseMessage Respond(StepUpChallenge challenge)
    {
        var response = new HttpResponseMessage(HttpStatusCode.Unauthorized);
        foreach (var value in challenge.WwwAuthenticate)
        {
            // Parsed (not TryAddWithoutValidation): the values must be valid for HttpClient's own header grammar.
            response.Headers.WwwAuthenticate.Add(System.Net.Http.Headers.AuthenticationHeaderValue.Parse(value));
        }

        return response;
    }
}
