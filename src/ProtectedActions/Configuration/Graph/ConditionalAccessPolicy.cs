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

/// <summary>Graph <c>conditionalAccessUsers</c>.</summary>
public sealed class ConditionalAccessUsers
{
    /// <summary>User ids, <c>All</c>, <c>None</c> or <c>GuestsOrExternalUsers</c>.</summary>
    public List<string>? IncludeUsers { get; set; }
    /// <summary>User ids or <c>GuestsOrExternalUsers</c>.</summary>
    public List<string>? ExcludeUsers { get; set; }
    /// <summary>Group ids.</summary>
    public List<string>? IncludeGroups { get; set; }
    /// <summary>Group ids.</summary>
    public List<string>? ExcludeGroups { get; set; }
    /// <summary>Directory role template ids.</summary>
    public List<string>? IncludeRoles { get; set; }
    /// <summary>Directory role template ids.</summary>
    public List<string>? ExcludeRoles { get; set; }
    /// <summary>Included guest or external user kinds.</summary>
    public ConditionalAccessGuestsOrExternalUsers? IncludeGuestsOrExternalUsers { get; set; }
    /// <summary>Excluded guest or external user kinds.</summary>
    public ConditionalAccessGuestsOrExternalUsers? ExcludeGuestsOrExternalUsers { get; set; }
}

/// <summary>Graph <c>conditionalAccessGuestsOrExternalUsers</c>.</summary>
public sealed class ConditionalAccessGuestsOrExternalUsers
{
    /// <summary>Comma-joined kinds: <c>internalGuest, b2bCollaborationGuest, b2bCollaborationMember, b2bDirectConnectUser, otherExternalUser, serviceProvider</c>.</summary>
    public string? GuestOrExternalUserTypes { get; set; }
    /// <summary>Which external tenants; only <c>all</c> membership is evaluated (enumerated tenants are compared with the sign-in's tenant).</summary>
    public ConditionalAccessExternalTenants? ExternalTenants { get; set; }
}

/// <summary>Graph <c>conditionalAccessExternalTenants</c>.</summary>
public sealed class ConditionalAccessExternalTenants
{
    /// <summary><c>all</c> or <c>enumerated</c>.</summary>
    public string? MembershipKind { get; set; }
    /// <summary>Tenant ids when enumerated.</summary>
    public List<string>? Members { get; set; }
}

/// <summary>Graph <c>conditionalAccessPlatforms</c>.</summary>
public sealed class ConditionalAccessPlatforms
{
    /// <summary><c>android, iOS, windows, windowsPhone, macOS, linux, all</c>.</summary>
    public List<string>? IncludePlatforms { get; set; }
    /// <summary>As <see cref="IncludePlatforms"/>.</summary>
    public List<string>? ExcludePlatforms { get; set; }
}

/// <summary>Graph <c>conditionalAccessLocations</c>.</summary>
public sealed class ConditionalAccessLocations
{
    /// <summary>Named-location ids, <c>All</c> or <c>AllTrusted</c>.</summary>
    public List<string>? IncludeLocations { get; set; }
    /// <summary>Named-location ids or <c>AllTrusted</c>.</summary>
    public List<string>? ExcludeLocations { get; set; }
}

/// <summary>Graph <c>conditionalAccessDevices</c>.</summary>
public sealed class ConditionalAccessDevices
{
    /// <summary>The device filter.</summary>
    public ConditionalAccessFilter? DeviceFilter { get; set; }
}

/// <summary>Graph <c>conditionalAccessFilter</c>.</summary>
public sealed class ConditionalAccessFilter
{
    /// <summary><c>include</c> (applies only to matching devices) or <c>exclude</c> (applies to all but matching devices).</summary>
    public string? Mode { get; set; }
    /// <summary>The rule, for example <c>device.isCompliant -eq True -and device.trustType -eq "AzureAD"</c>.</summary>
    public string? Rule { get; set; }
}

/// <summary>Graph <c>conditionalAccessAuthenticationFlows</c>.</summary>
public sealed class ConditionalAccessAuthenticationFlows
{
    /// <summary>Comma-joined transfer methods: <c>deviceCodeFlow, authenticationTransfer</c>.</summary>
    public string? TransferMethods { get; set; }
}

/// <summary>Graph <c>conditionalAccessClientApplications</c> (workload identities).</summary>
public sealed class ConditionalAccessClientApplications
{
    /// <summary>Included service principals.</summary>
    public List<string>? IncludeServicePrincipals { get; set; }
    /// <summary>Excluded service principals.</summary>
    public List<string>? ExcludeServicePrincipals { get; set; }
}

/// <summary>Graph <c>conditionalAccessGrantControls</c>.</summary>
public sealed class ConditionalAccessGrantControls
{
    /// <summary><c>AND</c> or <c>OR</c>. Default <c>OR</c> when absent.</summary>
    public string? Operator { get; set; }
    /// <summary><c>block, mfa, compliantDevice, domainJoinedDevice, approvedApplication, compliantApplication, passwordChange</c>.</summary>
    public List<string>? BuiltInControls { get; set; }
    /// <summary>The required authentication strength.</summary>
    public AuthenticationStrengthReference? AuthenticationStrength { get; set; }
    /// <summary>Terms-of-use ids (a resource server cannot verify them: when acrs is trusted the identity provider checks them at step-up).</summary>
    public List<string>? TermsOfUse { get; set; }
    /// <summary>Custom controls (a resource server cannot verify them: when acrs is trusted the identity provider checks them at step-up).</summary>
    public List<string>? CustomAuthenticationFactors { get; set; }
}

/// <summary>
/// A reference to an authentication strength by id. Graph exports of policies embed the whole strength; when
/// the id names no built-in or configured strength, the embedded <see cref="AllowedCombinations"/> define it.
/// </summary>
public sealed class AuthenticationStrengthReference
{
    /// <summary>The strength id: a built-in id or a configured custom strength.</summary>
    public string? Id { get; set; }
    /// <summary>Informational.</summary>
    public string? DisplayName { get; set; }
    /// <summary><c>builtIn</c> or <c>custom</c>, as Graph embeds it (informational).</summary>
    public string? PolicyType { get; set; }
    /// <summary>The strength's combinations as Graph embeds them; used only when <see cref="Id"/> is not defined elsewhere.</summary>
    public List<string>? AllowedCombinations { get; set; }
    /// <summary>The strength's combination restrictions as Graph embeds them; used only when <see cref="Id"/> is not defined elsewhere.</summary>
    public List<AuthenticationCombinationConfiguration>? CombinationConfigurations { get; set; }
}

/// <summary>Graph <c>conditionalAccessSessionControls</c>.</summary>
public sealed class ConditionalAccessSessionControls
{
    /// <summary>Sign-in frequency: the one session control a resource server enforces.</summary>
    public SignInFrequencySessionControl? SignInFrequency { get; set; }
}

/// <summary>Graph <c>signInFrequencySessionControl</c>.</summary>
public sealed class SignInFrequencySessionControl
{
    /// <summary>Whether the control is on.</summary>
    public bool IsEnabled { get; set; }
    /// <summary>The number of hours or days (time-based).</summary>
    public int? Value { get; set; }
    /// <summary><c>hours</c> or <c>days</c>.</summary>
    public string? Type { get; set; }
    /// <summary><c>timeBased</c> (default) or <c>everyTime</c> (within five minutes).</summary>
    public string? FrequencyInterval { get; set; }
    /// <summary><c>primaryAndSecondaryAuthentication</c> or <c>secondaryAuthentication</c> (informational).</summary>
    public string? AuthenticationType { get; set; }
}
