namespace ProtectedActions;

/// <summary>The state of the active configuration, for health checks and diagnostics.</summary>
public interface IProtectedActionsConfigurationStatus
{
    /// <summary>The active snapshot's version (increases with every successful load).</summary>
    long Version { get; }

    /// <summary>When the active snapshot was compiled.</summary>
    DateTimeOffset ActivatedAt { get; }

    /// <summary>Warnings and information of the active configuration.</summary>
    IReadOnlyList<ConfigurationIssue> Issues { get; }

    /// <summary>The errors of the last refused reload; empty when the last reload succeeded.</summary>
    IReadOnlyList<ConfigurationIssue> LastReloadErrors { get; }

    /// <summary>Whether the last reload was refused, so an older configuration is still in force.</summary>
    bool IsDegraded { get; }

    /// <summary>The active configuration (never one a refused reload proposed); read settings from it, not from the raw options.</summary>
    ProtectedActionsConfigurationView Active { get; }
}
