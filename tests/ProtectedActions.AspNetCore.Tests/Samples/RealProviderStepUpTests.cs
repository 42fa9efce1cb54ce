using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using ProtectedActions.Samples.IdentityProvider;

namespace ProtectedActions.AspNetCore.Tests.Samples;

/// <summary>
/// End to end over HTTP on 127.0.0.1: the embedded OpenIddict provider as a level-of-assurance provider (and as a
/// misconfigured one) in front of an API that trusts it under an <c>openiddict</c> profile. An RFC 9470 client loop
/// follows the API's challenges: 401 acr_values="2" → authorize with acr_values → token acr=2 → 200; a provider that
/// issues acr=1 whatever is asked ends in exactly one 401 and then 403 step-up-unsatisfiable, never a third request.
/// </summary>
[NonParallelizable]
public sealed partial class RealProviderStepUpTests
{
    private const string Permission = "contoso.payroll/payments/approve";
    private const string UserId = "5d6c1a2b-3e4f-4a5b-8c7d-9e0f1a2b3c4d";

    private static string Document(string issuer) => $$"""
        {
          "ProtectedActions": {
            "authenticationContexts": [ { "id": "c1", "displayName": "Approve payments" } ],
            "protectedActions": [ { "permission": "{{Permission}}", "authenticationContextId": "c1" } ],
            "conditionalAccessPolicies": [ {
              "id": "policy-strength", "displayName": "Phishing-resistant MFA", "state": "enabled",
              "conditions": { "applications": { "includeAuthenticationContextClassReferences": [ "c1" ] }, "users": { "includeUsers": [ "All" ] } },
              "grantControls": { "operator": "OR", "authenticationStrength": { "id": "00000000-0000-0000-0000-000000000004" } }
            } ],
            "settings": { "issuers": [ { "issuer": "{{issuer}}", "profile": "openiddict", "acr": { "levels": [ "1", "2" ], "contexts": { "c1": [ "2" ] } } } ] }
          }
        }
        """;

    private sealed class Stack : IAsyncDisposable
    {
        public required DevelopmentIdentityProvider Provider { get; init; }
        public required WebApplication Api { get; init; }
        public required string ApiAddress { get; init; }
        public required FakeTimeProvider ProviderClock { get; init; }
        public HttpClient Http { get; } = new(new SocketsHttpHandler { UseProxy = false });

        public async ValueTask DisposeAsync()
        {
            Http.Dispose();
            await Api.DisposeAsync();
            await Provider.DisposeAsync();
        }
    }

    private static async Task<Stack> StartAsync(IdentityProviderMode mode)
    {
        // The provider's own clock moves a few seconds between sign-ins, so each token is a distinct authentication.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var options = new IdentityProviderOptions { Mode = mode, TimeProvider = clock };
        options.Users.Add(new IdentityProviderUser("alice", UserId, "Alice"));
        var provider = await DevelopmentIdentityProvider.StartAsync(options);

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        builder.Configuration.AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(Document(provider.Issuer))));
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(o =>
        {
            o.Authority = provider.Issuer;
            o.RequireHttpsMetadata = false; // a development provider on loopback
            o.Audience = options.Audience;
            o.MapInboundClaims = false;
        });
        builder.Services.AddProtectedActions(builder.Configuration.GetSection("ProtectedActions")).AddAspNetCore();
        var api = builder.Build();
        api.UseAuthentication();
        api.UseAuthorization();
        api.MapPost("/api/payments", () => "approved").RequireProtectedAction(Permission);
        await api.StartAsync();
        var address = api.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        new Uri(address).Host.Should().Be("127.0.0.1");
        return new Stack { Provider = provider, Api = api, ApiAddress = address, ProviderClock = clock };
    }

    [GeneratedRegex("acr_values=\"([^\"]*)\"")]
    private static partial Regex AcrValues();

    /// <summary>
    /// An RFC 9470 client: sends the request, and on a 401 with insufficient_user_authentication signs in again with
    /// the challenge's acr_values (a fresh sign-in with the stronger method) and retries; stops at any other answer.
    /// </summary>
    private static async Task<(List<HttpResponseMessage> Responses, List<string> Tokens)> FollowAsync(Stack stack, string token)
    {
        var responses = new List<HttpResponseMessage>();
        var tokens = new List<string> { token };
        for (var attempt = 0; attempt < 5; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, stack.ApiAddress + "/api/payments");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var response = await stack.Http.SendAsync(request);
            await response.Content.LoadIntoBufferAsync();
            responses.Add(response);
            var challenge = response.Headers.WwwAuthenticate.Select(h => h.ToString()).FirstOrDefault(h => h.Contains("insufficient_user_authentication", StringComparison.Ordinal));
            if (response.StatusCode != HttpStatusCode.Unauthorized || challenge is null)
            {
                break;
            }

            stack.ProviderClock.Advance(TimeSpan.FromSeconds(5));
            using var client = new IdentityProviderClient(stack.Provider);
            var stepUp = await client.SignInAsync(new IdentityProviderSignIn
            {
                UserName = "alice", Method = SignInMethods.PasswordAndMfa, AcrValues = AcrValues().Match(challenge).Groups[1].Value,
            });
            stepUp.Error.Should().BeNull(stepUp.ErrorDescription);
            token = stepUp.AccessToken!;
            tokens.Add(token);
        }

        return (responses, tokens);
    }

    private static async Task<string> PasswordTokenAsync(Stack stack)
    {
        using var client = new IdentityProviderClient(stack.Provider);
        var result = await client.SignInAsync(new IdentityProviderSignIn { UserName = "alice", Method = SignInMethods.Password });
        result.Error.Should().BeNull(result.ErrorDescription);
        new JsonWebToken(result.AccessToken).GetPayloadValue<string>("acr").Should().Be("1");
        return result.AccessToken!;
    }

    [Test]
    public async Task Locked_out_user_a_level_of_assurance_provider_steps_up_from_acr_1_to_2_and_the_action_succeeds()
    {
        await using var stack = await StartAsync(IdentityProviderMode.LevelOfAssurance);

        var (responses, tokens) = await FollowAsync(stack, await PasswordTokenAsync(stack));

        responses.Select(r => r.StatusCode).Should().Equal(HttpStatusCode.Unauthorized, HttpStatusCode.OK);
        responses[0].Headers.WwwAuthenticate.Select(h => h.ToString()).Should().ContainSingle()
            .Which.Should().Contain("acr_values=\"2\"").And.Contain("error=\"insufficient_user_authentication\"");
        var steppedUp = new JsonWebToken(tokens[1]);
        steppedUp.GetPayloadValue<string>("acr").Should().Be("2");
        steppedUp.GetPayloadValue<long>("auth_time").Should().BeGreaterThan(new JsonWebToken(tokens[0]).GetPayloadValue<long>("auth_time"));
    }

    [Test]
    public async Task A_misconfigured_provider_ends_in_exactly_one_401_then_403_step_up_unsatisfiable()
    {
        await using var stack = await StartAsync(IdentityProviderMode.Misconfigured);

        var (responses, tokens) = await FollowAsync(stack, await PasswordTokenAsync(stack));

        responses.Select(r => r.StatusCode).Should().Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden], "never a third request");
        new JsonWebToken(tokens[1]).GetPayloadValue<string>("acr").Should().Be("1");
        using var problem = JsonDocument.Parse(await responses[1].Content.ReadAsStringAsync());
        problem.RootElement.GetProperty("type").GetString().Should().Be(ProblemTypes.StepUpUnsatisfiable);
        problem.RootElement.GetProperty("detail").GetString().Should().Contain("the provider issued acr=1 for a request for 2");
    }

    [Test]
    public async Task Attacker_acr_2_from_a_second_provider_the_api_does_not_trust_is_rejected()
    {
        await using var stack = await StartAsync(IdentityProviderMode.LevelOfAssurance);
        var otherOptions = new IdentityProviderOptions { Mode = IdentityProviderMode.LevelOfAssurance };
        otherOptions.Users.Add(new IdentityProviderUser("alice", UserId, "Alice"));
        await using var other = await DevelopmentIdentityProvider.StartAsync(otherOptions);
        using var client = new IdentityProviderClient(other);
        var foreign = await client.SignInAsync(new IdentityProviderSignIn { UserName = "alice", Method = SignInMethods.PasswordAndMfa, AcrValues = "2" });

        using var request = new HttpRequestMessage(HttpMethod.Post, stack.ApiAddress + "/api/payments");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", foreign.AccessToken);
        using var response = await stack.Http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "JwtBearer refuses a token signed by another provider");
        response.Headers.WwwAuthenticate.Select(h => h.ToString()).Should().NotContain(h => h.Contains("acr_values", StringComparison.Ordinal));
    }
}
