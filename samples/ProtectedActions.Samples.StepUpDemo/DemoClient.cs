using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;

namespace ProtectedActions.Samples.StepUpDemo;

/// <summary>Performs and prints the demo's HTTP exchanges, and keeps the score.</summary>
internal sealed class DemoClient : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(10) };
    private readonly TextWriter _out;
    private readonly string _issuer;

    public DemoClient(TextWriter output, string issuer)
    {
        _out = output;
        _issuer = issuer;
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

    /// <summary>Signs in at the development issuer; returns the access token, or null and the OAuth error.</summary>
    public async Task<(string? Token, string? Error)> SignInAsync(IReadOnlyDictionary<string, string> form, CancellationToken cancellationToken)
    {
        _out.WriteLine("-> POST " + _issuer + "/token  " + string.Join(" ", form.Select(kv => kv.Key + "=" + Shorten(kv.Value))));
        using var content = new FormUrlEncodedContent(form);
        using var response = await _http.PostAsync(new Uri(_issuer + "/token"), content, cancellationToken).ConfigureAwait(false);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        if (!response.IsSuccessStatusCode)
        {
            var error = json.RootElement.GetProperty("error").GetString();
            _out.WriteLine($"<- {(int)response.StatusCode} {error}: {json.RootElement.GetProperty("error_description").GetString()?.Split('\n')[0]}");
            return (null, error);
        }

        var token = json.RootElement.GetProperty("access_token").GetString()!;
        _out.WriteLine("<- 200 access token " + Describe(token));
        return (token, null);
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
