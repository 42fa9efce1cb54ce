using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ProtectedActions.Compilation;
using ProtectedActions.Diagnostics;

namespace ProtectedActions.DependencyInjection;

/// <summary>
/// Connects <see cref="IOptionsMonitor{TOptions}"/> to the snapshot holder: compiles the options at start-up
/// and on every change, swapping only valid snapshots in.
/// </summary>
internal sealed class SnapshotSource : IProtectedActionsConfigurationStatus, IDisposable
{
    private readonly IDisposable? _subscription;
    private readonly ILogger _logger;
    private readonly string _rootPath;
    private readonly TimeProvider _time;
    private readonly IReadOnlyList<IProtectedActionsConfigurationCheck> _checks;
    private readonly ConfigurationKeyCheck[] _keyChecks;
    private ConfigurationIssue[] _keyIssues = [];

    public SnapshotSource(IOptionsMonitor<ProtectedActionsOptions> monitor, ProtectedActionsRootPath rootPath, TimeProvider time, ILoggerFactory? loggerFactory = null,
        IEnumerable<IProtectedActionsConfigurationCheck>? checks = null, IEnumerable<ConfigurationKeyCheck>? keyChecks = null)
    {
        _checks = checks?.ToArray() ?? [];
        _keyChecks = keyChecks?.ToArray() ?? [];
        _logger = (ILogger?)loggerFactory?.CreateLogger("ProtectedActions") ?? NullLogger.Instance;
        _rootPath = rootPath.Value;
        _time = time;
        var initial = SnapshotCompiler.Compile(monitor.CurrentValue, _rootPath, time.GetUtcNow(), out var issues)
            ?? throw new OptionsValidationException(Options.DefaultName, typeof(ProtectedActionsOptions),
                issues.Where(i => i.Severity == ConfigurationSeverity.Error).Select(i => $"{i} ({i.Code})"));
        Holder = new SnapshotHolder(initial);
        Report(initial);
        _subscription = monitor.OnChange(Reload);
    }

    public SnapshotHolder Holder { get; }

    public long Version => Holder.Current.Version;

    public DateTimeOffset ActivatedAt => Holder.Current.CompiledAt;

    public IReadOnlyList<ConfigurationIssue> Issues => _keyIssues.Length == 0 ? Holder.Current.Issues : [.. Holder.Current.Issues, .. _keyIssues];

    public IReadOnlyList<ConfigurationIssue> LastReloadErrors => Holder.LastReloadErrors;

    public bool IsDegraded => Holder.LastReloadErrors.Count > 0;

    public ProtectedActionsConfigurationView Active => Holder.Current.View;

    private void Reload(ProtectedActionsOptions options)
    {
        try
        {
            if (Holder.TryReload(options, _rootPath, _time.GetUtcNow(), out var issues, _checks))
            {
                Report(Holder.Current);
            }
            else
            {
                Log.ReloadRejected(_logger, Holder.Current.Version, issues.First(i => i.Severity == ConfigurationSeverity.Error).ToString());
            }
        }
#pragma warning disable CA1031 // A reload runs on a change-token thread: an escaping exception would crash the host. Keep the last good snapshot.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.ReloadRejected(_logger, Holder.Current.Version, "unexpected " + ex.GetType().Name);
        }
    }

    private void Report(ProtectedActionsSnapshot snapshot)
    {
        var warnings = 0;
        _keyIssues = _keyChecks.Length == 0 ? [] : _keyChecks.SelectMany(k => k.Check()).ToArray();
        foreach (var i in snapshot.Issues.Concat(_keyIssues).Where(i => i.Severity == ConfigurationSeverity.Warning))
        {
            warnings++;
            Log.ConfigurationWarning(_logger, i.Code, i.Path, i.Message);
        }

        Log.ConfigurationActivated(_logger, snapshot.Version, 0, warnings);
    }

    public void Dispose() => _subscription?.Dispose();
}

/// <summary>The configuration path prefix used in validation messages.</summary>
internal sealed record ProtectedActionsRootPath(string Value);
