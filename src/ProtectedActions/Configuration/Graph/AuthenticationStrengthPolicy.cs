namespace ProtectedActions;

/// <summary>An authentication strength in the Graph <c>authenticationStrengthPolicy</c> shape.</summary>
public sealed class AuthenticationStrengthPolicy
{
    /// <summary>The id policies reference.</summary>
    public string? Id { get; set; }
    /// <summary>The display name.</summary>
    public string? DisplayName { get; set; }
    /// <summary>A description.</summary>
    public string? Description { get; set; }
    /// <summary><c>builtIn</c> or <c>custom</c>.</summary>
    public string? PolicyType { get; set; }
    /// <summary><c>mfa</c> or <c>none</c> (informational).</summary>
    public string? RequirementsSatisfied { get; set; }
    /// <summary>Each entry a comma-joined set of method modes, for example <c>password,microsoftAuthenticatorPush</c>.</summary>
    public List<string>? AllowedCombinations { get; set; }
    /// <summary>Restrictions of some combinations to specific FIDO2 keys or certificates (Graph <c>combinationConfigurations</c>).</summary>
    public List<AuthenticationCombinationConfiguration>? CombinationConfigurations { get; set; }
}
