using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.IdentityModel.JsonWebTokens;
using ProtectedActions.Samples.IdentityProvider;
using ProtectedActions.Samples.WebApi.Api;
using ProtectedActions.Samples.WebApi.Configuration;
using ProtectedActions.Samples.WebApi.Identity;

namespace ProtectedActions.AspNetCore.Tests.Samples;

/// <summary>The sample's seed scenario, its development identity provider and its API, on Kestrel at 127.0.0.1.</summary>
[NonParallelizable]
public sealed class SampleScenarioTests
{
    private const string C1Essential = "{\"access_token\":{\"acrs\":{\"essential\":true,\"value\":\"c1\"}}}";
    private DevelopmentIdentityProvider _provider = null!;
    private WebApplication _api = null!;
    private HttpClient _http = null!;
    private string _apiAddress = "";

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _provider = await SampleIdentityProvider.StartAsync();
        _api = SampleApi.Build(_provider.Issuer);
        await _api.StartAsync();
        _apiAddress = SampleApi.AddressOf(_api);
        _http = new HttpClient(new SocketsHttpHandler { UseProxy = false });
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _http.Dispose();
        await _api.DisposeAsync();
        await _provider.DisposeAsync();
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
        new Uri(_provider.Issuer).Host.Should().Be("127.0.0.1");
        new Uri(_apiAddress).Host.Should().Be("127.0.0.1");
    }

    [Test]
    public async Task Discovery_and_JWKS_describe_the_provider_and_its_public_key_only()
    {
        using var discovery = JsonDocument.Parse(await _http.GetStringAsync(_provider.Address + "/.well-known/openid-configuration"));
        discovery.RootElement.GetProperty("issuer").GetString().Should().Be(_provider.Issuer);
        discovery.RootElement.GetProperty("claims_parameter_supported").GetBoolean().Should().BeTrue();
        discovery.RootElement.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(e => e.GetString()).Should().Contain("S256");
        var jwksUri = discovery.RootElement.GetProperty("jwks_uri").GetString()!;
        using var jwks = JsonDocument.Parse(await _http.GetStringAsync(jwksUri));
        var keys = jwks.RootElement.GetProperty("keys").EnumerateArray().ToList();
        keys.Should().NotBeEmpty();
        keys.Where(k => k.TryGetProperty("d", out var _)).Should().BeEmpty("only public keys are published");
    }

    [TestCase("alice", SignInMethods.Password, false)]
    [TestCase("alice", SignInMethods.PasswordAndMfa, false)]
    [TestCase("alice", SignInMethods.Fido2, true)]
    [TestCase("breakglass", SignInMethods.Password, true)] // excluded from every policy: no policy applies, so the context is issued
    public async Task Provider_grants_c1_only_when_the_policies_are_satisfied(string user, string method, bool granted)
    {
        using var client = new IdentityProviderClient(_provider);
        var result = await client.SignInAsync(new IdentityProviderSignIn { UserName = user, Method = method, Claims = C1Essential });

        if (granted)
        {
            result.Error.Should().BeNull();
            new JsonWebToken(result.AccessToken).Claims.Where(c => c.Type == "acrs").Select(c => c.Value).Should().Equal("c1");
            new JsonWebToken(result.IdToken).Claims.Where(c => c.Type == "acrs").Select(c => c.Value).Should().Equal("c1");
        }
        else
        {
            result.AccessToken.Should().BeNull();
            result.Error.Should().Be("step_up_not_satisfied", "the login page asks again rather than issuing a token without c1");
        }
    }

    [Test]
    public async Task Provider_honours_max_age_with_a_fresh_authentication_and_acr_values()
    {
        using var client = new IdentityProviderClient(_provider);
        var old = await client.SignInAsync(new IdentityProviderSignIn { UserName = "alice", Method = SignInMethods.Fido2, SessionAgeSeconds = 7200 });
        new JsonWebToken(old.AccessToken).GetPayloadValue<long>("auth_time").Should().BeCloseTo(DateTimeOffset.UtcNow.AddHours(-2).ToUnixTimeSeconds(), 60);

        var fresh = await client.SignInAsync(new IdentityProviderSignIn { UserName = "alice", Method = SignInMethods.Fido2, MaxAge = 3600, AcrValues = "c1" });
        fresh.LoginPagesShown.Should().Be(1, "the session is older than max_age");
        var jwt = new JsonWebToken(fresh.AccessToken);
        jwt.GetPayloadValue<long>("auth_time").Should().BeCloseTo(DateTimeOffset.UtcNow.ToUnixTimeSeconds(), 60);
        jwt.GetPayloadValue<string>("acr").Should().Be("c1");
    }

    [TestCase("{not-json", "invalid_request")]
    [TestCase("{\"access_token\":{\"acrs\":{\"essential\":true,\"value\":\"c9\"}}}", "invalid_request")]
    [TestCase("[1]", "invalid_request")]
    public async Task Attacker_malformed_or_unknown_claims_requests_get_an_error_not_a_token(string claims, string error)
    {
        using var client = new IdentityProviderClient(_provider);
        var result = await client.SignInAsync(new IdentityProviderSignIn { UserName = "alice", Method = SignInMethods.Fido2, Claims = claims });
        result.AccessToken.Should().BeNull();
        result.Error.Should().Be(error);
    }

    [TestCase("bob", SignInMethods.Password, HttpStatusCode.Unauthorized)]
    [TestCase("bob", SignInMethods.PasswordAndMfa, HttpStatusCode.OK)]
    [TestCase("breakglass", SignInMethods.Password, HttpStatusCode.OK)]
    public async Task Invoice_approval_needs_MFA_except_for_the_emergency_account(string user, string method, HttpStatusCode expected)
    {
        using var client = new IdentityProviderClient(_provider);
        var result = await client.SignInAsync(new IdentityProviderSignIn
        {
            UserName = user, Method = method, Claims = "{\"access_token\":{\"xms_cc\":{\"values\":[\"cp1\"]}}}",
        });
        using var request = new HttpRequestMessage(HttpMethod.Post, _apiAddress + "/api/invoices/1042/approve");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", result.AccessToken);
        using var response = await _http.SendAsync(request);
        response.StatusCode.Should().Be(expected);
        if (expected == HttpStatusCode.Unauthorized)
        {
            Microsoft.Identity.Client.WwwAuthenticateParameters.GetClaimChallengeFromResponseHeaders(response.Headers)
                .Should().Be("{\"access_token\":{\"acrs\":{\"essential\":true,\"value\":\"c3\"}}}");
        }
    }

    [Test]
    public async Task Attacker_token_from_another_provider_is_rejected_by_the_API()
    {
        await using var other = await SampleIdentityProvider.StartAsync();
        using var client = new IdentityProviderClient(other);
        var result = await client.SignInAsync(new IdentityProviderSignIn { UserName = "alice", Method = SignInMethods.Fido2 });
        result.AccessToken.Should().NotBeNull();
        using var request = new HttpRequestMessage(HttpMethod.Get, _apiAddress + "/api/invoices");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", result.AccessToken);
        using var response = await _http.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }
}
