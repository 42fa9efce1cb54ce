using System.Globalization;
using System.Text;
using System.Text.Json;
using ProtectedActions.Challenges;

namespace ProtectedActions;

/// <summary>
/// Parses <c>WWW-Authenticate</c> header values (RFC 9110 §11.6.1): one or more comma-separated challenges,
/// each a scheme followed by a token68 or by <c>name=value</c> parameters whose values are tokens or
/// quoted-strings. Reads both step-up formats the library writes (Entra's <c>insufficient_claims</c> with a
/// base64 <c>claims</c> request, and RFC 9470's <c>insufficient_user_authentication</c> with
/// <c>acr_values</c> and <c>max_age</c>), for clients, tests and tools.
/// </summary>
/// <remarks>
/// Bounded: at most <see cref="MaxLength"/> characters, <see cref="MaxChallenges"/> challenges and
/// <see cref="MaxParameters"/> parameters per challenge; a single left-to-right pass without backtracking.
/// Only printable ASCII (and tabs) is accepted. A parameter name may occur once per challenge.
/// </remarks>
public static class ChallengeParser
{
    /// <summary>The longest header value accepted (16 KiB).</summary>
    public const int MaxLength = 16 * 1024;
    /// <summary>The most challenges accepted in one header value.</summary>
    public const int MaxChallenges = 16;
    /// <summary>The most parameters accepted in one challenge.</summary>
    public const int MaxParameters = 32;

    private const int MaxClaimsJsonDepth = 16;

    /// <summary>Parses a header value into its challenges.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="headerValue"/> is null.</exception>
    /// <exception cref="FormatException">The value is not a well-formed, bounded challenge list, or a step-up parameter (<c>claims</c>, <c>max_age</c>) is malformed.</exception>
    public static IReadOnlyList<AuthenticationChallenge> Parse(string headerValue)
    {
        ArgumentNullException.ThrowIfNull(headerValue);
        return ParseCore(headerValue);
    }

    /// <summary>Parses a header value into its challenges; never throws.</summary>
    /// <returns><see langword="true"/> when the value is well-formed; otherwise <see langword="false"/> and an empty list.</returns>
    public static bool TryParse(string? headerValue, out IReadOnlyList<AuthenticationChallenge> challenges)
    {
        challenges = [];
        if (headerValue is null)
        {
            return false;
        }

        try
        {
            challenges = ParseCore(headerValue);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static List<AuthenticationChallenge> ParseCore(string s)
    {
        if (s.Length > MaxLength)
        {
            throw new FormatException($"The header value is longer than {MaxLength} characters.");
        }

        foreach (var c in s)
        {
            if (c is (< ' ' and not '\t') or > '~')
            {
                throw new FormatException("The header value contains a control or non-ASCII character.");
            }
        }

        var result = new List<AuthenticationChallenge>();
        var pos = 0;
        SkipSeparators(s, ref pos);
        while (pos < s.Length)
        {
            if (result.Count == MaxChallenges)
            {
                throw new FormatException($"More than {MaxChallenges} challenges.");
            }

            result.Add(ParseChallenge(s, ref pos));
            SkipSeparators(s, ref pos);
        }

        if (result.Count == 0)
        {
            throw new FormatException("The header value holds no challenge.");
        }

        return result;
    }

    // One challenge starting at a scheme; leaves pos at the start of the next challenge or at the end.
    private static AuthenticationChallenge ParseChallenge(string s, ref int pos)
    {
        var scheme = ReadToken(s, ref pos) ?? throw new FormatException($"Expected an authentication scheme at position {pos}.");
        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? token68 = null;

        var spaces = SkipWhitespace(s, ref pos);
        if (pos < s.Length && s[pos] != ',')
        {
            if (spaces == 0)
            {
                throw new FormatException($"Expected a space after the scheme at position {pos}.");
            }

            if (TryReadToken68(s, ref pos, out token68))
            {
                SkipWhitespace(s, ref pos);
            }
            else
            {
                ReadParameter(s, ref pos, parameters);
                while (true)
                {
                    SkipWhitespace(s, ref pos);
                    if (pos >= s.Length)
                    {
                        break;
                    }

                    if (s[pos] != ',')
                    {
                        throw new FormatException($"Expected ',' at position {pos}.");
                    }

                    var next = pos;
                    SkipSeparators(s, ref next);
                    if (next >= s.Length || !StartsParameter(s, next))
                    {
                        pos = next; // A new challenge (or the end) follows.
                        break;
                    }

                    pos = next;
                    ReadParameter(s, ref pos, parameters);
                }
            }
        }

        if (pos < s.Length && s[pos] != ',' && !IsTokenStart(s, pos))
        {
            throw new FormatException($"Unexpected character at position {pos}.");
        }

        return Interpret(scheme, token68, parameters);
    }

    // token68 right after the scheme: its characters, optional '=' padding, then the end of the challenge.
    private static bool TryReadToken68(string s, ref int pos, out string? token68)
    {
        token68 = null;
        var end = pos;
        while (end < s.Length && HeaderText.IsToken68Char(s[end]))
        {
            end++;
        }

        if (end == pos)
        {
            return false;
        }

        var padded = end;
        while (padded < s.Length && s[padded] == '=')
        {
            padded++;
        }

        var after = padded;
        SkipWhitespace(s, ref after);
        if (after < s.Length && s[after] != ',')
        {
            return false; // name=value (or garbage, reported by the parameter reader)
        }

        token68 = s[pos..padded];
        pos = padded;
        return true;
    }

    // Whether a parameter (token BWS '=' not followed by the end or a comma) starts at pos, rather than a scheme.
    private static bool StartsParameter(string s, int pos)
    {
        var p = pos;
        if (ReadToken(s, ref p) is null)
        {
            return false;
        }

        SkipWhitespace(s, ref p);
        if (p >= s.Length || s[p] != '=')
        {
            return false;
        }

        p++;
        SkipWhitespace(s, ref p);
        return p < s.Length && s[p] != ',' && s[p] != '=';
    }

    private static void ReadParameter(string s, ref int pos, Dictionary<string, string> parameters)
    {
        var name = ReadToken(s, ref pos) ?? throw new FormatException($"Expected a parameter name at position {pos}.");
        SkipWhitespace(s, ref pos);
        if (pos >= s.Length || s[pos] != '=')
        {
            throw new FormatException($"Expected '=' at position {pos}.");
        }

        pos++;
        SkipWhitespace(s, ref pos);
        string value;
        if (pos < s.Length && s[pos] == '"')
        {
            value = ReadQuotedString(s, ref pos);
        }
        else
        {
            value = ReadToken(s, ref pos) ?? throw new FormatException($"Expected a token or quoted-string at position {pos}.");
        }

        if (parameters.Count == MaxParameters)
        {
            throw new FormatException($"More than {MaxParameters} parameters in one challenge.");
        }

        if (!parameters.TryAdd(name, value))
        {
            throw new FormatException("A parameter occurs twice in one challenge.");
        }
    }

    private static string ReadQuotedString(string s, ref int pos)
    {
        var builder = new StringBuilder();
        pos++; // opening quote
        while (pos < s.Length)
        {
            var c = s[pos++];
            if (c == '"')
            {
                return builder.ToString();
            }

            if (c == '\\')
            {
                if (pos >= s.Length)
                {
                    break;
                }

                c = s[pos++];
            }

            builder.Append(c);
        }

        throw new FormatException("Unterminated quoted-string.");
    }

    private static string? ReadToken(string s, ref int pos)
    {
        var start = pos;
        while (pos < s.Length && HeaderText.IsTokenChar(s[pos]))
        {
            pos++;
        }

        return pos == start ? null : s[start..pos];
    }

    private static bool IsTokenStart(string s, int pos) => pos < s.Length && HeaderText.IsTokenChar(s[pos]);

    private static int SkipWhitespace(string s, ref int pos)
    {
        var start = pos;
        while (pos < s.Length && s[pos] is ' ' or '\t')
        {
            pos++;
        }

        return pos - start;
    }

    // List separators: OWS and empty list elements ("a, , b").
    private static void SkipSeparators(string s, ref int pos)
    {
        while (pos < s.Length && s[pos] is ' ' or '\t' or ',')
        {
            pos++;
        }
    }

    private static AuthenticationChallenge Interpret(string scheme, string? token68, Dictionary<string, string> parameters)
    {
        string? claims = null;
        if (parameters.TryGetValue("error", out var error) && error == "insufficient_claims"
            && parameters.TryGetValue("claims", out var encoded))
        {
            claims = DecodeClaims(encoded);
        }

        IReadOnlyList<string> acrValues = parameters.TryGetValue("acr_values", out var acr)
            ? acr.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            : [];

        int? maxAge = null;
        if (parameters.TryGetValue("max_age", out var maxAgeText))
        {
            maxAge = int.TryParse(maxAgeText, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
                ? seconds
                : throw new FormatException("max_age is not a non-negative integer.");
        }

        return new AuthenticationChallenge(scheme, token68, parameters, claims, acrValues, maxAge);
    }

    // Base64 (standard or URL-safe, padding optional) of UTF-8 JSON, or the JSON itself as some servers send it.
    private static string DecodeClaims(string encoded)
    {
        string json;
        if (encoded.StartsWith('{'))
        {
            json = encoded;
        }
        else
        {
            var trimmed = encoded.Replace('-', '+').Replace('_', '/').TrimEnd('=');
            if (trimmed.Length % 4 == 1)
            {
                throw new FormatException("claims is not base64.");
            }

            var normalized = trimmed + new string('=', (4 - (trimmed.Length % 4)) % 4);
            var bytes = new byte[normalized.Length / 4 * 3];
            if (!Convert.TryFromBase64String(normalized, bytes, out var written))
            {
                throw new FormatException("claims is not base64.");
            }

            try
            {
                json = new UTF8Encoding(false, true).GetString(bytes, 0, written);
            }
            catch (ArgumentException)
            {
                throw new FormatException("claims is not UTF-8.");
            }
        }

        try
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json), new JsonReaderOptions { MaxDepth = MaxClaimsJsonDepth });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject || !reader.TrySkip() || reader.Read())
            {
                throw new FormatException("claims is not a JSON object.");
            }
        }
        catch (JsonException)
        {
            throw new FormatException("claims is not a JSON object.");
        }

        return json;
    }
}
