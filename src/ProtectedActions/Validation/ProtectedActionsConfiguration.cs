using ProtectedActions.Compilation;

namespace ProtectedActions;

/// <summary>Validates a configuration (errors and lint warnings) without building an evaluator.</summary>
public static class ProtectedActionsConfiguration
{
    /// <summary>Runs every validation and lint rule on <paramref name="options"/>.</summary>
    /// <param name="options">The configuration.</param>
    /// <param name="rootPath">The prefix of every reported path. Default <c>ProtectedActions</c>.</param>
    public static ConfigurationValidationResult Validate(ProtectedActionsOptions options, string rootPath = ProtectedActionsOptions.SectionName)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(rootPath);
        _ = SnapshotCompiler.Compile(options, rootPath, DateTimeOffset.UnixEpoch, out var issues);
        return new ConfigurationValidationResult(issues);
    }
}

/// <summary>The findings of validation.</summary>
public sealed class ConfigurationValidationResult
{
    internal ConfigurationValidationResult(IReadOnlyList<ConfigurationIssue> issues) => Issues = issues;

    /// <summary>Every finding, in configuration order.</summary>
    public IReadOnlyList<ConfigurationIssue> Issues { get; }

    /// <summary>Whether there are no errors.</summary>
    public bool IsValid => !Issues.Any(i => i.Severity == ConfigurationSeverity.Error);

    /// <summary>The errors.</summary>
    public IEnumerable<ConfigurationIssue> Errors => Issues.Where(i => i.Severity == ConfigurationSeverity.Error);

    /// <summary>The warnings (lint rules).</summary>
    public IEnumerable<ConfigurationIssue> Warnings => Issues.Where(i => i.Severity == ConfigurationSeverity.Warning);
}
