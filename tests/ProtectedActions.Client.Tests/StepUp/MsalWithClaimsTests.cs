using System.Net;
using System.Text;
using Microsoft.Identity.Client;

namespace ProtectedActions.Client.Tests.StepUp;

/// <summary>
/// The retry handler with MSAL: the token callback calls <c>WithClaims(requirement.Claims)</c>, and MSAL sends
/// the API's claims request to the token endpoint (an in-memory fake: no network).
/// </summary>
public sealed class MsalWithClaimsTests
{
    [Test]
    public async Task Locked_out_user_the_callback_passes_the_challenges_claims_to_msal_and_retries_with_its_token()
    {
        var identityProvider = new FakeIdentityProvider();
        var msal = ConfidentialClientApplicationBuilder.Create("11111111-1111-1111-1111-111111111111")
            .WithClientSecret("test-secret")
            .WithAuthority("https://login.microsoftonline.com/contoso.onmicrosoft.com")
            .WithInstanceDiscovery(false)
            .WithHttpClientFactory(new FakeHttpClientFactory(identityProvider))
            .Build();
        var api = new FakeApi().Respond(HttpStatusCode.Unauthorized, FakeApi.EntraChallenge).Respond(HttpStatusCode.OK);
        using var client = new HttpClient(new StepUpRetryHandler(async (requirement, cancellationToken) =>
        {
            var result = await msal.AcquireTokenForClient(["api://invoices/.default"])
                .WithClaims(requirement.Claims)
                .ExecuteAsync(cancellationToken);
            return result.AccessToken;
        }, api)) { BaseAddress = new Uri("https://api.test/") };

        using var response = await client.PostAsync("invoices/7/approve", new StringContent("{}", Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var tokenRequest = identityProvider.TokenRequests.Should().ContainSingle().Subject;
        tokenRequest.Should().Contain("claims=" + Uri.EscapeDataString(FakeApi.Claims).Replace("%20", "+", StringComparison.Ordinal));
        api.Received[1].Authorization.Should().Be("Bearer stepped-up-token");
    }

    private sealed class FakeHttpClientFactory(HttpMessageHandler handler) : IMsalHttpClientFactory
    {
        public HttpClient GetHttpClient() => new(handler, disposeHandler: false);
    }

    private sealed class FakeIdentityProvider : HttpMessageHandler
    {
        public List<string> TokenRequests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri!.AbsolutePath;
            if (path.EndsWith("/oauth2/v2.0/token", StringComparison.Ordinal))
            {
                TokenRequests.Add(await request.Content!.ReadAsStringAsync(cancellationToken));
                return Json("{\"token_type\":\"Bearer\",\"expires_in\":3600,\"ext_expires_in\":3600,\"access_token\":\"stepped-up-token\"}");
            }

            if (path.EndsWith("/openid-configuration", StringComparison.Ordinal))
            {
                const string tenant = "https://login.microsoftonline.com/contoso.onmicrosoft.com";
                return Json($"{{\"token_endpoint\":\"{tenant}/oauth2/v2.0/token\",\"authorization_endpoint\":\"{tenant}/oauth2/v2.0/authorize\",\"issuer\":\"{tenant}/v2.0\"}}");
            }

            return new HttpResponseMessage(HttpStatusCode.NotFound) { RequestMessage = request };
        }

        private static HttpResponseMessage Json(string json) => new(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
    }
}
