using System.Net;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Identity.Web;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using ProtectedActions.AspNetCore.Tests.Infrastructure;

namespace ProtectedActions.AspNetCore.Tests.Hosting;

/// <summary>
/// Beside Microsoft.Identity.Web's AddMicrosoftIdentityWebApi: Entra-shaped tokens signed locally, the
/// authority's metadata replaced by a static configuration holding the local key (no network).
/// </summary>
public sealed class MicrosoftIdentityWebTests
{
    private const string ClientId = "3c7f2b1e-5a4d-4e8f-9b0a-1d2c3e4f5a6b";
    private static readonly string EntraIssuer = $"https://login.microsoftonline.com/{TestTokens.TenantId}/v2.0";

    private static Task<TestApi> StartAsync() => TestApi.StartAsync(
        app => app.MapPost("/policies", () => "created").RequireProtectedAction(KnownPermissions.ConditionalAccessPoliciesCreate),
        configure: o =>
        {
            o.ProtectedActions.Add(new ProtectedActionAssignment { Permission = KnownPermissions.ConditionalAccessPoliciesCreate, AuthenticationContextId = "c1" });
            o.Settings.TrustedIssuers.Add(EntraIssuer);
        },
        services: b =>
        {
            b.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["AzureAd:Instance"] = "https://login.microsoftonline.com/",
                ["AzureAd:TenantId"] = TestTokens.TenantId,
                ["AzureAd:ClientId"] = ClientId,
            });
            b.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddMicrosoftIdentityWebApi(b.Configuration.GetSection("AzureAd"));

            // Replace the authority's metadata (and Microsoft.Identity.Web's issuer validator, which fetches it)
            // with a static configuration holding the local signing key.
            b.Services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, o =>
            {
                var configuration = new OpenIdConnectConfiguration { Issuer = EntraIssuer };
                configuration.SigningKeys.Add(TestTokens.Key);
                o.Configuration = configuration;
                o.ConfigurationManager = new StaticConfigurationManager<OpenIdConnectConfiguration>(configuration);
                o.TokenValidationParameters.IssuerValidator = null;
                o.TokenValidationParameters.ValidIssuer = EntraIssuer;
                o.TokenValidationParameters.IssuerSigningKey = TestTokens.Key;
            });
        },
        addJwtBearer: false);

    private static string Token(string[] amr, string[]? capabilities = null, string[]? acrs = null) =>
        TestTokens.Create(amr: amr, clientCapabilities: capabilities, acrs: acrs, issuer: EntraIssuer, audience: ClientId,
            extra: new Dictionary<string, object> { ["ver"] = "2.0" }); // v2.0 tokens carry the client id as audience

    [Test]
    public async Task Password_sign_in_gets_the_Entra_claims_challenge_that_MSAL_reads()
    {
        await using var api = await StartAsync();
        var response = await api.SendAsync(HttpMethod.Post, "/policies", Token(["pwd"], ["cp1"]));
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        Microsoft.Identity.Client.WwwAuthenticateParameters.GetClaimChallengeFromResponseHeaders(response.Headers)
            .Should().Be("{\"access_token\":{\"acrs\":{\"essential\":true,\"value\":\"c1\"}}}");
    }

    [Test]
    public async Task Stepped_up_token_with_acrs_is_allowed()
    {
        await using var api = await StartAsync();
        var response = await api.SendAsync(HttpMethod.Post, "/policies", Token(["pwd", "mfa"], ["cp1"], ["c1"]));
        response.StatusCode.Should().Be(HttpStatusCode.OK, string.Join(" | ", TestApi.WwwAuthenticate(response)));
        api.Evaluator.Requests.Single().SignIn.Issuer.Should().Be(EntraIssuer);
    }

    [Test]
    public async Task Anonymous_caller_gets_the_ordinary_challenge()
    {
        await using var api = await StartAsync();
        var response = await api.SendAsync(HttpMethod.Post, "/policies");
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        TestApi.WwwAuthenticate(response).Should().Equal("Bearer");
    }
}
