namespace ProtectedActions;

/// <summary>Emergency-access accounts and groups. Used by validation: every guarding policy should exclude them.</summary>
public sealed class EmergencyAccessAccounts
{
    /// <summary>User object ids.</summary>
    public List<string> UserIds { get; set; } = [];
    /// <summary>Group object ids.</summary>
    public List<string> GroupIds { get; set; } = [];
}
