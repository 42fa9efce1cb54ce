using System.Globalization;

namespace ProtectedActions.Configuration.Documents;

/// <summary>
/// One input being read: its name (a file path or a caller-given label), the positions of its values, and the
/// issues found in it. Issue paths are <c>&lt;source&gt;#&lt;JSON path&gt;</c>; messages end with the line and
/// position when known.
/// </summary>
internal sealed class DocumentSource
{
    private readonly List<ConfigurationIssue> _issues;

    public DocumentSource(string? name, List<ConfigurationIssue> issues, UnknownPropertySummary? summary = null)
    {
        Name = name;
        _issues = issues;
        Summary = summary;
    }

    /// <summary>Where information-only unknown properties are summarised; null: each is reported where it occurs.</summary>
    public UnknownPropertySummary? Summary { get; }

    /// <summary>The file path or label; <see langword="null"/> for an unnamed string.</summary>
    public string? Name { get; }

    private ReadOnlyMemory<byte> _text;
    private JsonPositions? _positions;

    /// <summary>Remembers the parsed text; the position index is built only when an issue needs a line number.</summary>
    public void SetText(ReadOnlyMemory<byte> utf8)
    {
        _text = utf8;
        _positions = null;
    }

    private JsonPositions? Positions => _positions ??= _text.IsEmpty ? null : JsonPositions.Build(_text.Span);

    /// <summary>Whether an error was reported for this source.</summary>
    public bool HasErrors => ErrorCount > 0;

    /// <summary>How many errors were reported for this source.</summary>
    public int ErrorCount { get; private set; }

    public void Error(string code, string jsonPath, string message)
    {
        ErrorCount++;
        Add(ConfigurationSeverity.Error, code, jsonPath, message);
    }

    public void Information(string code, string jsonPath, string message) => Add(ConfigurationSeverity.Information, code, jsonPath, message);

    public void Warning(string code, string jsonPath, string message) => Add(ConfigurationSeverity.Warning, code, jsonPath, message);

    /// <summary>Reports an error at a known line and position (syntax errors).</summary>
    public void ErrorAt(string code, string jsonPath, long? line, long? position, string message)
    {
        ErrorCount++;
        _issues.Add(new ConfigurationIssue(ConfigurationSeverity.Error, code, Locate(jsonPath), message + Where(line, position)));
    }

    public string Locate(string jsonPath) => Name is null ? jsonPath : Name + "#" + jsonPath;

    private void Add(ConfigurationSeverity severity, string code, string jsonPath, string message)
    {
        var at = Positions?.Find(jsonPath);
        _issues.Add(new ConfigurationIssue(severity, code, Locate(jsonPath), message + Where(at?.Line, at?.Position)));
    }

    private static string Where(long? line, long? position) => line is null
        ? "."
        : string.Create(CultureInfo.InvariantCulture, $" (line {line}, position {position}).");
}
