namespace ProtectedActions;

/// <summary>A Conditional Access policy's state.</summary>
public enum PolicyState
{
    /// <summary><c>enabled</c>: enforced.</summary>
    Enabled,
    /// <summary><c>disabled</c>: not evaluated.</summary>
    Disabled,
    /// <summary><c>enabledForReportingButNotEnforced</c>: evaluated and reported, never enforced.</summary>
    ReportOnly,
}
