using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;
using ProtectedActions.AspNetCore.Tests.Infrastructure;

namespace ProtectedActions.AspNetCore.Tests.Reliability;

/// <summary>Concurrent clients against Kestrel on 127.0.0.1: every response is the one its token deserves.</summary>
public class LoopbackConcurrencyTests
{
    private enum Caller { Anonymous, Password, Fido2, Fido2Stale, CompliantDevice, NonCompliantDevice, Forged }

    [Test]
    [CancelAfter(60_000)]
    public async Task Concurrent_clients_each_get_the_answer_their_sign_in_deserves()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(o =>
            o.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = TestTokens.Issuer, ValidAudience = TestTokens.Audience, IssuerSigningKey = TestTokens.Key,
            });
        builder.Services.AddSingleton<IDeviceInformationProvider, TestDevices>();
        builder.Services.AddProtectedActions(TestScenario.Configure).AddAspNetCore();
        await using var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapPost("/create", () => Results.Ok()).RequireProtectedAction(TestScenario.Create);
        app.MapPost("/workstation", () => Results.Ok()).RequireProtectedAction(TestScenario.Workstation);
        app.MapGet("/read", () => Results.Ok()).RequireAuthorization();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        new Uri(address).Host.Should().Be("127.0.0.1");

        var tokens = new Dictionary<Caller, string?>
        {
            [Caller.Anonymous] = null,
            [Caller.Password] = TestTokens.Create(amr: ["pwd"]),
            [Caller.Fido2] = TestTokens.Create(amr: ["fido", "mfa"]),
            [Caller.Fido2Stale] = TestTokens.Create(amr: ["fido", "mfa"], authenticationAge: TimeSpan.FromHours(2)),
            [Caller.CompliantDevice] = TestTokens.Create(amr: ["pwd", "mfa"], deviceId: TestScenario.CompliantDevice),
            [Caller.NonCompliantDevice] = TestTokens.Create(amr: ["pwd", "mfa"], deviceId: TestScenario.NonCompliantDevice),
            [Caller.Forged] = TestTokens.Create(amr: ["fido", "mfa"], acrs: ["c1", "c2"], signingKey: new RsaSecurityKey(System.Security.Cryptography.RSA.Create(2048))),
        };

        using var client = new HttpClient { BaseAddress = new Uri(address) };
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var requests = 0;
        var workers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 60; i++)
            {
                var caller = (Caller)((w + i) % tokens.Count);
                var path = (i % 3) switch { 0 => "/create", 1 => "/workstation", _ => "/read" };
                using var request = new HttpRequestMessage(path == "/read" ? HttpMethod.Get : HttpMethod.Post, path);
                if (tokens[caller] is { } token)
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                }

                using var response = await client.SendAsync(request);
                Interlocked.Increment(ref requests);
                var problem = Check(caller, path, response);
                if (problem is not null)
                {
                    failures.Enqueue($"{caller} {path}: {problem}");
                }
            }
        })).ToArray();
        await Task.WhenAll(workers);
        await app.StopAsync();

        failures.Should().BeEmpty();
        requests.Should().Be(8 * 60);
    }

    private static string? Check(Caller caller, string path, HttpResponseMessage response)
    {
        var status = response.StatusCode;
        var challenges = response.Headers.WwwAuthenticate.Select(h => h.ToString()).ToArray();
        var expected = (caller, path) switch
        {
            (Caller.Anonymous or Caller.Forged, _) => HttpStatusCode.Unauthorized,
            (_, "/read") => HttpStatusCode.OK,
            (Caller.Fido2, "/create") => HttpStatusCode.OK,
            (_, "/create") => HttpStatusCode.Unauthorized,
            (Caller.CompliantDevice, "/workstation") => HttpStatusCode.OK,
            // docs/decisions.md 12: a device known non-compliant is final; an unknown one is the identity provider's to check at step-up.
            (Caller.NonCompliantDevice, "/workstation") => HttpStatusCode.Forbidden,
            (_, "/workstation") => HttpStatusCode.Unauthorized,
            _ => HttpStatusCode.InternalServerError,
        };
        if (status != expected)
        {
            return $"status {(int)status}, expected {(int)expected}";
        }

        var stepUp = expected == HttpStatusCode.Unauthorized && caller is not (Caller.Anonymous or Caller.Forged);
        if (stepUp && !challenges.Any(c => c.Contains("error=\"insufficient_claims\"", StringComparison.Ordinal)))
        {
            return "step-up without an Entra claims challenge";
        }

        if (!stepUp && challenges.Any(c => c.Contains("insufficient", StringComparison.Ordinal)))
        {
            return "a step-up challenge where none belongs";
        }

        return challenges.Any(c => c.Contains('\r', StringComparison.Ordinal) || c.Contains('\n', StringComparison.Ordinal)) ? "CR/LF in a header" : null;
    }
}
