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

    /// <summary>Compiles <paramref name="options"/> and swaps it in when valid. Returns the issues found.</summary>
    public bool TryReload(ProtectedActionsOptions options, string rootPath, DateTimeOffset now, out IReadOnlyList<ConfigurationIssue> issues)
    {
        var next = SnapshotCompiler.Compile(options, rootPath, now, out issues);
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
