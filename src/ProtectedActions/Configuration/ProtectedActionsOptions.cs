namespace ProtectedActions;

/// <summary>
/// The configuration document: authentication contexts, the permissions they protect, and the Conditional
/// Access policies, authentication strengths and named locations that guard them, in the Microsoft Graph shape
/// so that Graph exports paste in unchanged. Bound from configuration by
/// <c>AddProtectedActions(IConfiguration)</c>; validated and compiled into an immutable snapshot at start-up and
/// on every reload.
/// </summary>
public sealed class ProtectedActionsOptions
{
    /// <summary>The configuration section name conventionally used in appsettings.json: <c>ProtectedActions</c>.</summary>
    public const string SectionName = "ProtectedActions";

    /// <summary>Authentication contexts <c>c1</c>..<c>c99</c>. Default: none.</summary>
    public List<AuthenticationContextDefinition> AuthenticationContexts { get; set; } = [];

    /// <summary>Which authentication context protects which permission. Default: none.</summary>
    public List<ProtectedActionAssignment> ProtectedActions { get; set; } = [];

    /// <summary>Conditional Access policies in the Graph <c>conditionalAccessPolicy</c> shape. Default: none.</summary>
    public List<ConditionalAccessPolicy> ConditionalAccessPolicies { get; set; } = [];

    /// <summary>Custom authentication strengths; the three built-in strengths are always present. Default: none.</summary>
    public List<AuthenticationStrengthPolicy> AuthenticationStrengthPolicies { get; set; } = [];

    /// <summary>Named locations (IP ranges and countries). Default: none.</summary>
    public List<NamedLocation> NamedLocations { get; set; } = [];

    /// <summary>Emergency-access ("break-glass") accounts every guarding policy should exclude (a lint rule).</summary>
    public EmergencyAccessAccounts EmergencyAccessAccounts { get; set; } = new();

    /// <summary>How decisions are made and challenges written.</summary>
    public ProtectedActionsSettings Settings { get; set; } = new();
}
