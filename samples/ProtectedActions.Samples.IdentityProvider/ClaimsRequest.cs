using System.Text.Json;

namespace ProtectedActions.Samples.IdentityProvider;

/// <summary>
/// The parts of an OpenID Connect <c>claims</c> request parameter the provider honours: the authentication
/// contexts asked for in <c>id_token.acrs</c> and <c>access_token.acrs</c> (<c>value</c> or <c>values</c>),
/// whether any of them is essential, and the client capabilities declared in <c>access_token.xms_cc</c>.
/// </summary>
internal sealed record ClaimsRequest(IReadOnlyList<string> Contexts, bool Essential, IReadOnlyList<string> ClientCapabilities)
{
    private const int MaxLength = 4096;
    private const int MaxValues = 16;
    private const int MaxValueLength = 64;

    public static readonly ClaimsRequest None = new([], false, []);

    /// <summary>Parses the parameter; <see langword="false"/> (with a reason) when it is malformed or too large.</summary>
    public static bool TryParse(string? json, out ClaimsRequest request, out string? error)
    {
        request = None;
        error = null;
        if (string.IsNullOrEmpty(json))
        {
            return true;
        }

        if (json.Length > MaxLength)
        {
            error = "claims is too long";
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 8 });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                error = "claims must be a JSON object";
                return false;
            }

            var contexts = new List<string>();
            var capabilities = new List<string>();
            var essential = false;
            foreach (var tokenName in new[] { "id_token", "access_token" })
            {
                if (!document.RootElement.TryGetProperty(tokenName, out var token) || token.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                if (token.TryGetProperty("acrs", out var acrs) && acrs.ValueKind == JsonValueKind.Object)
                {
                    essential |= acrs.TryGetProperty("essential", out var e) && e.ValueKind == JsonValueKind.True;
                    if (!Collect(acrs, contexts, out error))
                    {
                        return false;
                    }
                }

                if (token.TryGetProperty("xms_cc", out var cc) && cc.ValueKind == JsonValueKind.Object && !Collect(cc, capabilities, out error))
                {
                    return false;
                }
            }

            request = new ClaimsRequest(contexts.Distinct(StringComparer.Ordinal).ToArray(), essential, capabilities.Distinct(StringComparer.Ordinal).ToArray());
            return true;
        }
        catch (JsonException)
        {
            error = "claims is not valid JSON";
            return false;
        }
    }

    private static bool Collect(JsonElement member, List<string> into, out string? error)
    {
        error = null;
        var values = new List<JsonElement>();
        if (member.TryGetProperty("value", out var value))
        {
            values.Add(value);
        }

        if (member.TryGetProperty("values", out var array) && array.ValueKind == JsonValueKind.Array)
        {
            values.AddRange(array.EnumerateArray());
        }

        foreach (var v in values)
        {
            var s = v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            if (s is null || s.Length is 0 or > MaxValueLength || !s.All(c => c is > ' ' and < (char)127) || into.Count >= MaxValues)
            {
                error = "claims holds a value that is not a short printable string, or too many values";
                return false;
            }

            into.Add(s);
        }

        return true;
    }
}
