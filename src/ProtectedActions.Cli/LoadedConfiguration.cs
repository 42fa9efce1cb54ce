namespace ProtectedActions.Cli;

/// <summary>
/// The configuration named by <c>--config</c> (files and folders, documents and Graph exports mixed): the
/// document issues, the validation issues, and where each validation path came from.
/// </summary>
internal sealed class LoadedConfiguration
{
    private LoadedConfiguration(ProtectedActionsDocumentResult document, ConfigurationValidationResult? validation)
    {
        Document = document;
        Validation = validation;
    }

    public ProtectedActionsDocumentResult Document { get; }

    /// <summary>Validation issues; <see langword="null"/> when the documents themselves had errors.</summary>
    public ConfigurationValidationResult? Validation { get; }

    public ProtectedActionsOptions Options => Document.Options;

    /// <summary>Whether any input could not be read or parsed at all (exit 2 even for validate).</summary>
    public bool Unreadable => Document.Issues.Any(i => i.Code is IssueCodes.Unreadable or IssueCodes.InvalidJson or IssueCodes.FolderProblem && i.Severity == ConfigurationSeverity.Error);

    public bool HasErrors => Document.HasErrors || Validation?.IsValid == false;

    /// <summary>Every issue: document issues, then validation issues.</summary>
    public IEnumerable<(ConfigurationIssue Issue, string? Source)> AllIssues =>
        Document.Issues.Select(i => (i, (string?)null))
            .Concat((Validation?.Issues ?? []).Select(i => (i, Document.Locate(i.Path))));

    public static LoadedConfiguration Load(IReadOnlyList<string> paths)
    {
        if (paths.Count == 0)
        {
            throw new CliException("option --config is required (a configuration document, a Graph export, or a folder of them)");
        }

        var document = ProtectedActionsDocument.LoadPaths(paths);
        if (document.Files.Count == 0 && !document.HasErrors)
        {
            throw new CliException($"no JSON file found in {string.Join(", ", paths.Select(CommandLine.Printable))}");
        }

        var validation = document.HasErrors ? null : ProtectedActionsConfiguration.Validate(document.Options);
        return new LoadedConfiguration(document, validation);
    }

    /// <summary>Throws a one-paragraph <see cref="CliException"/> naming the first error's file and JSON path when there are errors.</summary>
    public void ThrowIfInvalid()
    {
        var errors = AllIssues.Where(x => x.Issue.Severity == ConfigurationSeverity.Error).ToList();
        if (errors.Count == 0)
        {
            return;
        }

        var (first, source) = errors[0];
        var where = source is null ? first.Path : $"{source} ({first.Path})";
        var more = errors.Count > 1 ? $" There are {errors.Count - 1} more errors; run 'protected-actions validate' to list them." : "";
        throw new CliException($"the configuration is invalid: {where}: {first.Code} {first.Message}{more}");
    }

    /// <summary>Formats an issue for text output: <c>severity code path [source]: message</c>.</summary>
    public static string Format(ConfigurationIssue issue, string? source) =>
        $"{Severity(issue.Severity)} {issue.Code} {issue.Path}{(source is null ? "" : " [" + source + "]")}: {issue.Message}";

    public static string Severity(ConfigurationSeverity severity) => severity switch
    {
        ConfigurationSeverity.Error => "error",
        ConfigurationSeverity.Warning => "warning",
        _ => "info",
    };
}
