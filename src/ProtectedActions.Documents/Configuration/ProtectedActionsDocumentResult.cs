using ProtectedActions.Configuration.Documents;

namespace ProtectedActions;

/// <summary>
/// What reading configuration documents and Graph exports produced: the options and every issue found. Issue
/// paths are <c>&lt;file&gt;#&lt;JSON path&gt;</c> (just the JSON path for an unnamed string) and messages end
/// with the line and position. When <see cref="HasErrors"/> is set the options are incomplete and must not be used.
/// </summary>
public sealed class ProtectedActionsDocumentResult
{
    private readonly DocumentMerger _merger;

    internal ProtectedActionsDocumentResult(DocumentMerger merger)
    {
        _merger = merger;
        Issues = [.. merger.Issues, .. merger.Summary.Issues()];
        Files = merger.Files.ToArray();
    }

    /// <summary>The options read (merged, in input order, when there were several inputs).</summary>
    public ProtectedActionsOptions Options => _merger.Options;

    /// <summary>Errors (unreadable or invalid input, rejected Graph objects), warnings (unknown properties) and information, in input order; the per-name summaries of Graph properties that are not evaluated come last.</summary>
    public IReadOnlyList<ConfigurationIssue> Issues { get; }

    /// <summary>Whether any issue is an error.</summary>
    public bool HasErrors => Issues.Any(i => i.Severity == ConfigurationSeverity.Error);

    /// <summary>The errors only.</summary>
    public IReadOnlyList<ConfigurationIssue> Errors => Issues.Where(i => i.Severity == ConfigurationSeverity.Error).ToArray();

    /// <summary>The files read, in the order they were read.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>
    /// Where a validation path such as <c>ProtectedActions:ConditionalAccessPolicies[2]:conditions:users</c> came
    /// from, as <c>&lt;file&gt;#&lt;JSON path&gt;</c>; <see langword="null"/> when it cannot be traced.
    /// </summary>
    public string? Locate(string configurationPath)
    {
        ArgumentNullException.ThrowIfNull(configurationPath);
        return _merger.Locate(configurationPath);
    }
}
