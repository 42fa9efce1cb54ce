namespace ProtectedActions.Validation;

/// <summary>Collects validation findings while options are compiled.</summary>
internal sealed class IssueCollector
{
    private readonly List<ConfigurationIssue> _issues = [];

    public IReadOnlyList<ConfigurationIssue> Issues => _issues;

    public bool HasErrors { get; private set; }

    public void Error(string code, string path, string message)
    {
        HasErrors = true;
        _issues.Add(new ConfigurationIssue(ConfigurationSeverity.Error, code, path, message));
    }

    public void Warning(string code, string path, string message) =>
        _issues.Add(new ConfigurationIssue(ConfigurationSeverity.Warning, code, path, message));

    public void Information(string code, string path, string message) =>
        _issues.Add(new ConfigurationIssue(ConfigurationSeverity.Information, code, path, message));
}
