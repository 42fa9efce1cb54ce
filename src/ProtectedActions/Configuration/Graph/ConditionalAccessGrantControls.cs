namespace ProtectedActions;

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
