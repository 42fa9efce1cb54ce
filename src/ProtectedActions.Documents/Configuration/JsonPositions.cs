using System.Text.Json;

namespace ProtectedActions.Configuration.Documents;

/// <summary>
/// Where each value of a JSON text starts (line and position, both 1-based), by JSON path, so that an issue
/// found while walking the parsed document can name the line. Built by one bounded pass of the reader.
/// </summary>
internal sealed class JsonPositions
{
    private readonly Dictionary<string, long> _offsets;
    private readonly List<long> _lineStarts;

    private JsonPositions(Dictionary<string, long> offsets, List<long> lineStarts)
    {
        _offsets = offsets;
        _lineStarts = lineStarts;
    }

    /// <summary>Reader options shared by every document reader: comments and trailing commas allowed as appsettings.json allows them.</summary>
    public static JsonReaderOptions ReaderOptions { get; } = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        MaxDepth = DocumentLimits.MaxDepth,
    };

    /// <summary>Document options matching <see cref="ReaderOptions"/>.</summary>
    public static JsonDocumentOptions DocumentOptions { get; } = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        MaxDepth = DocumentLimits.MaxDepth,
    };

    /// <summary>Indexes <paramref name="utf8"/>; the caller has already parsed it successfully.</summary>
    public static JsonPositions Build(ReadOnlySpan<byte> utf8)
    {
        var lineStarts = new List<long> { 0 };
        for (var i = 0; i < utf8.Length; i++)
        {
            if (utf8[i] == (byte)'\n')
            {
                lineStarts.Add(i + 1);
            }
        }

        var offsets = new Dictionary<string, long>(StringComparer.Ordinal);
        var reader = new Utf8JsonReader(utf8, ReaderOptions);
        // Each frame: the container's path, whether it is an array, and the next array index.
        var stack = new Stack<(string Path, bool IsArray, int Next)>();
        string? pendingProperty = null;
        while (reader.Read())
        {
            string? valuePath = null;
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    pendingProperty = JsonPath.Property(stack.Peek().Path, reader.GetString()!);
                    offsets[pendingProperty] = reader.TokenStartIndex;
                    continue;
                case JsonTokenType.EndObject:
                case JsonTokenType.EndArray:
                    stack.Pop();
                    continue;
            }

            if (stack.Count == 0)
            {
                valuePath = JsonPath.Root;
            }
            else if (stack.Peek().IsArray)
            {
                var frame = stack.Pop();
                valuePath = JsonPath.Index(frame.Path, frame.Next);
                stack.Push((frame.Path, true, frame.Next + 1));
            }
            else
            {
                valuePath = pendingProperty!;
            }

            offsets.TryAdd(valuePath, reader.TokenStartIndex);
            if (reader.TokenType == JsonTokenType.StartObject)
            {
                stack.Push((valuePath, false, 0));
            }
            else if (reader.TokenType == JsonTokenType.StartArray)
            {
                stack.Push((valuePath, true, 0));
            }
        }

        return new JsonPositions(offsets, lineStarts);
    }

    /// <summary>The 1-based line and position where <paramref name="path"/> starts, when known.</summary>
    public (long Line, long Position)? Find(string path)
    {
        if (!_offsets.TryGetValue(path, out var offset))
        {
            return null;
        }

        var index = _lineStarts.BinarySearch(offset);
        var line = index >= 0 ? index : ~index - 1;
        return (line + 1, offset - _lineStarts[line] + 1);
    }
}
