using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;
using ProtectedActions.Testing;

namespace ProtectedActions.AspNetCore.Tests.Infrastructure;

/// <summary>
/// An API on TestServer: JwtBearer with the testing kit's key, ProtectedActions with <see cref="TestScenario"/>, and
/// the real evaluator (or a <see cref="FakeProtectedActionEvaluator"/> the test programs) behind a <see cref="RecordingEvaluator"/>.
/// </summary>
internal sealed class TestApi : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestApi(WebApplication app, RecordingEvaluator evaluator)
    {
        _app = app;
        Evaluator = evaluator;
        Client = app.GetTestClient();
    }

    public HttpClient Client { get; }

    public RecordingEvaluator Evaluator { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<TestApi> StartAsync(
        Action<IEndpointRouteBuilder> map,
        Action<ProtectedActionsOptions>? configure = null,
        Action<WebApplicationBuilder>? services = null,
        Action<WebApplication>? beforeAuthentication = null,
        bool addJwtBearer = true,
        FakeProtectedActionEvaluator? fake = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        if (addJwtBearer)
        {
            builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(o =>
            {
                o.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = TestTokens.Issuer,
                    ValidAudience = TestTokens.Audience,
                    IssuerSigningKey = TestTokens.Key,
                };
            });
        }

        builder.Services.AddSingleton<IDeviceInformationProvider, TestDevices>();
        services?.Invoke(builder);
        builder.Services.AddProtectedActions(o =>
        {
            TestScenario.Configure(o);
            configure?.Invoke(o);
        }).AddAspNetCore();

        // Record what the HTTP layer asks the real evaluator (or the testing kit's fake, when the test programs one).
        var original = builder.Services.Last(d => d.ServiceType == typeof(IProtectedActionEvaluator));
        builder.Services.Remove(original);
        builder.Services.AddSingleton(sp => new RecordingEvaluator(fake ?? (IProtectedActionEvaluator)original.ImplementationFactory!(sp)));
        builder.Services.AddSingleton<IProtectedActionEvaluator>(sp => sp.GetRequiredService<RecordingEvaluator>());

        var app = builder.Build();
        beforeAuthentication?.Invoke(app);
        app.UseAuthentication();
        app.UseAuthorization();
        map(app);
        await app.StartAsync();
        return new TestApi(app, app.Services.GetRequiredService<RecordingEvaluator>());
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token = null, Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        configure?.Invoke(request);
        var response = await Client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.Clone();
    }

    public static string[] WwwAuthenticate(HttpResponseMessage response) =>
        response.Headers.TryGetValues("WWW-Authenticate", out var values) ? [.. values] : [];

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.DisposeAsync();
    }
}
