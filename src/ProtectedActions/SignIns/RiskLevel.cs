namespace ProtectedActions;

/// <summary>Sign-in and user risk levels as Identity Protection reports them.</summary>
public enum RiskLevel
{
    /// <summary><c>none</c>.</summary>
    None,
    /// <summary><c>low</c>.</summary>
    Low,
    /// <summary><c>medium</c>.</summary>
    Medium,
    /// <summary><c>high</c>.</summary>
    High,
    /// <summary><c>hidden</c>.</summary>
    Hidden,
}
