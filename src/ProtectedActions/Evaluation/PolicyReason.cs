namespace ProtectedActions;

/// <summary>
/// Why a policy applies or does not, as Microsoft Graph's What-If names it: <see cref="NotSet"/> means it
/// applies; otherwise the first condition that did not match.
/// </summary>
public enum PolicyReason
{
    /// <summary><c>notSet</c>: every condition matched; the policy applies.</summary>
    NotSet,
    /// <summary><c>users</c>.</summary>
    Users,
    /// <summary><c>application</c>.</summary>
    Application,
    /// <summary><c>authenticationContext</c>.</summary>
    AuthenticationContext,
    /// <summary><c>devicePlatform</c>.</summary>
    DevicePlatform,
    /// <summary><c>devices</c>.</summary>
    Devices,
    /// <summary><c>clientApps</c>.</summary>
    ClientApps,
    /// <summary><c>location</c>.</summary>
    Location,
    /// <summary><c>signInRisk</c>.</summary>
    SignInRisk,
    /// <summary><c>userRisk</c>.</summary>
    UserRisk,
    /// <summary><c>policyNotEnabled</c>: the policy is disabled.</summary>
    PolicyNotEnabled,
    /// <summary><c>emptyPolicy</c>: the policy has neither grant nor session controls.</summary>
    EmptyPolicy,
    /// <summary><c>invalidPolicy</c>.</summary>
    InvalidPolicy,
    /// <summary><c>invalidCondition</c>.</summary>
    InvalidCondition,
    /// <summary><c>notEnoughInformation</c>: a condition needs information the sign-in lacks; the policy is treated as applying (fail closed).</summary>
    NotEnoughInformation,
}
