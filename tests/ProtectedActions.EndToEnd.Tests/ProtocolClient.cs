using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using ProtectedActions.Samples.IdentityProvider;

namespace ProtectedActions.EndToEnd.Tests;

/// <summary>Raw protocol steps against the provider, for tests that must send what a well-behaved client would not.</summary>
internal sealed class ProtocolClient : IDisposable
{
    private readonly DevelopmentIdentityProvider _provider;

    public ProtocolClient(DevelopmentIdentityProvider provider)
    {
        _provider = provider;
        Http = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, CookieContainer = new CookieContainer() });
    }

    public HttpClient Http { get; }

    public static string Verifier() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Challenge(string verifier) => Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    public string AuthorizeUrl(Dictionary<string, string?> extra)
    {
        var parameters = new Dictionary<string, string?>
        {
            ["client_id"] = IdentityProviderOptions.DefaultClientId,
            ["redirect_uri"] = IdentityProviderOptions.DefaultRedirectUri.ToString(),
            ["response_type"] = "code",
            ["scope"] = "openid profile api",
            ["state"] = "s1",
        };
        foreach (var (key, value) in extra)
        {
            parameters[key] = value;
        }

        return QueryHelpers.AddQueryString(_provider.AuthorizationEndpoint, parameters.Where(p => p.Value is not null));
    }

    /// <summary>Signs in at the login page (password method unless told) and follows to the client redirect.</summary>
    public async Task<Uri> AuthorizeThroughLoginAsync(string authorizeUrl, string method = SignInMethods.Password)
    {
        using var first = await Http.GetAsync(new Uri(authorizeUrl));
        var location = new Uri(new Uri(authorizeUrl), first.Headers.Location!);
        if (location.AbsolutePath != "/account/login")
        {
            return location;
        }

        var returnUrl = QueryHelpers.ParseQuery(location.Query)["returnUrl"].ToString();
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["returnUrl"] = returnUrl, ["username"] = "alice", ["password"] = _provider.Options.DemoPassword, ["method"] = method,
        });
        using var login = await Http.PostAsync(location, form);
        using var back = await Http.GetAsync(new Uri(location, login.Headers.Location!));
        return new Uri(location, back.Headers.Location!);
    }

    public async Task<(HttpStatusCode Status, string Body)> RedeemAsync(string code, string? verifier)
    {
        var fields = new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["code"] = code, ["client_id"] = IdentityProviderOptions.DefaultClientId,
            ["redirect_uri"] = IdentityProviderOptions.DefaultRedirectUri.ToString(),
        };
        if (verifier is not null)
        {
            fields["code_verifier"] = verifier;
        }

        using var form = new FormUrlEncodedContent(fields);
        using var response = await Http.PostAsync(new Uri(_provider.TokenEndpoint), form);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public void Dispose() => Http.Dispose();

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
