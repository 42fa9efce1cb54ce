using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.JsonWebTokens;
using ProtectedActions.Samples.IdentityProvider;

namespace ProtectedActions.Samples.StepUpDemo;

/// <summary>Performs and prints the demo's HTTP exchanges, and keeps the score.</summary>
internal sealed class DemoClient : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(10) };
    private static readonly string[] ShownParameters = ["claims", "acr_values", "max_age", "prompt"];
    private readonly TextWriter _out;
    private readonly DevelopmentIdentityProvider _provider;

    public DemoClient(TextWriter output, DevelopmentIdentityProvider provider)
    {
        _out = output;
        _provider = provider;
    }

    public int Passed { get; private set; }

    public List<string> Failures { get; } = [];

    public void Step(string title)
    {
        _out.WriteLine();
        _out.WriteLine("== " + title + " " + new string('=', Math.Max(3, 96 - title.Length)));
    }

    public void Note(string text) => _out.WriteLine("   " + text);

    public bool Expect(bool condition, string what)
    {
        _out.WriteLine((condition ? "   [ok]   " : "   [FAIL] ") + what);
        if (condition)
        {
            Passed++;
        }
        else
        {
            Failures.Add(what);
        }

        return condition;
    }

    /// <summary>A new browser-like session at the identity provider (its own cookies).</summary>
    public IdentityProviderClient NewSession() => new(_provider);

    /// <summary>Signs in with a new session.</summary>
    public async Task<(string? Token, string? Error)> SignInAsync(IdentityProviderSignIn request, CancellationToken cancellationToken)
    {
        using var session = NewSession();
        return await SignInAsync(session, request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Signs in at the identity provider as a user would (authorize with PKCE → login page → code → token), with
    /// <paramref name="client"/>'s session; returns the access token, or null and the error.
    /// </summary>
    public async Task<(string? Token, string? Error)> SignInAsync(IdentityProviderClient client, IdentityProviderSignIn request, CancellationToken cancellationToken)
    {
        var result = await client.SignInAsync(request, cancellationToken).ConfigureAwait(false);
        var query = QueryHelpers.ParseQuery(result.AuthorizeRequest.Query);
        var shown = ShownParameters.Where(query.ContainsKey).Select(k => k + "=" + Shorten(query[k].ToString()));
        _out.WriteLine("-> GET " + _provider.AuthorizationEndpoint + "?client_id=...&code_challenge=... " + string.Join(" ", shown));
        _out.WriteLine($"   login page ({result.LoginPagesShown}x): user={request.UserName} method={request.Method}"
            + (request.DeviceId is null ? "" : " device=" + request.DeviceId[..8] + "...")
            + (request.SessionAgeSeconds > 0 ? $" (signed in {request.SessionAgeSeconds}s ago)" : ""));
        if (result.AccessToken is null)
        {
            _out.WriteLine($"<- {result.Error}: {result.ErrorDescription}");
            return (null, result.Error);
        }

        _out.WriteLine("<- code -> POST /connect/token -> access token " + Describe(result.AccessToken));
        return (result.AccessToken, null);
    }

    /// <summary>Calls the API and prints the exchange.</summary>
    public async Task<HttpResponseMessage> CallAsync(HttpMethod method, string url, string? token, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, url);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        _out.WriteLine($"-> {method} {url}" + (token is null ? "  (no token)" : "  Authorization: Bearer <token>"));
        var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
        _out.WriteLine($"<- {(int)response.StatusCode} {response.ReasonPhrase}");
        foreach (var challenge in response.Headers.WwwAuthenticate)
        {
            _out.WriteLine("   WWW-Authenticate: " + challenge);
        }

        if (response.Content.Headers.ContentType?.MediaType == "application/problem+json")
        {
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
            var root = problem.RootElement;
            _out.WriteLine("   problem: " + Str(root, "type") + " | " + Str(root, "title"));
            _out.WriteLine("   detail:  " + Str(root, "detail"));
            if (root.TryGetProperty("failedPolicies", out var failed))
            {
                foreach (var p in failed.EnumerateArray())
                {
                    _out.WriteLine("   failed policy: " + Str(p, "displayName") + " -> "
                        + string.Join(", ", p.GetProperty("failedControls").EnumerateArray().Select(c => c.GetString())));
                }
            }
        }
        else if (response.IsSuccessStatusCode)
        {
            _out.WriteLine("   body: " + Shorten(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)));
        }

        return response;
    }

    public static async Task<JsonDocument?> ProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        response.Content.Headers.ContentType?.MediaType == "application/problem+json"
            ? JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false))
            : null;

    public static string? Str(JsonElement element, string name) =>
        element.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    /// <summary>The claims that matter for protected actions (a development token: printing them is the point).</summary>
    public static string Describe(string token)
    {
        var jwt = new JsonWebToken(token);
        string List(string type) => "[" + string.Join(",", jwt.Claims.Where(c => c.Type == type).Select(c => c.Value)) + "]";
        var authTime = jwt.TryGetPayloadValue<long>("auth_time", out var at) ? DateTimeOffset.FromUnixTimeSeconds(at) : (DateTimeOffset?)null;
        var age = authTime is { } t ? ((int)(DateTimeOffset.UtcNow - t).TotalSeconds).ToString(CultureInfo.InvariantCulture) + "s ago" : "?";
        var acr = jwt.TryGetPayloadValue<string>("acr", out var a) ? " acr=" + a : "";
        var device = jwt.TryGetPayloadValue<string>("deviceid", out var d) ? " deviceid=" + d[..8] + "..." : "";
        return $"amr={List("amr")} xms_cc={List("xms_cc")} acrs={List("acrs")}{acr} auth_time={age}{device}";
    }

    private static string Shorten(string value) => value.Length <= 90 ? value : value[..87] + "...";

    public void Dispose() => _http.Dispose();
}
