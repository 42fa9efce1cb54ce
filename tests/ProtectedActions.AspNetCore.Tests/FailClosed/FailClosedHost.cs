using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.IdentityModel.Tokens;
using ProtectedActions.AspNetCore.Tests.Infrastructure;

namespace ProtectedActions.AspNetCore.Tests.FailClosed;

/// <summary>
/// A host configured the way an application is: the document comes from configuration (a swappable "file"),
/// JwtBearer validates real tokens, a health endpoint reports the configuration, and logs are collected.
/// </summary>
internal sealed class FailClosedHost : IAsyncDisposable
{
    public const string Create = TestScenario.Create;

    /// <summary>c1 (phishing-resistant MFA) protects <see cref="Create"/>; the test issuer is trusted.</summary>
    public const string Document = """
        {
          "authenticationContexts": [ { "id": "c1", "displayName": "Privileged" } ],
          "protectedActions": [ { "permission": "contoso.test/things/create", "authenticationContextId": "c1" } ],
          "conditionalAccessPolicies": [ {
            "id": "policy-strength", "displayName": "Phishing-resistant MFA", "state": "enabled",
            "conditions": { "applications": { "includeAuthenticationContextClassReferences": [ "c1" ] }, "users": { "includeUsers": [ "All" ] } },
            "grantControls": { "operator": "OR", "authenticationStrength": { "id": "00000000-0000-0000-0000-000000000004" } }
          } ],
          "settings": { "trustedIssuers": [ "https://issuer.test/" ] }
        }
        """;

    private FailClosedHost(WebApplication app, SwappableConfiguration configuration)
    {
        App = app;
        Configuration = configuration;
        Client = app.GetTestClient();
        Logs = app.Services.GetFakeLogCollector();
    }

    public WebApplication App { get; }

    public SwappableConfiguration Configuration { get; }

    public HttpClient Client { get; }

    public FakeLogCollector Logs { get; }

    public IProtectedActionsConfigurationStatus Status => App.Services.GetRequiredService<IProtectedActionsConfigurationStatus>();

    /// <summary>Builds and starts the host; the exception of a failed start propagates.</summary>
    public static async Task<FailClosedHost> StartAsync(string document, Action<IEndpointRouteBuilder> map,
        Action<WebApplicationBuilder>? services = null, Action<AuthenticationBuilderHolder>? authentication = null,
        Action<WebApplication>? afterAuthentication = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        builder.Logging.AddFakeLogging();
        var configuration = new SwappableConfiguration(document);
        ((IConfigurationBuilder)builder.Configuration).Add(configuration);

        var auth = builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(o =>
        {
            o.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = TestTokens.Issuer,
                ValidAudience = TestTokens.Audience,
                IssuerSigningKey = TestTokens.Key,
            };
        });
        authentication?.Invoke(new AuthenticationBuilderHolder(auth));
        services?.Invoke(builder);
        builder.Services.AddProtectedActions(builder.Configuration.GetSection("ProtectedActions")).AddAspNetCore();
        builder.Services.AddHealthChecks().AddProtectedActions();

        var app = builder.Build();
        app.UseAuthentication();
        afterAuthentication?.Invoke(app);
        app.UseAuthorization();
        app.MapHealthChecks("/health", new HealthCheckOptions
        {
            ResultStatusCodes = { [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable },
            ResponseWriter = (ctx, report) => ctx.Response.WriteAsync(string.Join(";", report.Entries.Select(e =>
                $"{e.Key}={e.Value.Status}:{(e.Value.Data.TryGetValue("reloadErrorCodes", out var codes) ? codes : "")}"))),
        });
        map(app);
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return new FailClosedHost(app, configuration);
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token = null, Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        configure?.Invoke(request);
        var response = await Client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    public async Task<string> HealthAsync() => await (await Client.GetAsync("/health")).Content.ReadAsStringAsync();

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.DisposeAsync();
    }

    /// <summary>Lets a test add authentication schemes.</summary>
    internal sealed class AuthenticationBuilderHolder(Microsoft.AspNetCore.Authentication.AuthenticationBuilder builder)
    {
        public Microsoft.AspNetCore.Authentication.AuthenticationBuilder Builder { get; } = builder;
    }
}
