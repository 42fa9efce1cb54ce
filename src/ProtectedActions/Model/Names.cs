namespace ProtectedActions;

/// <summary>
/// The wire names (camelCase, as Microsoft Graph and the decision JSON spell them) of the library's enums. Internal:
/// other packages and users call the public <see cref="WireNameExtensions"/> (<c>ToWireName()</c>).
/// </summary>
internal static class Names
{
    /// <summary>The name of an outcome: <c>allowed</c>, <c>stepUpRequired</c>, <c>denied</c>.</summary>
    public static string Of(ProtectedActionOutcome value) => value switch
    {
        ProtectedActionOutcome.Allowed => "allowed",
        ProtectedActionOutcome.StepUpRequired => "stepUpRequired",
        _ => "denied",
    };

    /// <summary>The name of what satisfied a decision: <c>notProtected</c>, <c>token</c>, <c>policies</c>, or <see langword="null"/> for none.</summary>
    public static string? Of(SatisfiedBy value) => value switch
    {
        SatisfiedBy.NotProtected => "notProtected",
        SatisfiedBy.Token => "token",
        SatisfiedBy.Policies => "policies",
        _ => null,
    };

    /// <summary>The Graph name of a policy state.</summary>
    public static string Of(PolicyState value) => value switch
    {
        PolicyState.Enabled => "enabled",
        PolicyState.Disabled => "disabled",
        _ => "enabledForReportingButNotEnforced",
    };

    /// <summary>The Graph What-If name of a reason.</summary>
    public static string Of(PolicyReason value) => value switch
    {
        PolicyReason.NotSet => "notSet",
        PolicyReason.Users => "users",
        PolicyReason.Application => "application",
        PolicyReason.AuthenticationContext => "authenticationContext",
        PolicyReason.DevicePlatform => "devicePlatform",
        PolicyReason.Devices => "devices",
        PolicyReason.ClientApps => "clientApps",
        PolicyReason.Location => "location",
        PolicyReason.SignInRisk => "signInRisk",
        PolicyReason.UserRisk => "userRisk",
        PolicyReason.PolicyNotEnabled => "policyNotEnabled",
        PolicyReason.EmptyPolicy => "emptyPolicy",
        PolicyReason.InvalidPolicy => "invalidPolicy",
        PolicyReason.InvalidCondition => "invalidCondition",
        _ => "notEnoughInformation",
    };
}
