namespace ProtectedActions;

/// <summary>A Conditional Access policy in the Microsoft Graph <c>conditionalAccessPolicy</c> shape.</summary>
public sealed class ConditionalAccessPolicy
{
    /// <summary>The policy id. Optional; decisions name the policy by id, else by display name.</summary>
    public string? Id { get; set; }
    /// <summary>The display name.</summary>
    public string? DisplayName { get; set; }
    /// <summary><c>enabled</c>, <c>disabled</c> or <c>enabledForReportingButNotEnforced</c> (report-only).</summary>
    public string? State { get; set; }
    /// <summary>Who and what the policy applies to.</summary>
    public ConditionalAccessConditions? Conditions { get; set; }
    /// <summary>What must be satisfied when it applies.</summary>
    public ConditionalAccessGrantControls? GrantControls { get; set; }
    /// <summary>Session controls; only sign-in frequency is enforced by a resource server.</summary>
    public ConditionalAccessSessionControls? SessionControls { get; set; }
}
