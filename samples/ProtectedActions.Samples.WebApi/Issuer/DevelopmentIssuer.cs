using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using ProtectedActions.Samples.WebApi.Configuration;
using ProtectedActions.Samples.WebApi.Directory;

namespace ProtectedActions.Samples.WebApi.Issuer;

/// <summary>
/// A development-only OpenID Connect token issuer on 127.0.0.1: discovery, JWKS (an RSA key generated at start)
/// and <c>POST /token</c>, where a client signs in as a sample user with chosen methods, device and client
/// capabilities. It honours Entra claims challenges (<c>claims</c>) and RFC 9470 (<c>acr_values</c>,
/// <c>max_age</c>), issuing a context only when the library's evaluator says the sign-in satisfies it.
/// Never expose it beyond loopback: it signs whatever a caller asks for within those rules.
/// </summary>
public sealed class DevelopmentIssuer : IAsyncDisposable
{
    /// <summary>The audience of issued access tokens (the sample API's application id URI).</summary>
    public const string DefaultAudience = "api://contoso-admin-api";

    private static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(1);
    private static readonly string[] ResponseTypes = ["token"];
    private static readonly string[] SubjectTypes = ["public"];
    private static readonly string[] SigningAlgorithms = ["RS256"];

    private readonly WebApplication _app;
    private readonly RsaSecurityKey _key;
    private readonly ContextGrantor _grantor;
    private readonly TimeProvider _time;
    private readonly JsonWebTokenHandler _handler = new();

    private DevelopmentIssuer(WebApplication app, RsaSecurityKey key, ContextGrantor grantor, TimeProvider time)
    {
        _app = app;
        _key = key;
        _grantor = grantor;
        _time = time;
    }

    /// <summary>The issuer URL (<c>iss</c>), e.g. <c>http://127.0.0.1:51234</c>.</summary>
    public string Issuer { get; private set; } = "";

    /// <summary>The key that signs tokens (tests may sign their own tokens with it).</summary>
    public SecurityKey SigningKey => _key;

    /// <summary>Starts an issuer on a free loopback port with the embedded configuration (plus <paramref name="overrides"/>).</summary>
    public static async Task<DevelopmentIssuer> StartAsync(IEnumerable<KeyValuePair<string, string?>>? overrides = null,
        TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        var time = timeProvider ?? TimeProvider.System;
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(DevelopmentIssuer).Assembly.GetName().Name });
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // Bearer tokens need no data protection keys; its "ephemeral key" warning is noise in the demo output.
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
        var app = builder.Build();

#pragma warning disable CA2000 // Owned by the issuer; disposed with it.
        var rsa = RSA.Create(2048);
#pragma warning restore CA2000
        var key = new RsaSecurityKey(rsa) { KeyId = Convert.ToHexString(RandomNumberGenerator.GetBytes(8)).ToLowerInvariant() };
        var grantor = new ContextGrantor(SampleConfiguration.LoadOptions(overrides), time, new SampleDeviceInformationProvider());
        var issuer = new DevelopmentIssuer(app, key, grantor, time);
        issuer.Map(app);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        issuer.Issuer = address.TrimEnd('/');
        return issuer;
    }

    /// <summary>Issues a token for <paramref name="request"/> in process (what <c>POST /token</c> does).</summary>
    /// <returns>The token, or an OAuth error code and description.</returns>
    public async Task<(string? Token, string? Error, string? ErrorDescription, IReadOnlyList<string> GrantedContexts)> IssueAsync(
        SignInRequest request, IPAddress? clientAddress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!SampleDirectory.Users.TryGetValue(request.UserName, out var user))
        {
            return (null, "invalid_grant", "unknown user", []);
        }

        ClaimsRequest? claimsRequest = null;
        if (request.Claims is { Length: > 0 } claims && !ClaimsRequest.TryParse(claims, out claimsRequest, out var claimsError))
        {
            return (null, "invalid_request", claimsError, []);
        }

        var now = _time.GetUtcNow();
        var authTime = now.AddSeconds(-request.SessionAgeSeconds);
        // A claims challenge prompts the user (Entra re-authenticates for a context), and OIDC max_age forces a
        // fresh authentication when the session's is older.
        if (claimsRequest is { Contexts.Count: > 0 } || (request.MaxAge is int maxAge && request.SessionAgeSeconds > maxAge))
        {
            authTime = now;
        }

        var signIn = new SignInContext
        {
            UserId = user.ObjectId,
            TenantId = SampleDirectory.TenantId,
            Issuer = Issuer,
            AuthenticationMethodReferences = request.Amr,
            AuthenticationTime = authTime,
            ClientCapabilities = request.ClientCapabilities,
            IpAddress = clientAddress,
            Device = request.DeviceId is null ? null : new DeviceProperties { DeviceId = request.DeviceId },
        };

        var granted = new List<string>();
        foreach (var context in claimsRequest?.Contexts ?? [])
        {
            var decision = _grantor.IsKnown(context) ? await _grantor.EvaluateAsync(context, signIn, cancellationToken).ConfigureAwait(false) : null;
            if (decision is { IsAllowed: true })
            {
                granted.Add(context);
            }
            else if (claimsRequest!.Essential)
            {
                return (null, "interaction_required",
                    decision is null ? $"unknown authentication context {context}" : $"the sign-in does not satisfy authentication context {context}: {decision.Explanation}", []);
            }
        }

        string? acr = null;
        foreach (var context in request.AcrValues)
        {
            // acr_values are voluntary (OIDC): the first one satisfied becomes acr; none satisfied is no error.
            if (_grantor.IsKnown(context) && (await _grantor.EvaluateAsync(context, signIn, cancellationToken).ConfigureAwait(false)).IsAllowed)
            {
                acr = context;
                if (!granted.Contains(context, StringComparer.OrdinalIgnoreCase))
                {
                    granted.Add(context);
                }

                break;
            }
        }

        var payload = new Dictionary<string, object>
        {
            ["sub"] = user.ObjectId,
            ["oid"] = user.ObjectId,
            ["tid"] = SampleDirectory.TenantId,
            ["name"] = user.DisplayName,
            ["preferred_username"] = user.UserName + "@contoso.example",
            ["ver"] = "2.0",
            ["scp"] = "access_as_user",
            ["auth_time"] = authTime.ToUnixTimeSeconds(),
            ["amr"] = request.Amr.ToArray(),
        };
        if (granted.Count > 0)
        {
            payload["acrs"] = granted.ToArray();
        }

        if (acr is not null)
        {
            payload["acr"] = acr;
        }

        if (request.ClientCapabilities.Count > 0)
        {
            payload["xms_cc"] = request.ClientCapabilities.ToArray();
        }

        if (request.DeviceId is { Length: > 0 } deviceId)
        {
            payload["deviceid"] = deviceId;
        }

        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = DefaultAudience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = now.Add(TokenLifetime).UtcDateTime,
            Claims = payload,
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.RsaSha256),
        });
        return (token, null, null, granted);
    }

    private void Map(WebApplication app)
    {
        app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Issuer,
            ["jwks_uri"] = Issuer + "/keys",
            ["token_endpoint"] = Issuer + "/token",
            ["authorization_endpoint"] = Issuer + "/oauth2/authorize",
            ["response_types_supported"] = ResponseTypes,
            ["subject_types_supported"] = SubjectTypes,
            ["id_token_signing_alg_values_supported"] = SigningAlgorithms,
            ["claims_parameter_supported"] = true,
            ["acr_values_supported"] = _grantor.Contexts,
        }));

        app.MapGet("/keys", () =>
        {
            var p = _key.Rsa.ExportParameters(false);
            return Results.Json(new { keys = new[] { new { kty = "RSA", use = "sig", alg = "RS256", kid = _key.KeyId, n = Base64UrlEncoder.Encode(p.Modulus), e = Base64UrlEncoder.Encode(p.Exponent) } } });
        });

        app.MapGet("/oauth2/authorize", () => Results.Problem(statusCode: 501,
            title: "Interactive sign-in is not implemented by the development issuer",
            detail: "POST /token with username, amr, client_capabilities, device_id, claims, acr_values and max_age instead."));

        app.MapPost("/token", async (HttpContext http) =>
        {
            if (!http.Request.HasFormContentType || http.Request.ContentLength is null or > 16_384)
            {
                return OAuthError("invalid_request", "send a form of at most 16 KiB");
            }

            var form = await http.Request.ReadFormAsync(http.RequestAborted).ConfigureAwait(false);
            if (SignInRequest.FromForm(form, out var formError) is not { } request)
            {
                return OAuthError("invalid_request", formError);
            }

            var (token, error, description, granted) = await IssueAsync(request, http.Connection.RemoteIpAddress, http.RequestAborted).ConfigureAwait(false);
            return token is null
                ? OAuthError(error!, description)
                : Results.Json(new Dictionary<string, object>
                {
                    ["access_token"] = token,
                    ["token_type"] = "Bearer",
                    ["expires_in"] = (int)TokenLifetime.TotalSeconds,
                    ["granted_contexts"] = granted,
                });
        });
    }

    private static IResult OAuthError(string error, string? description) =>
        Results.Json(new { error, error_description = description }, statusCode: StatusCodes.Status400BadRequest);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync().ConfigureAwait(false);
        _key.Rsa.Dispose();
    }
}
