using System.Text.Json;

namespace ProtectedActions.Configuration.Documents;

/// <summary>Parses decoded UTF-8 JSON within the shared limits, reporting syntax errors with line and position.</summary>
internal static class JsonText
{
    public static JsonDocument? Parse(ReadOnlyMemory<byte> utf8, DocumentSource source)
    {
        // The reader checks UTF-8 only when a string is decoded; check it all up front so that no later
        // GetString can throw.
        if (!System.Text.Unicode.Utf8.IsValid(utf8.Span))
        {
            source.Error(DocumentCodes.InvalidJson, JsonPath.Root, "the text is not valid UTF-8 (save it as UTF-8, or as UTF-16 with a byte-order mark)");
            return null;
        }

        try
        {
            var document = JsonDocument.Parse(utf8, JsonPositions.DocumentOptions);
            source.SetText(utf8);
            if (FindBadEscape(utf8.Span) is { } offset)
            {
                document.Dispose();
                var (line, position) = LineAndPosition(utf8.Span, offset);
                source.ErrorAt(DocumentCodes.InvalidJson, JsonPath.Root, line, position,
                    "the text is not valid JSON: a string holds an escaped lone surrogate (\\uD800-\\uDFFF without its pair)");
                return null;
            }

            return document;
        }
        catch (JsonException ex)
        {
            source.ErrorAt(DocumentCodes.InvalidJson, ex.Path ?? JsonPath.Root, ex.LineNumber + 1, ex.BytePositionInLine + 1,
                "the text is not valid JSON: " + Reason(ex.Message));
            return null;
        }
    }

    /// <summary>
    /// The offset of the first escaped string that cannot be decoded (a lone surrogate such as <c>"\ud800"</c>),
    /// or <see langword="null"/>. The parser accepts such escapes but decoding them throws; finding them here
    /// keeps every later <c>GetString</c> safe. Unescaped text is already known to be valid UTF-8.
    /// </summary>
    internal static long? FindBadEscape(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, JsonPositions.ReaderOptions);
        while (reader.Read())
        {
            if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.ValueIsEscaped)
            {
                try
                {
                    _ = reader.GetString();
                }
                catch (InvalidOperationException)
                {
                    return reader.TokenStartIndex;
                }
            }
        }

        return null;
    }

    private static (long Line, long Position) LineAndPosition(ReadOnlySpan<byte> utf8, long offset)
    {
        var before = utf8[..(int)offset];
        var line = before.Count((byte)'\n');
        var lineStart = before.LastIndexOf((byte)'\n') + 1;
        return (line + 1, offset - lineStart + 1);
    }

    /// <summary>Reads, decodes and parses a file; every failure becomes an issue on <paramref name="source"/>.</summary>
    public static JsonDocument? ParseFile(string path, int maxBytes, DocumentSource source)
    {
        var raw = JsonInput.ReadFile(path, maxBytes, out var error);
        return raw is null ? Fail(source, DocumentCodes.Unreadable, error!) : ParseBytes(raw, source);
    }

    public static JsonDocument? ParseBytes(byte[] raw, DocumentSource source)
    {
        var utf8 = JsonInput.Decode(raw, out var error);
        return error is not null ? Fail(source, DocumentCodes.InvalidJson, error) : Parse(utf8, source);
    }

    private static JsonDocument? Fail(DocumentSource source, string code, string message)
    {
        source.Error(code, JsonPath.Root, message);
        return null;
    }

    // The reader's message ends with its own 0-based "LineNumber: n | BytePositionInLine: m."; ours replaces it.
    private static string Reason(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        var reason = (cut >= 0 ? message[..cut] : message).TrimEnd('.', ' ');
        return PrintableText.Of(reason, 200);
    }
}
