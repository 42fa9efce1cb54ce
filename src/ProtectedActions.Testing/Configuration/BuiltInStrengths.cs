namespace ProtectedActions.Testing;

/// <summary>The ids of Microsoft Entra's built-in authentication strengths, always available to policies.</summary>
public static class BuiltInStrengths
{
    /// <summary>Multifactor authentication: <c>00000000-0000-0000-0000-000000000002</c>.</summary>
    public const string Multifactor = KnownAuthenticationStrengths.Multifactor;

    /// <summary>Passwordless MFA: <c>00000000-0000-0000-0000-000000000003</c>.</summary>
    public const string PasswordlessMfa = KnownAuthenticationStrengths.PasswordlessMfa;

    /// <summary>Phishing-resistant MFA: <c>00000000-0000-0000-0000-000000000004</c>.</summary>
    public const string PhishingResistant = KnownAuthenticationStrengths.PhishingResistantMfa;
}
