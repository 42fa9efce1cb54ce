using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using ProtectedActions.AspNetCore.Tests.Infrastructure;
using ProtectedActions.Testing;

namespace ProtectedActions.AspNetCore.Tests.WebApps;

/// <summary>
/// A web app on TestServer: cookie sign-in through the real <c>AddOpenIdConnect</c> handler, whose provider
/// configuration is static (no metadata fetch). Users sign in through the real callback (<c>/signin-oidc</c>,
/// <c>form_post</c> of an id token signed with the testing kit's key), so the cookie's principal is exactly what
/// the handler makes of an id token. A small cookie jar carries the cookies between requests.
/// </summary>
internal sealed class WebAppHost : IAsyncDisposable
{
    public const string ClientId = "web-app";
    public const string AuthorizeEndpoint = "https://idp.test/authorize";
    public const string UserName = "alice@contoso.test";

    /// <summary>Approve an invoice: c1 (phishing-resistant MFA within the hour).</summary>
    public const string ApprovePath = "/invoices/approve";
    /// <summary>Update a vendor's bank account: c2 (compliant device; a re-sign-in cannot help).</summary>
    public const string BankAccountPath = "/vendors/bank-account";

    private readonly WebApplication _app;
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

    private WebAppHost(WebApplication app)
    {
        _app = app;
        Client = app.GetTestClient();
        Client.BaseAddress = new Uri("https://app.test/");
    }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<WebAppHost> StartAsync(
        Action<ProtectedActionsOptions>? configure = null,
        Action<WebApplicationBuilder>? services = null,
        bool defaultSchemeIsOpenIdConnect = false,
        Action<OpenIdConnectOptions>? openIdConnect = null,
        Action<WebApplication>? map = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddAuthentication(o =>
            {
                if (defaultSchemeIsOpenIdConnect)
                {
                    o.DefaultScheme = OpenIdConnectDefaults.AuthenticationScheme; // as AddMicrosoftIdentityWebApp's samples do
                }
                else
                {
                    o.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                    o.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
                }
            })
            .AddCookie()
            .AddOpenIdConnect(o =>
            {
                o.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                o.ClientId = ClientId;
                o.ResponseType = OpenIdConnectResponseType.IdToken;
                o.ResponseMode = OpenIdConnectResponseMode.FormPost;
                o.MapInboundClaims = false;
                o.UsePkce = false;
                var configuration = new OpenIdConnectConfiguration
                {
                    Issuer = TestTokens.Issuer,
                    AuthorizationEndpoint = AuthorizeEndpoint,
                    TokenEndpoint = "https://idp.test/token",
                    EndSessionEndpoint = "https://idp.test/logout",
                };
                configuration.SigningKeys.Add(TestTokens.Key);
                o.Configuration = configuration;
                o.TokenValidationParameters.ValidIssuer = TestTokens.Issuer;
                o.TokenValidationParameters.ValidAudience = ClientId;
                o.TokenValidationParameters.NameClaimType = "preferred_username";
                openIdConnect?.Invoke(o);
            });
        builder.Services.AddSingleton<IDeviceInformationProvider, TestDevices>();
        services?.Invoke(builder);
        builder.Services.AddProtectedActions(o =>
        {
            TestScenario.Configure(o);
            configure?.Invoke(o);
        }).AddAspNetCore();

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/login", (HttpContext c) => c.ChallengeAsync(OpenIdConnectDefaults.AuthenticationScheme,
            new AuthenticationProperties { RedirectUri = "/whoami" }));
        app.MapGet("/whoami", (HttpContext c) => Results.Json(c.User.Claims.Select(x => new[] { x.Type, x.Value }).ToArray()));
        app.MapGet(ApprovePath, () => "approve page").RequireProtectedAction(TestScenario.Create);
        app.MapPost(ApprovePath, () => "approved").RequireProtectedAction(TestScenario.Create).DisableAntiforgery();
        app.MapGet(BankAccountPath, () => "bank account page").RequireProtectedAction(TestScenario.Workstation);
        app.MapProtectedActionsStepUp();
        map?.Invoke(app);
        await app.StartAsync();
        return new WebAppHost(app);
    }

    /// <summary>An id token of the kit's user for this client, as the provider would issue it.</summary>
    public static EntraTokenBuilder IdToken(string nonce, string[] amr, TimeSpan? age = null, string[]? acrs = null, string? deviceId = null)
    {
        var token = new EntraTokenBuilder()
            .WithIssuer(TestTokens.Issuer)
            .WithAudience(ClientId)
            .WithAmr(amr)
            .AuthenticatedAt(TimeProvider.System.GetUtcNow() - (age ?? TimeSpan.FromMinutes(1)))
            .WithClaim("nonce", nonce)
            .WithClaim("preferred_username", UserName);
        if (acrs is not null)
        {
            token.WithSatisfiedContexts(acrs);
        }

        if (deviceId is not null)
        {
            token.FromDevice(deviceId);
        }

        return token;
    }

    /// <summary>Signs in through the real OIDC flow: challenge, then the provider's form_post of an id token.</summary>
    public async Task SignInAsync(string[] amr, TimeSpan? age = null, string[]? acrs = null, string? deviceId = null)
    {
        using var challenge = await GetAsync("/login");
        challenge.StatusCode.Should().Be(HttpStatusCode.Redirect);
        using var callback = await CompleteAsync(challenge, amr, age, acrs, deviceId);
        callback.StatusCode.Should().Be(HttpStatusCode.Redirect, "the callback signs in and redirects to the return URL");
    }

    /// <summary>Plays the provider for an authorize redirect the app sent: posts an id token with the request's nonce and state back.</summary>
    public async Task<HttpResponseMessage> CompleteAsync(HttpResponseMessage authorizeRedirect, string[] amr, TimeSpan? age = null, string[]? acrs = null,
        string? deviceId = null)
    {
        var query = AuthorizeQuery(authorizeRedirect);
        var idToken = IdToken(query["nonce"], amr, age, acrs, deviceId).BuildJwt();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/signin-oidc")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["id_token"] = idToken, ["state"] = query["state"] }),
        };
        return await SendAsync(request);
    }

    /// <summary>The authorize request's query of a redirect to the provider.</summary>
    public static Dictionary<string, string> AuthorizeQuery(HttpResponseMessage response)
    {
        var location = response.Headers.Location ?? throw new AssertionException("no Location header");
        location.GetLeftPart(UriPartial.Path).Should().Be(AuthorizeEndpoint);
        return QueryHelpers.ParseQuery(location.Query).ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);
    }

    /// <summary>The return URL the state carries (what the user comes back to after the callback).</summary>
    public string ReturnUrlOf(HttpResponseMessage authorizeRedirect)
    {
        var options = Services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<OpenIdConnectOptions>>().Get(OpenIdConnectDefaults.AuthenticationScheme);
        var properties = options.StateDataFormat.Unprotect(AuthorizeQuery(authorizeRedirect)["state"]) ?? throw new AssertionException("state not readable");
        return properties.RedirectUri ?? throw new AssertionException("no return URL in the state");
    }

    public Task<HttpResponseMessage> GetAsync(string path, Action<HttpRequestMessage>? configure = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        configure?.Invoke(request);
        return SendAsync(request);
    }

    public Task<HttpResponseMessage> PostFormAsync(string path, Action<HttpRequestMessage>? configure = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["amount"] = "100" }) };
        configure?.Invoke(request);
        return SendAsync(request);
    }

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        if (_cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => c.Key + "=" + c.Value)));
        }

        var response = await Client.SendAsync(request);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            foreach (var header in setCookies)
            {
                var pair = header.Split(';', 2)[0];
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                var (name, value) = (pair[..eq], pair[(eq + 1)..]);
                if (value.Length == 0 || header.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase))
                {
                    _cookies.Remove(name);
                }
                else
                {
                    _cookies[name] = value;
                }
            }
        }

        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    public async Task<Dictionary<string, string>> WhoAmIAsync()
    {
        using var response = await GetAsync("/whoami");
        var pairs = JsonSerializer.Deserialize<string[][]>(await response.Content.ReadAsStringAsync())!;
        return pairs.GroupBy(p => p[0]).ToDictionary(g => g.Key, g => string.Join(" ", g.Select(p => p[1])), StringComparer.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.DisposeAsync();
    }
}
