namespace ProtectedActions;

/// <summary>
/// The ids of Microsoft Entra's built-in authentication strengths. Every tenant has them, so a policy may name them
/// in <c>grantControls.authenticationStrength.id</c> without an <c>authenticationStrengthPolicies</c> entry.
/// </summary>
public static class KnownAuthenticationStrengths
{
    /// <summary>Multifactor authentication: any combination Entra counts as MFA, including password + SMS or voice (<c>…0002</c>).</summary>
    public const string Multifactor = "00000000-0000-0000-0000-000000000002";

    /// <summary>Passwordless MFA: Windows Hello for Business, FIDO2, certificate-based MFA or device-bound push (<c>…0003</c>).</summary>
    public const string PasswordlessMfa = "00000000-0000-0000-0000-000000000003";

    /// <summary>Phishing-resistant MFA: Windows Hello for Business, FIDO2 (passkeys) or certificate-based MFA (<c>…0004</c>).</summary>
    public const string PhishingResistantMfa = "00000000-0000-0000-0000-000000000004";
}
