using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace ProtectedActions.Samples.IdentityProvider;

/// <summary>
/// A development-only OpenID Connect provider on 127.0.0.1: an embedded OpenIddict server with its EF Core stores
/// on in-memory SQLite, keys generated at start, discovery, JWKS, authorization code + PKCE, refresh tokens and a
/// minimal login page where the demo user picks a method (password, password + MFA, FIDO2 — simulated, reflected
/// in <c>amr</c>) and a device (issued as <c>deviceid</c>). It honours the <c>claims</c> parameter, <c>acr_values</c>,
/// <c>max_age</c> and <c>prompt=login</c>; see the project's README.md. Never expose it beyond loopback.
/// </summary>
public sealed class DevelopmentIdentityProvider : IAsyncDisposable
{
    /// <summary>The cookie scheme of the provider's own sign-in session.</summary>
    private const string SessionScheme = "devidp.session";
    private const string LoginPath = "/account/login";
    private const string AuthorizePath = "/connect/authorize";
    private const int MaxSessionAgeSeconds = 86_400;
    // preferred_username is user@contoso.example; the login page accepts it back (a login_hint prefills it).
    private const string UserNameSuffix = "@contoso.example";
    private static readonly string[] LevelsOfAssurance = ["1", "2"];

    private readonly WebApplication _app;
    private readonly SqliteConnection _keepAlive;
    private readonly IdentityProviderOptions _options;
    private readonly ContextGrantor _grantor;

    private DevelopmentIdentityProvider(WebApplication app, SqliteConnection keepAlive, IdentityProviderOptions options, ContextGrantor grantor)
    {
        _app = app;
        _keepAlive = keepAlive;
        _options = options;
        _grantor = grantor;
    }

    /// <summary>The issuer (<c>iss</c>), e.g. <c>http://127.0.0.1:51234/</c> (with the trailing slash OpenIddict issues).</summary>
    public string Issuer { get; private set; } = "";

    /// <summary>The base address without the trailing slash, e.g. <c>http://127.0.0.1:51234</c>.</summary>
    public string Address => Issuer.TrimEnd('/');

    /// <summary>The authorization endpoint.</summary>
    public string AuthorizationEndpoint => Address + AuthorizePath;

    /// <summary>The token endpoint.</summary>
    public string TokenEndpoint => Address + "/connect/token";

    /// <summary>The options the provider runs with.</summary>
    public IdentityProviderOptions Options => _options;

    /// <summary>Starts a provider with <paramref name="options"/> (it takes ownership of <see cref="IdentityProviderOptions.Policies"/>).</summary>
    /// <exception cref="InvalidOperationException">The address is not a loopback address.</exception>
    public static async Task<DevelopmentIdentityProvider> StartAsync(IdentityProviderOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!IPAddress.IsLoopback(options.Address))
        {
            throw new InvalidOperationException($"The development identity provider listens on loopback only; {options.Address} is not a loopback address.");
        }

        // A named in-memory database shared by every connection of this provider (one connection per DbContext, so
        // concurrent requests never share a connection); the open connection below keeps it alive until disposal.
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = "devidp-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8)),
            Mode = SqliteOpenMode.Memory,
            Cache = SqliteCacheMode.Shared,
        }.ToString();
#pragma warning disable CA2000 // Owned by the provider; disposed with it.
        var keepAlive = new SqliteConnection(connectionString);
#pragma warning restore CA2000
        await keepAlive.OpenAsync(cancellationToken).ConfigureAwait(false);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(DevelopmentIdentityProvider).Assembly.GetName().Name });
        builder.WebHost.UseKestrel(k => k.Listen(options.Address, options.Port));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Error);
        builder.Services.AddSingleton(options.TimeProvider);
        // Keys live in memory only: nothing is written outside the process.
        builder.Services.AddDataProtection().UseEphemeralDataProtectionProvider();
        builder.Services.AddDbContext<IdentityProviderDbContext>(db =>
        {
            db.UseSqlite(connectionString);
            db.UseOpenIddict();
        });
        builder.Services.AddAuthentication(SessionScheme).AddCookie(SessionScheme, cookie =>
        {
            cookie.Cookie.Name = "devidp.session";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.LoginPath = LoginPath;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            cookie.SlidingExpiration = false;
        });
        builder.Services.AddAuthorization();
        builder.Services.AddOpenIddict()
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<IdentityProviderDbContext>())
            .AddServer(server =>
            {
                server.SetAuthorizationEndpointUris(AuthorizePath.TrimStart('/'))
                    .SetTokenEndpointUris("connect/token")
                    .SetJsonWebKeySetEndpointUris(".well-known/jwks");
                server.AllowAuthorizationCodeFlow().AllowRefreshTokenFlow().RequireProofKeyForCodeExchange();
                server.RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.OfflineAccess, options.ApiScope);
                server.RegisterClaims(Claims.Subject, Claims.Name, Claims.PreferredUsername, Claims.AuthenticationTime,
                    Claims.AuthenticationMethodReference, Claims.AuthenticationContextReference, "acrs", "oid", "tid", "deviceid", "xms_cc");
                server.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
                // The relying parties validate access tokens as plain signed JWTs.
                server.DisableAccessTokenEncryption();
                server.SetAccessTokenLifetime(TimeSpan.FromHours(1)).SetRefreshTokenLifetime(TimeSpan.FromHours(8));
                server.AddEventHandler<OpenIddictServerEvents.HandleConfigurationRequestContext>(handler => handler.UseInlineHandler(context =>
                {
                    context.Metadata[Metadata.AcrValuesSupported] = options.Mode == IdentityProviderMode.AuthenticationContexts
                        ? new OpenIddictParameter(JsonSerializer.SerializeToElement(options.Policies?.AuthenticationContexts.Select(c => c.Id).OfType<string>().ToArray() ?? []))
                        : new OpenIddictParameter(JsonSerializer.SerializeToElement(LevelsOfAssurance));
                    return default;
                }));
                // OpenIddict writes claims_parameter_supported=false itself; this provider does honour the parameter.
                server.AddEventHandler<OpenIddictServerEvents.ApplyConfigurationResponseContext>(handler => handler.UseInlineHandler(context =>
                {
                    if (context.Response.Error is null)
                    {
                        context.Response[Metadata.ClaimsParameterSupported] = true;
                    }

                    return default;
                }).SetOrder(int.MinValue));
                server.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .DisableTransportSecurityRequirement(); // http on 127.0.0.1 only (checked above)
            });

        var app = builder.Build();
        var grantor = new ContextGrantor(options.Policies, options.TimeProvider, options.DeviceInformation);
#pragma warning disable CA2000 // Ownership passes to the provider.
        var provider = new DevelopmentIdentityProvider(app, keepAlive, options, grantor);
#pragma warning restore CA2000
        app.UseAuthentication();
        app.UseAuthorization();
        provider.Map(app);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IdentityProviderDbContext>().Database.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        }

        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First().TrimEnd('/');
        provider.Issuer = address + "/";
        // Fix the issuer to the bound address so that a request's Host header never chooses it.
        app.Services.GetRequiredService<IOptionsMonitor<OpenIddictServerOptions>>().CurrentValue.Issuer = new Uri(provider.Issuer);
        foreach (var client in options.Clients)
        {
            await provider.RegisterClientAsync(client, cancellationToken).ConfigureAwait(false);
        }

        return provider;
    }

    /// <summary>Registers a client (e.g. a web app whose callback port is known only once it has started).</summary>
    public async Task RegisterClientAsync(IdentityProviderClientRegistration client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        foreach (var uri in client.RedirectUris)
        {
            if (!uri.IsAbsoluteUri || !uri.IsLoopback)
            {
                throw new ArgumentException($"Redirect URIs must be absolute loopback URIs: {uri}", nameof(client));
            }
        }

        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = client.ClientId,
            ClientSecret = client.ClientSecret,
            ClientType = client.ClientSecret is null ? ClientTypes.Public : ClientTypes.Confidential,
            ConsentType = ConsentTypes.Implicit,
            DisplayName = client.ClientId,
            Permissions =
            {
                Permissions.Endpoints.Authorization, Permissions.Endpoints.Token,
                Permissions.GrantTypes.AuthorizationCode, Permissions.GrantTypes.RefreshToken, Permissions.ResponseTypes.Code,
                Permissions.Scopes.Profile, Permissions.Prefixes.Scope + _options.ApiScope,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        foreach (var uri in client.RedirectUris)
        {
            descriptor.RedirectUris.Add(uri);
        }

        await using var scope = _app.Services.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        if (await manager.FindByClientIdAsync(client.ClientId, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            // The same client again (e.g. a second instance of a web app): its redirect URIs are added to the registration.
            var current = new OpenIddictApplicationDescriptor();
            await manager.PopulateAsync(current, existing, cancellationToken).ConfigureAwait(false);
            foreach (var uri in client.RedirectUris)
            {
                current.RedirectUris.Add(uri);
            }

            await manager.UpdateAsync(existing, current, cancellationToken).ConfigureAwait(false);
            return;
        }

        await manager.CreateAsync(descriptor, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync().ConfigureAwait(false);
        await _keepAlive.DisposeAsync().ConfigureAwait(false);
    }

    private void Map(WebApplication app)
    {
        app.MapGet("/", () => Results.Text("ProtectedActions development identity provider. See /.well-known/openid-configuration."));
        app.MapMethods(AuthorizePath, ["GET", "POST"], (Func<HttpContext, Task<IResult>>)AuthorizeAsync);
        app.MapPost("/connect/token", (Func<HttpContext, Task<IResult>>)TokenAsync);
        app.MapGet(LoginPath, (HttpContext http) => LoginPage.Render(http, _options, _grantor, error: null));
        app.MapPost(LoginPath, (Func<HttpContext, Task<IResult>>)LoginAsync);
        app.MapGet("/account/logout", async (HttpContext http) =>
        {
            await http.SignOutAsync(SessionScheme).ConfigureAwait(false);
            return Results.Text("Signed out of the development identity provider.");
        });
    }

    private async Task<IResult> TokenAsync(HttpContext http)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        if (!request.IsAuthorizationCodeGrantType() && !request.IsRefreshTokenGrantType())
        {
            return Error(Errors.UnsupportedGrantType, "only authorization_code and refresh_token are supported");
        }

        // The principal stored in the code or refresh token, exactly as the authorization endpoint built it.
        var result = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme).ConfigureAwait(false);
        if (result.Principal is not { } principal || FindUser(principal.GetClaim(Claims.Subject)) is null)
        {
            return Error(Errors.InvalidGrant, "the code or refresh token is no longer valid");
        }

        return Results.SignIn(principal, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private async Task<IResult> AuthorizeAsync(HttpContext http)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        var ct = http.RequestAborted;
        var now = _options.TimeProvider.GetUtcNow();
        var interactive = !request.HasPromptValue(PromptValues.None);
        if (!ClaimsRequest.TryParse(request.GetParameter(Parameters.Claims)?.ToString(), out var claims, out var claimsError))
        {
            return Error(Errors.InvalidRequest, claimsError!);
        }

        var session = await http.AuthenticateAsync(SessionScheme).ConfigureAwait(false);
        var user = session.Succeeded ? FindUser(session.Principal!.FindFirst(Claims.Subject)?.Value) : null;
        var authTime = user is null ? (DateTimeOffset?)null : ReadAuthTime(session.Principal!);

        // 1. Who: no session, prompt=login or a session older than max_age asks for a fresh sign-in.
        if (user is null || authTime is null || request.HasPromptValue(PromptValues.Login)
            || (request.MaxAge is long maxAge && (now - authTime.Value).TotalSeconds > maxAge))
        {
            return interactive
                ? RedirectToLogin(http, request, required: [], freshSignIn: true)
                : Error(Errors.LoginRequired, "a fresh sign-in is required");
        }

        var amr = session.Principal!.FindAll(Claims.AuthenticationMethodReference).Select(c => c.Value).ToArray();
        var deviceId = session.Principal!.FindFirst("deviceid")?.Value;
        var signIn = new SignInContext
        {
            UserId = user.ObjectId,
            TenantId = _options.TenantId,
            Issuer = Issuer,
            AuthenticationMethodReferences = amr,
            AuthenticationTime = authTime,
            IpAddress = http.Connection.RemoteIpAddress,
            ClientCapabilities = claims.ClientCapabilities,
            Device = deviceId is null ? null : new DeviceProperties { DeviceId = deviceId },
        };

        // 2. How strongly: what the request asks for, decided under the mode.
        var granted = new List<string>();
        string? acr = null;
        var unmet = new List<string>();
        var acrValues = request.GetAcrValues();
        switch (_options.Mode)
        {
            case IdentityProviderMode.AuthenticationContexts:
                foreach (var context in claims.Contexts)
                {
                    if (!_grantor.IsKnown(context))
                    {
                        if (claims.Essential)
                        {
                            return Error(Errors.InvalidRequest, "unknown authentication context " + context);
                        }

                        continue;
                    }

                    var decision = await _grantor.EvaluateAsync(context, signIn, ct).ConfigureAwait(false);
                    if (decision is { IsAllowed: true })
                    {
                        granted.Add(context);
                    }
                    else if (claims.Essential)
                    {
                        unmet.Add(context);
                    }
                }

                var knownAcrValues = acrValues.Where(_grantor.IsKnown).ToArray();
                foreach (var value in knownAcrValues)
                {
                    if ((await _grantor.EvaluateAsync(value, signIn, ct).ConfigureAwait(false)) is { IsAllowed: true })
                    {
                        acr = value;
                        if (!granted.Contains(value, StringComparer.OrdinalIgnoreCase))
                        {
                            granted.Add(value);
                        }

                        break;
                    }
                }

                if (knownAcrValues.Length > 0 && acr is null)
                {
                    unmet.AddRange(knownAcrValues.Where(v => !unmet.Contains(v, StringComparer.OrdinalIgnoreCase)));
                }

                break;

            case IdentityProviderMode.LevelOfAssurance:
                acr = SignInMethods.LevelOf(amr);
                var requested = acrValues.Where(v => v is "1" or "2").ToArray();
                if (requested.Length > 0 && string.CompareOrdinal(requested.Min(StringComparer.Ordinal), acr) > 0)
                {
                    unmet.Add(requested.Min(StringComparer.Ordinal)!);
                }

                break;

            case IdentityProviderMode.Misconfigured:
                acr = "1";
                break;
        }

        if (unmet.Count > 0)
        {
            return interactive
                ? RedirectToLogin(http, request, unmet, freshSignIn: false)
                : Error(Errors.InteractionRequired, "the sign-in does not satisfy " + string.Join(" ", unmet));
        }

        // 3. The tokens' principal.
        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, user.ObjectId)
            .SetClaim("oid", user.ObjectId)
            .SetClaim("tid", _options.TenantId)
            .SetClaim(Claims.Name, user.DisplayName)
            .SetClaim(Claims.PreferredUsername, user.UserName + UserNameSuffix)
            .SetClaim("scp", "access_as_user")
            .SetClaim(Claims.AuthenticationContextReference, acr)
            .SetClaim("deviceid", deviceId);
        identity.SetClaims(Claims.AuthenticationMethodReference, [.. amr]);
        identity.AddClaim(new Claim(Claims.AuthenticationTime, authTime.Value.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), ClaimValueTypes.Integer64));
        if (granted.Count > 0)
        {
            identity.SetClaims("acrs", [.. granted]);
        }

        if (claims.ClientCapabilities.Count > 0)
        {
            identity.SetClaims("xms_cc", [.. claims.ClientCapabilities]);
        }

        identity.SetScopes(request.GetScopes());
        identity.SetResources(_options.Audience);
        identity.SetDestinations(static claim => claim.Type switch
        {
            "xms_cc" or "scp" => [Destinations.AccessToken],
            _ => [Destinations.AccessToken, Destinations.IdentityToken],
        });
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private async Task<IResult> LoginAsync(HttpContext http)
    {
        var form = await http.Request.ReadFormAsync(http.RequestAborted).ConfigureAwait(false);
        var user = FindUser(form["username"].ToString());
        var amr = SignInMethods.AmrOf(form["method"].ToString());
        var device = form["device"].ToString();
        var ageText = form["session_age"].ToString();
        var age = 0;
        string? error = null;
        if (user is null || !FixedTimeEquals(form["password"].ToString(), _options.DemoPassword))
        {
            error = "Unknown user or wrong password.";
        }
        else if (amr is null)
        {
            error = "Choose how to sign in.";
        }
        else if (device.Length > 0 && !_options.Devices.Any(d => d.DeviceId == device))
        {
            error = "Unknown device.";
        }
        else if (ageText.Length > 0 && (!int.TryParse(ageText, NumberStyles.None, CultureInfo.InvariantCulture, out age) || age > MaxSessionAgeSeconds))
        {
            error = $"The simulated sign-in age must be 0 to {MaxSessionAgeSeconds} seconds.";
        }

        if (error is not null)
        {
            return LoginPage.Render(http, _options, _grantor, error);
        }

        var identity = new ClaimsIdentity(SessionScheme, Claims.Name, Claims.Role);
        identity.AddClaim(new Claim(Claims.Subject, user!.ObjectId));
        identity.AddClaim(new Claim(Claims.Name, user.DisplayName));
        foreach (var value in amr!)
        {
            identity.AddClaim(new Claim(Claims.AuthenticationMethodReference, value));
        }

        identity.AddClaim(new Claim(Claims.AuthenticationTime,
            _options.TimeProvider.GetUtcNow().AddSeconds(-age).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), ClaimValueTypes.Integer64));
        if (device.Length > 0)
        {
            identity.AddClaim(new Claim("deviceid", device));
        }

        await http.SignInAsync(SessionScheme, new ClaimsPrincipal(identity)).ConfigureAwait(false);
        var returnUrl = form["returnUrl"].ToString();
        return Results.Redirect(IsLocalUrl(returnUrl) ? returnUrl : "/");
    }

    private static IResult RedirectToLogin(HttpContext http, OpenIddictRequest request, IReadOnlyList<string> required, bool freshSignIn)
    {
        // Back to this authorize request after the sign-in; without prompt and max_age when the sign-in was asked
        // for to be fresh (it now is), so the user is not sent round again.
        var parameters = http.Request.HasFormContentType ? http.Request.Form.ToList() : http.Request.Query.ToList();
        if (freshSignIn)
        {
            parameters.RemoveAll(p => p.Key is Parameters.Prompt or Parameters.MaxAge);
        }

        var returnUrl = http.Request.PathBase + http.Request.Path + QueryString.Create(parameters);
        var query = new List<KeyValuePair<string, string?>> { new("returnUrl", returnUrl) };
        query.AddRange(required.Select(r => new KeyValuePair<string, string?>("required", r)));
        if (request.LoginHint is { Length: > 0 and <= 128 } hint)
        {
            query.Add(new("login_hint", hint));
        }

        return Results.Redirect(LoginPath + QueryString.Create(query));
    }

    private static IResult Error(string error, string description) => Results.Forbid(
        new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }),
        [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);

    internal static bool IsLocalUrl(string url) =>
        url.Length > 0 && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Any(c => char.IsControl(c) || c == '\\');

    private IdentityProviderUser? FindUser(string? nameOrId) => nameOrId is null ? null
        : _options.Users.FirstOrDefault(u => string.Equals(u.UserName, nameOrId, StringComparison.OrdinalIgnoreCase)
            || string.Equals(u.UserName + UserNameSuffix, nameOrId, StringComparison.OrdinalIgnoreCase) || u.ObjectId == nameOrId);

    private static DateTimeOffset? ReadAuthTime(ClaimsPrincipal principal) =>
        long.TryParse(principal.FindFirst(Claims.AuthenticationTime)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

    private static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));
}
