using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using ProtectedActions.Samples.IdentityProvider;
using ProtectedActions.Samples.WebApi.Api;
using ProtectedActions.Samples.WebApi.Configuration;
using ProtectedActions.Samples.WebApi.Directory;

namespace ProtectedActions.Samples.WebApp;

/// <summary>
/// The sample web app: Razor Pages signed in with a cookie through OpenID Connect (authorization code + PKCE)
/// against the development identity provider. Approving an invoice needs c1 (phishing-resistant MFA): the
/// library turns the step-up into an OpenID Connect challenge, the provider asks for FIDO2, and the user comes
/// back to finish. Updating a vendor's bank account needs a compliant workstation: a personal laptop is denied.
/// </summary>
public static class SampleWebApp
{
    /// <summary>The client id the web app is registered with at the provider.</summary>
    public const string ClientId = "contoso-webapp";

    /// <summary>The web app's own permission for approving invoices (guarded by c1).</summary>
    public const string ApproveInvoices = "contoso.webapp/invoices/approve";

    /// <summary>The name of the <see cref="HttpClient"/> (from <see cref="IHttpClientFactory"/>) that calls the WebApi sample.</summary>
    public const string ApiClientName = "contoso-api";

    /// <summary>Starts the web app on 127.0.0.1:<paramref name="port"/> (0: a free port) and registers it with <paramref name="provider"/>.</summary>
    /// <param name="provider">The identity provider to sign in with.</param>
    /// <param name="overrides">Configuration overrides, e.g. <c>ProtectedActions:Settings:ChallengeFormat = Rfc9470</c>.</param>
    /// <param name="port">The port; 0 picks a free one.</param>
    /// <param name="api">The WebApi sample's address (it must trust <paramref name="provider"/>); <see langword="null"/>: the API page says it is not configured.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static async Task<WebApplication> StartAsync(DevelopmentIdentityProvider provider, IEnumerable<KeyValuePair<string, string?>>? overrides = null,
        int port = 0, Uri? api = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(provider);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(SampleWebApp).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, port));
        // Blazor's script (_framework/blazor.web.js) is a static web asset of the framework: serve it from the build
        // output's manifest in every environment (the sample runs unpublished, and not only as Development).
        builder.WebHost.UseStaticWebAssets();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddSampleDefaults(
        [
            new("ProtectedActions:Settings:TrustedIssuers:0", provider.Issuer),
            // A web app's tokens are id tokens: no client capabilities to declare.
            new("ProtectedActions:Settings:RequireClientCapability", "false"),
            new("ProtectedActions:ProtectedActions:9:permission", ApproveInvoices),
            new("ProtectedActions:ProtectedActions:9:authenticationContextId", "c1"),
            .. overrides ?? [],
        ]);
        builder.Services.AddDataProtection().UseEphemeralDataProtectionProvider();
        builder.Services.AddAuthentication(o =>
            {
                o.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                o.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
            })
            .AddCookie(o => o.Cookie.Name = "contoso.webapp")
            .AddOpenIdConnect(o =>
            {
                o.Authority = provider.Issuer;
                o.RequireHttpsMetadata = false; // the loopback development provider only
                o.ClientId = ClientId;
                o.ResponseType = "code";
                o.UsePkce = true;
                o.Scope.Add("profile");
                o.Scope.Add("offline_access");
                o.Scope.Add(provider.Options.ApiScope);
                o.SaveTokens = true;
                o.MapInboundClaims = false; // keep amr, acrs, auth_time, deviceid as issued
                o.TokenValidationParameters.NameClaimType = "name";
                // http on loopback: SameSite=None cookies would need Secure; the provider is same-site (127.0.0.1), so Lax suffices.
                o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.CorrelationCookie.SameSite = SameSiteMode.Lax;
                o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.NonceCookie.SameSite = SameSiteMode.Lax;
            });
        builder.Services.AddAuthorization();
        builder.Services.AddRazorPages(o => o.Conventions.AuthorizeFolder("/"));
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddSingleton<IDeviceInformationProvider, SampleDeviceInformationProvider>();
        // The API client: the page puts the session's saved access token on the request; on a step-up challenge the
        // handler asks this callback for a better token. A web app cannot get one without the user (the stronger
        // sign-in happens in the browser), so it answers null and the handler throws StepUpRequiredException, which the
        // page turns into the OpenID Connect challenge. The handler never sends a third request.
        builder.Services.AddHttpClient(ApiClientName, c =>
            {
                if (api is not null)
                {
                    c.BaseAddress = api;
                }
            })
            .AddHttpMessageHandler(() => new StepUpRetryHandler(static (_, _) => Task.FromResult<string?>(null)));
        builder.Services.AddProtectedActions(builder.Configuration.GetSection(ProtectedActionsOptions.SectionName)).AddAspNetCore();

        var app = builder.Build();
        app.Use(DeniedPageAsync);
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapRazorPages();
        // The Blazor page (server interactivity): /blazor/approve-invoice.
        app.MapRazorComponents<Components.App>().AddInteractiveServerRenderMode();
        app.MapProtectedActionsStepUp();
        // What a page's script calls: a fetch cannot follow a redirect, so it gets 401 + stepUpUrl.
        app.MapPost("/api/invoices/{id:int}/approve", (int id) => Results.Ok(new { approved = id }))
            .RequireAuthorization()
            .RequireProtectedAction(ApproveInvoices);

        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = AddressOf(app);
        await provider.RegisterClientAsync(new IdentityProviderClientRegistration(ClientId, [new Uri(address + "/signin-oidc")]), cancellationToken).ConfigureAwait(false);
        return app;
    }

    /// <summary>
    /// Builds (does not start) the WebApi sample for this web app: it trusts <paramref name="provider"/>, and it does
    /// not require the <c>cp1</c> client capability, because the web app's sign-in request carries the step-up's
    /// <c>claims</c> and therefore no <c>xms_cc</c> request (see docs/decisions/web-app-api-sample.md).
    /// </summary>
    /// <param name="provider">The identity provider the web app signs in with.</param>
    /// <param name="port">The port; 0 picks a free one.</param>
    public static WebApplication BuildApi(DevelopmentIdentityProvider provider, int port = 0)
    {
        ArgumentNullException.ThrowIfNull(provider);
        return SampleApi.Build(provider.Issuer, [new("ProtectedActions:Settings:RequireClientCapability", "false")], port);
    }

    /// <summary>The address the started <paramref name="app"/> listens on, e.g. <c>http://127.0.0.1:51236</c>.</summary>
    public static string AddressOf(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First().TrimEnd('/');
    }

    /// <summary>
    /// A browser navigation that is denied gets a readable page instead of problem JSON (fetch/XHR callers, which
    /// do not ask for HTML, keep the problem details).
    /// </summary>
    private static async Task DeniedPageAsync(HttpContext context, RequestDelegate next)
    {
        if (!context.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var original = context.Response.Body;
        await using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            context.Response.Body = original;
        }

        if (context.Response.StatusCode == StatusCodes.Status403Forbidden && context.Response.ContentType?.StartsWith("application/problem+json", StringComparison.Ordinal) == true)
        {
            string? detail = null;
            try
            {
                using var problem = JsonDocument.Parse(buffer.ToArray());
                detail = problem.RootElement.TryGetProperty("detail", out var d) ? d.GetString() : null;
            }
            catch (JsonException)
            {
            }

            var html = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Access denied</title></head><body>"
                + "<h1 id=\"denied\">Access denied</h1><p>" + HtmlEncoder.Default.Encode(detail ?? "This action is not allowed.") + "</p>"
                + "<p><a href=\"/\">Back</a></p></body></html>";
            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.ContentLength = null;
            await context.Response.WriteAsync(html, Encoding.UTF8).ConfigureAwait(false);
            return;
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original).ConfigureAwait(false);
    }
}
