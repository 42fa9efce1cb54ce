using System.Net;
using System.Text;

namespace ProtectedActions.Client.Tests.StepUp;

/// <summary>An in-memory API: answers each request with the next scripted response and records what it received.</summary>
internal sealed class FakeApi : HttpMessageHandler
{
    public const string Claims = "{\"access_token\":{\"acrs\":{\"essential\":true,\"value\":\"c1\"}}}";

    private readonly Queue<Func<HttpResponseMessage>> _responses = new();

    public List<(HttpMethod Method, Uri? Uri, string? Authorization, string? Body, string? ContentType, Dictionary<string, string> Headers)> Received { get; } = [];

    public static string EntraChallenge =>
        $"Bearer realm=\"\", authorization_uri=\"https://login.microsoftonline.com/common/oauth2/authorize\", error=\"insufficient_claims\", claims=\"{Convert.ToBase64String(Encoding.UTF8.GetBytes(Claims))}\"";

    public const string Rfc9470Challenge = "Bearer error=\"insufficient_user_authentication\", error_description=\"A different authentication level is required\", acr_values=\"c1\", max_age=3600";

    public FakeApi Respond(HttpStatusCode status, params string[] wwwAuthenticate)
    {
        _responses.Enqueue(() =>
        {
            var response = new HttpResponseMessage(status) { Content = new StringContent(status.ToString()) };
            foreach (var value in wwwAuthenticate)
            {
                response.Headers.TryAddWithoutValidation("WWW-Authenticate", value);
            }

            return response;
        });
        return this;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        Received.Add((request.Method, request.RequestUri, request.Headers.Authorization?.ToString(), body, request.Content?.Headers.ContentType?.ToString(),
            request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase)));
        if (_responses.Count == 0)
        {
            throw new InvalidOperationException("The API received more requests than scripted.");
        }

        var response = _responses.Dequeue()();
        response.RequestMessage = request;
        return response;
    }
}
