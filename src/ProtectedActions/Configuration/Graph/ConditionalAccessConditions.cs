namespace ProtectedActions;

/// <summary>Graph <c>conditionalAccessConditionSet</c>.</summary>
public sealed class ConditionalAccessConditions
{
    /// <summary>Targeted resources; <c>includeAuthenticationContextClassReferences</c> selects protected-action policies.</summary>
    public ConditionalAccessApplications? Applications { get; set; }
    /// <summary>Users, groups, roles and guests.</summary>
    public ConditionalAccessUsers? Users { get; set; }
    /// <summary>Device platforms.</summary>
    public ConditionalAccessPlatforms? Platforms { get; set; }
    /// <summary>Named locations.</summary>
    public ConditionalAccessLocations? Locations { get; set; }
    /// <summary>Client app types: <c>all, browser, mobileAppsAndDesktopClients, exchangeActiveSync, easSupported, other</c>.</summary>
    public List<string>? ClientAppTypes { get; set; }
    /// <summary>Device filter.</summary>
    public ConditionalAccessDevices? Devices { get; set; }
    /// <summary>Sign-in risk levels: <c>low, medium, high, hidden, none</c>.</summary>
    public List<string>? SignInRiskLevels { get; set; }
    /// <summary>User risk levels: <c>low, medium, high, hidden, none</c>.</summary>
    public List<string>? UserRiskLevels { get; set; }
    /// <summary>Service principal risk levels (workload identities; a user sign-in never matches them).</summary>
    public List<string>? ServicePrincipalRiskLevels { get; set; }
    /// <summary>Insider risk levels (no source in this library: a policy using them applies with <c>notEnoughInformation</c>).</summary>
    public string? InsiderRiskLevels { get; set; }
    /// <summary>Authentication flows (device code, authentication transfer): not visible to a resource server.</summary>
    public ConditionalAccessAuthenticationFlows? AuthenticationFlows { get; set; }
    /// <summary>Workload identities (service principals) the policy targets.</summary>
    public ConditionalAccessClientApplications? ClientApplications { get; set; }
}
