using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.IdentityModel.JsonWebTokens;
using ProtectedActions.Samples.WebApi.Api;
using ProtectedActions.Samples.WebApi.Configuration;
using ProtectedActions.Samples.WebApi.Issuer;

namespace ProtectedActions.AspNetCore.Tests.Samples;

/// <summary>The sample's seed scenario, its development issuer and its API, on Kestrel at 127.0.0.1.</summary>
[NonParallelizable]
public sealed class SampleScenarioTests
{
    private DevelopmentIssuer _issuer = null!;
    private WebApplication _api = null!;
    private HttpClient _http = null!;
    private string _apiAddress = "";

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _issuer = await DevelopmentIssuer.StartAsync();
        _api = SampleApi.Build(_issuer.Issuer);
        await _api.StartAsync();
        _apiAddress = SampleApi.AddressOf(_api);
        _http = new HttpClient(new SocketsHttpHandler { UseProxy = false });
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _http.Dispose();
        await _api.DisposeAsync();
        await _issuer.DisposeAsync();
    }

    [Test]
    public void Seed_configuration_is_valid_without_lint_warnings()
    {
        var result = ProtectedActionsConfiguration.Validate(SampleConfiguration.LoadOptions());
        result.Issues.Where(i => i.Severity != ConfigurationSeverity.Information).Should().BeEmpty();
    }

    [Test]
    public void Both_servers_listen_on_loopback_only()
    {
        new Uri(_issuer.Issuer).Host.Should().Be("127.0.0.1");
        new Uri(_apiAddress).Host.Should().Be("127.0.0.1");
    }

    [Test]
    public async Task Discovery_and_JWKS_describe_the_signing_key()
    {
        using var discovery = JsonDocument.Parse(await _http.GetStringAsync(_issuer.Issuer + "/.well-known/openid-configuration"));
        discovery.RootElement.GetProperty("issuer").GetString().Should().Be(_issuer.Issuer);
        discovery.RootElement.GetProperty("claims_parameter_supported").GetBoolean().Should().BeTrue();
        var jwksUri = discovery.RootElement.GetProperty("jwks_uri").GetString()!;
        using var jwks = JsonDocument.Parse(await _http.GetStringAsync(jwksUri));
        var key = jwks.RootElement.GetProperty("keys").EnumerateArray().Single();
        key.GetProperty("kid").GetString().Should().Be(_issuer.SigningKey.KeyId);
        key.GetProperty("kty").GetString().Should().Be("RSA");
        key.TryGetProperty("d", out _).Should().BeFalse("only the public key is published");
    }

    [TestCase("alice", "pwd", false)]
    [TestCase("alice", "pwd mfa", false)]
    [TestCase("alice", "fido", true)]
    [TestCase("breakglass", "pwd", true)] // excluded from every policy: no policy applies, so Entra issues the context
    public async Task Issuer_grants_c1_only_when_the_policies_are_satisfied(string user, string amr, bool granted)
    {
        var (token, error, _, contexts) = await _issuer.IssueAsync(new SignInRequest
        {
            UserName = user,
            Amr = amr.Split(' '),
            Claims = "{\"access_token\":{\"acrs\":{\"essential\":true,\"value\":\"c1\"}}}",
        }, IPAddress.Loopback);

        if (granted)
        {
            contexts.Should().Equal("c1");
            new JsonWebToken(token).Claims.Where(c => c.Type == "acrs").Select(c => c.Value).Should().Equal("c1");
        }
        else
        {
            token.Should().BeNull();
            error.Should().Be("interaction_required");
        }
    }

    [Test]
    public async Task Issuer_honours_max_age_with_a_fresh_authentication_and_acr_values_voluntarily()
    {
        var (token, _, _, _) = await _issuer.IssueAsync(new SignInRequest
        {
            UserName = "alice", Amr = ["fido"], SessionAgeSeconds = 7200, MaxAge = 3600, AcrValues = ["c1"],
        }, IPAddress.Loopback);
        var jwt = new JsonWebToken(token);
        jwt.GetPayloadValue<long>("auth_time").Should().BeCloseTo(DateTimeOffset.UtcNow.ToUnixTimeSeconds(), 60);
        jwt.GetPayloadValue<string>("acr").Should().Be("c1");

        var (weak, error, _, _) = await _issuer.IssueAsync(new SignInRequest { UserName = "alice", Amr = ["pwd"], AcrValues = ["c1"] }, IPAddress.Loopback);
        error.Should().BeNull("acr_values are voluntary");
        new JsonWebToken(weak).TryGetPayloadValue<string>("acr", out _).Should().BeFalse();
    }

    [TestCase("username=nobody", "invalid_grant")]
    [TestCase("amr=pwd", "invalid_request")]
    [TestCase("username=alice&amr=p%22wd", "invalid_request")]
    [TestCase("username=alice&max_age=-1", "invalid_request")]
    [TestCase("username=alice&claims=%7Bnot-json", "invalid_request")]
    [TestCase("username=alice&amr=pwd&amr=fido", "invalid_request")]
    public async Task Issuer_rejects_bad_requests(string form, string error)
    {
        using var content = new StringContent(form, new MediaTypeHeaderValue("application/x-www-form-urlencoded"));
        using var response = await _http.PostAsync(_issuer.Issuer + "/token", content);
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        json.RootElement.GetProperty("error").GetString().Should().Be(error);
    }

    [TestCase("bob", "pwd", HttpStatusCode.Unauthorized)]
    [TestCase("bob", "pwd mfa", HttpStatusCode.OK)]
    [TestCase("breakglass", "pwd", HttpStatusCode.OK)]
    public async Task Invoice_approval_needs_MFA_except_for_the_emergency_account(string user, string amr, HttpStatusCode expected)
    {
        var (token, _, _, _) = await _issuer.IssueAsync(new SignInRequest { UserName = user, Amr = amr.Split(' '), ClientCapabilities = ["cp1"] }, IPAddress.Loopback);
        using var request = new HttpRequestMessage(HttpMethod.Post, _apiAddress + "/api/invoices/1042/approve");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _http.SendAsync(request);
        response.StatusCode.Should().Be(expected);
        if (expected == HttpStatusCode.Unauthorized)
        {
            Microsoft.Identity.Client.WwwAuthenticateParameters.GetClaimChallengeFromResponseHeaders(response.Headers)
                .Should().Be("{\"access_token\":{\"acrs\":{\"essential\":true,\"value\":\"c3\"}}}");
        }
    }

    [Test]
    public async Task Token_from_another_issuer_is_rejected_by_the_API()
    {
        await using var other = await DevelopmentIssuer.StartAsync();
        var (token, _, _, _) = await other.IssueAsync(new SignInRequest { UserName = "alice", Amr = ["fido"] }, IPAddress.Loopback);
        using var request = new HttpRequestMessage(HttpMethod.Get, _apiAddress + "/api/invoices");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _http.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }
}
