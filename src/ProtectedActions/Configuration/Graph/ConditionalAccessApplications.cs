namespace ProtectedActions;

/// <summary>Graph <c>conditionalAccessApplications</c>.</summary>
public sealed class ConditionalAccessApplications
{
    /// <summary>Included applications.</summary>
    public List<string>? IncludeApplications { get; set; }
    /// <summary>Excluded applications.</summary>
    public List<string>? ExcludeApplications { get; set; }
    /// <summary>Included user actions.</summary>
    public List<string>? IncludeUserActions { get; set; }
    /// <summary>Authentication contexts the policy guards, for example <c>["c1"]</c>.</summary>
    public List<string>? IncludeAuthenticationContextClassReferences { get; set; }
}
