using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace ProtectedActions.Samples.IdentityProvider;

/// <summary>What a programmatic sign-in asks for: the login page's choices and the authorize request's parameters.</summary>
public sealed class IdentityProviderSignIn
{
    /// <summary>The user name typed on the login page.</summary>
    public required string UserName { get; init; }

    /// <summary>The password (default: the provider's demo password).</summary>
    public string? Password { get; init; }

    /// <summary>The method chosen on the login page (<see cref="SignInMethods"/>).</summary>
    public string Method { get; init; } = SignInMethods.Password;

    /// <summary>The device chosen on the login page; <see langword="null"/> for none.</summary>
    public string? DeviceId { get; init; }

    /// <summary>Development: pretend the sign-in happened this many seconds ago.</summary>
    public int SessionAgeSeconds { get; init; }

    /// <summary>The <c>claims</c> parameter (e.g. a claims challenge, or client capabilities).</summary>
    public string? Claims { get; init; }

    /// <summary>The <c>acr_values</c> parameter (space-separated).</summary>
    public string? AcrValues { get; init; }

    /// <summary>The <c>max_age</c> parameter in seconds.</summary>
    public int? MaxAge { get; init; }

    /// <summary>The <c>prompt</c> parameter.</summary>
    public string? Prompt { get; init; }

    /// <summary>The scopes (default <c>openid profile offline_access api</c>).</summary>
    public string Scope { get; init; } = "openid profile offline_access api";
}

/// <summary>The outcome of a programmatic sign-in.</summary>
public sealed record IdentityProviderSignInResult
{
    /// <summary>The access token, when tokens were issued.</summary>
    public string? AccessToken { get; init; }

    /// <summary>The id token, when tokens were issued.</summary>
    public string? IdToken { get; init; }

    /// <summary>The refresh token, when one was issued.</summary>
    public string? RefreshToken { get; init; }

    /// <summary>The OAuth error, when the provider refused; <c>step_up_not_satisfied</c> when the login page asked again.</summary>
    public string? Error { get; init; }

    /// <summary>The error description or, for <c>step_up_not_satisfied</c>, what the login page still asks for.</summary>
    public string? ErrorDescription { get; init; }

    /// <summary>The authorize request that was sent.</summary>
    public required Uri AuthorizeRequest { get; init; }

    /// <summary>How many times the login page was shown.</summary>
    public int LoginPagesShown { get; init; }
}

/// <summary>
/// Drives the provider without a browser, as a user would: authorize (with PKCE) → login form POST → code → token.
/// Keeps a cookie container, so a second sign-in with the same client reuses the provider's session.
/// </summary>
public sealed class IdentityProviderClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly DevelopmentIdentityProvider _provider;
    private readonly string _clientId;
    private readonly Uri _redirectUri;

    /// <summary>Creates a client of <paramref name="provider"/> registered as <paramref name="clientId"/>.</summary>
    public IdentityProviderClient(DevelopmentIdentityProvider provider, string clientId = IdentityProviderOptions.DefaultClientId, Uri? redirectUri = null)
    {
        ArgumentNullException.ThrowIfNull(provider);
        _provider = provider;
        _clientId = clientId;
        _redirectUri = redirectUri ?? IdentityProviderOptions.DefaultRedirectUri;
#pragma warning disable CA2000 // Owned by the HttpClient.
        _http = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
        {
            Timeout = TimeSpan.FromSeconds(10),
        };
#pragma warning restore CA2000
    }

    /// <summary>Signs in; never throws for a refusal (see <see cref="IdentityProviderSignInResult.Error"/>).</summary>
    public async Task<IdentityProviderSignInResult> SignInAsync(IdentityProviderSignIn request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var state = Base64Url(RandomNumberGenerator.GetBytes(16));
        var parameters = new Dictionary<string, string?>
        {
            ["client_id"] = _clientId,
            ["redirect_uri"] = _redirectUri.ToString(),
            ["response_type"] = "code",
            ["scope"] = request.Scope,
            ["state"] = state,
            ["nonce"] = Base64Url(RandomNumberGenerator.GetBytes(16)),
            ["code_challenge"] = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))),
            ["code_challenge_method"] = "S256",
        };
        Add(parameters, "claims", request.Claims);
        Add(parameters, "acr_values", request.AcrValues);
        Add(parameters, "max_age", request.MaxAge?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add(parameters, "prompt", request.Prompt);
        var authorize = new Uri(QueryHelpers.AddQueryString(_provider.AuthorizationEndpoint, parameters));

        var url = authorize;
        var loginPages = 0;
        for (var hop = 0; hop < 8; hop++)
        {
            using var response = await _http.GetAsync(url, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.Redirect && response.StatusCode != HttpStatusCode.Found)
            {
                return await ErrorFromBodyAsync(response, authorize, loginPages, cancellationToken).ConfigureAwait(false);
            }

            var location = new Uri(url, response.Headers.Location!);
            if (location.GetLeftPart(UriPartial.Path) == _redirectUri.GetLeftPart(UriPartial.Path))
            {
                var query = QueryHelpers.ParseQuery(location.Query);
                if (query.TryGetValue("error", out var error))
                {
                    return new() { AuthorizeRequest = authorize, LoginPagesShown = loginPages, Error = error, ErrorDescription = query.GetValueOrDefault("error_description") };
                }

                if (query.GetValueOrDefault("state") != state)
                {
                    return new() { AuthorizeRequest = authorize, LoginPagesShown = loginPages, Error = "state_mismatch" };
                }

                return await RedeemAsync(query["code"]!, verifier, authorize, loginPages, cancellationToken).ConfigureAwait(false);
            }

            if (location.AbsolutePath == "/account/login")
            {
                var loginQuery = QueryHelpers.ParseQuery(location.Query);
                if (++loginPages > 1)
                {
                    return new()
                    {
                        AuthorizeRequest = authorize, LoginPagesShown = loginPages, Error = "step_up_not_satisfied",
                        ErrorDescription = "the login page asks again for: " + string.Join(" ", loginQuery.GetValueOrDefault("required").ToArray()),
                    };
                }

                using var form = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["returnUrl"] = loginQuery.GetValueOrDefault("returnUrl").ToString(),
                    ["username"] = request.UserName,
                    ["password"] = request.Password ?? _provider.Options.DemoPassword,
                    ["method"] = request.Method,
                    ["device"] = request.DeviceId ?? "",
                    ["session_age"] = request.SessionAgeSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
                });
                using var login = await _http.PostAsync(location, form, cancellationToken).ConfigureAwait(false);
                if (login.StatusCode != HttpStatusCode.Redirect && login.StatusCode != HttpStatusCode.Found)
                {
                    return new() { AuthorizeRequest = authorize, LoginPagesShown = loginPages, Error = "login_failed", ErrorDescription = $"the login form answered {(int)login.StatusCode}" };
                }

                url = new Uri(location, login.Headers.Location!);
                continue;
            }

            url = location;
        }

        return new() { AuthorizeRequest = authorize, LoginPagesShown = loginPages, Error = "too_many_redirects" };
    }

    /// <summary>Redeems <paramref name="refreshToken"/> for new tokens.</summary>
    public async Task<IdentityProviderSignInResult> RefreshAsync(string refreshToken, CancellationToken cancellationToken = default)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken, ["client_id"] = _clientId,
        });
        using var response = await _http.PostAsync(new Uri(_provider.TokenEndpoint), form, cancellationToken).ConfigureAwait(false);
        return await TokensAsync(response, new Uri(_provider.TokenEndpoint), 0, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private async Task<IdentityProviderSignInResult> RedeemAsync(string code, string verifier, Uri authorize, int loginPages, CancellationToken cancellationToken)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = _redirectUri.ToString(),
            ["client_id"] = _clientId, ["code_verifier"] = verifier,
        });
        using var response = await _http.PostAsync(new Uri(_provider.TokenEndpoint), form, cancellationToken).ConfigureAwait(false);
        return await TokensAsync(response, authorize, loginPages, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IdentityProviderSignInResult> TokensAsync(HttpResponseMessage response, Uri authorize, int loginPages, CancellationToken cancellationToken)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        var root = json.RootElement;
        string? Str(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        return response.IsSuccessStatusCode
            ? new() { AuthorizeRequest = authorize, LoginPagesShown = loginPages, AccessToken = Str("access_token"), IdToken = Str("id_token"), RefreshToken = Str("refresh_token") }
            : new() { AuthorizeRequest = authorize, LoginPagesShown = loginPages, Error = Str("error"), ErrorDescription = Str("error_description") };
    }

    private static async Task<IdentityProviderSignInResult> ErrorFromBodyAsync(HttpResponseMessage response, Uri authorize, int loginPages, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return new()
        {
            AuthorizeRequest = authorize, LoginPagesShown = loginPages, Error = "unexpected_response",
            ErrorDescription = $"{(int)response.StatusCode}: {(body.Length > 300 ? body[..300] : body)}",
        };
    }

    private static void Add(Dictionary<string, string?> parameters, string name, string? value)
    {
        if (value is { Length: > 0 })
        {
            parameters[name] = value;
        }
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
