using System.Text.Json;

namespace ProtectedActions.Samples.WebApi.Issuer;

/// <summary>
/// The part of an OpenID Connect <c>claims</c> request parameter the issuer honours: the authentication contexts
/// asked for in <c>access_token.acrs</c> (<c>value</c> or <c>values</c>) and whether they are essential.
/// </summary>
internal sealed record ClaimsRequest(IReadOnlyList<string> Contexts, bool Essential)
{
    private const int MaxLength = 4096;

    /// <summary>Parses the parameter; <see langword="false"/> (with a reason) when it is malformed or too large.</summary>
    public static bool TryParse(string json, out ClaimsRequest? request, out string? error)
    {
        request = null;
        error = null;
        if (json.Length > MaxLength)
        {
            error = "claims is too long";
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 8 });
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("access_token", out var accessToken) || accessToken.ValueKind != JsonValueKind.Object
                || !accessToken.TryGetProperty("acrs", out var acrs) || acrs.ValueKind != JsonValueKind.Object)
            {
                request = new ClaimsRequest([], false);
                return true; // A claims request about other claims: nothing for this issuer to do.
            }

            var essential = acrs.TryGetProperty("essential", out var e) && e.ValueKind == JsonValueKind.True;
            var contexts = new List<string>();
            if (acrs.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.String)
            {
                contexts.Add(value.GetString()!);
            }

            if (acrs.TryGetProperty("values", out var values) && values.ValueKind == JsonValueKind.Array)
            {
                foreach (var v in values.EnumerateArray())
                {
                    if (v.ValueKind == JsonValueKind.String && contexts.Count < 16)
                    {
                        contexts.Add(v.GetString()!);
                    }
                }
            }

            request = new ClaimsRequest(contexts, essential);
            return true;
        }
        catch (JsonException)
        {
            error = "claims is not valid JSON";
            return false;
        }
    }
}
