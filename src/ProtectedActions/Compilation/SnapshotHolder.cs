namespace ProtectedActions.Compilation;

/// <summary>
/// Holds the active snapshot and swaps it atomically. An invalid configuration never replaces a valid one:
/// the last good snapshot stays in force and the failure is kept for health reporting.
/// </summary>
internal sealed class SnapshotHolder
{
    private ProtectedActionsSnapshot _current;
    private IReadOnlyList<ConfigurationIssue> _lastReloadErrors = [];

    public SnapshotHolder(ProtectedActionsSnapshot initial) => _current = initial;

    public ProtectedActionsSnapshot Current => Volatile.Read(ref _current);

    /// <summary>Errors of the last refused reload; empty when the last reload succeeded.</summary>
    public IReadOnlyList<ConfigurationIssue> LastReloadErrors => Volatile.Read(ref _lastReloadErrors);

    /// <summary>
    /// Compiles <paramref name="options"/> and swaps it in when valid and every acceptance check passes. Returns the
    /// issues found (a refusing check's errors are appended to the compiler's issues).
    /// </summary>
    public bool TryReload(ProtectedActionsOptions options, string rootPath, DateTimeOffset now, out IReadOnlyList<ConfigurationIssue> issues,
        IReadOnlyList<IProtectedActionsConfigurationCheck>? checks = null)
    {
        var next = SnapshotCompiler.Compile(options, rootPath, now, out issues);
        if (next is not null && checks is not null)
        {
            List<ConfigurationIssue>? refused = null;
            foreach (var check in checks)
            {
                foreach (var issue in check.Check(next.View))
                {
                    // A check can only refuse: whatever severity it reports, it is treated as an error.
                    (refused ??= []).Add(new ConfigurationIssue(ConfigurationSeverity.Error, issue.Code, issue.Path, issue.Message));
                }
            }

            if (refused is not null)
            {
                issues = [.. issues, .. refused];
                next = null;
            }
        }

        if (next is null)
        {
            Volatile.Write(ref _lastReloadErrors, issues.Where(i => i.Severity == ConfigurationSeverity.Error).ToArray());
            return false;
        }

        Volatile.Write(ref _current, next);
        Volatile.Write(ref _lastReloadErrors, []);
        return true;
    }
}
