namespace ProtectedActions;

/// <summary>
/// A check every reloaded configuration must pass before it becomes active, for integrations that know facts
/// the configuration must agree with (the ASP.NET Core integration registers one that requires every permission
/// its endpoints declare to be mapped). A configuration the check refuses is handled like an invalid reload:
/// the last good configuration stays in force, the refusal is logged and
/// <see cref="IProtectedActionsConfigurationStatus.IsDegraded"/> becomes true. Register implementations as
/// singletons; they run on the configuration's change-notification thread and must not block for long.
/// </summary>
public interface IProtectedActionsConfigurationCheck
{
    /// <summary>The errors that refuse <paramref name="configuration"/>; empty to accept it.</summary>
    /// <param name="configuration">The compiled candidate configuration.</param>
    /// <returns>The errors (each should be <see cref="ConfigurationSeverity.Error"/>).</returns>
    IReadOnlyList<ConfigurationIssue> Check(ProtectedActionsConfigurationView configuration);
}
