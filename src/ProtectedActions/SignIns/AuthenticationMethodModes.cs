namespace ProtectedActions;

/// <summary>
/// Authentication method modes as Microsoft Graph names them in authentication strengths
/// (<c>allowedCombinations</c>), as flags so that a sign-in's methods and a strength's combinations compare
/// with one mask operation.
/// </summary>
[Flags]
public enum AuthenticationMethodModes
{
    /// <summary>No method is known.</summary>
    None = 0,
    /// <summary><c>password</c>.</summary>
    Password = 1 << 0,
    /// <summary><c>voice</c>.</summary>
    Voice = 1 << 1,
    /// <summary><c>hardwareOath</c>.</summary>
    HardwareOath = 1 << 2,
    /// <summary><c>softwareOath</c>.</summary>
    SoftwareOath = 1 << 3,
    /// <summary><c>sms</c>.</summary>
    Sms = 1 << 4,
    /// <summary><c>fido2</c>.</summary>
    Fido2 = 1 << 5,
    /// <summary><c>windowsHelloForBusiness</c>.</summary>
    WindowsHelloForBusiness = 1 << 6,
    /// <summary><c>microsoftAuthenticatorPush</c>.</summary>
    MicrosoftAuthenticatorPush = 1 << 7,
    /// <summary><c>deviceBasedPush</c>.</summary>
    DeviceBasedPush = 1 << 8,
    /// <summary><c>temporaryAccessPassOneTime</c>.</summary>
    TemporaryAccessPassOneTime = 1 << 9,
    /// <summary><c>temporaryAccessPassMultiUse</c>.</summary>
    TemporaryAccessPassMultiUse = 1 << 10,
    /// <summary><c>email</c>.</summary>
    Email = 1 << 11,
    /// <summary><c>x509CertificateSingleFactor</c>.</summary>
    X509CertificateSingleFactor = 1 << 12,
    /// <summary><c>x509CertificateMultiFactor</c>.</summary>
    X509CertificateMultiFactor = 1 << 13,
    /// <summary><c>federatedSingleFactor</c>.</summary>
    FederatedSingleFactor = 1 << 14,
    /// <summary><c>federatedMultiFactor</c>.</summary>
    FederatedMultiFactor = 1 << 15,
    /// <summary><c>qrCodePin</c>.</summary>
    QrCodePin = 1 << 16,

    /// <summary>
    /// A second factor the token attests (the <c>mfa</c> amr value) without naming it. It satisfies the
    /// <c>mfa</c> grant control and the built-in multifactor strength, never a custom strength, passwordless or
    /// phishing-resistant strength (see docs/decisions.md).
    /// </summary>
    UnspecifiedSecondFactor = 1 << 24,
}
