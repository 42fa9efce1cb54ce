using System.Collections.Frozen;

namespace ProtectedActions.Model;

/// <summary>The built-in authentication strengths and method-mode names (semantics §4).</summary>
internal static class AuthenticationStrengthCatalog
{
    public const string MultifactorId = "00000000-0000-0000-0000-000000000002";
    public const string PasswordlessId = "00000000-0000-0000-0000-000000000003";
    public const string PhishingResistantId = "00000000-0000-0000-0000-000000000004";

    public static readonly FrozenDictionary<string, AuthenticationMethodModes> ModeNames =
        new Dictionary<string, AuthenticationMethodModes>(StringComparer.OrdinalIgnoreCase)
        {
            ["password"] = AuthenticationMethodModes.Password,
            ["voice"] = AuthenticationMethodModes.Voice,
            ["hardwareOath"] = AuthenticationMethodModes.HardwareOath,
            ["softwareOath"] = AuthenticationMethodModes.SoftwareOath,
            ["sms"] = AuthenticationMethodModes.Sms,
            ["fido2"] = AuthenticationMethodModes.Fido2,
            ["windowsHelloForBusiness"] = AuthenticationMethodModes.WindowsHelloForBusiness,
            ["microsoftAuthenticatorPush"] = AuthenticationMethodModes.MicrosoftAuthenticatorPush,
            ["deviceBasedPush"] = AuthenticationMethodModes.DeviceBasedPush,
            ["temporaryAccessPassOneTime"] = AuthenticationMethodModes.TemporaryAccessPassOneTime,
            ["temporaryAccessPassMultiUse"] = AuthenticationMethodModes.TemporaryAccessPassMultiUse,
            ["email"] = AuthenticationMethodModes.Email,
            ["x509CertificateSingleFactor"] = AuthenticationMethodModes.X509CertificateSingleFactor,
            ["x509CertificateMultiFactor"] = AuthenticationMethodModes.X509CertificateMultiFactor,
            ["federatedSingleFactor"] = AuthenticationMethodModes.FederatedSingleFactor,
            ["federatedMultiFactor"] = AuthenticationMethodModes.FederatedMultiFactor,
            ["qrCodePin"] = AuthenticationMethodModes.QrCodePin,
        }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    public static readonly CompiledStrength Multifactor = Builtin(MultifactorId, "Multifactor authentication", acceptsUnspecifiedSecondFactor: true,
        "windowsHelloForBusiness", "fido2", "x509CertificateMultiFactor", "deviceBasedPush", "temporaryAccessPassOneTime",
        "temporaryAccessPassMultiUse", "password,microsoftAuthenticatorPush", "password,softwareOath", "password,hardwareOath",
        "password,x509CertificateSingleFactor", "password,x509CertificateMultiFactor", "password,sms", "password,voice",
        "federatedMultiFactor", "microsoftAuthenticatorPush,federatedSingleFactor", "softwareOath,federatedSingleFactor",
        "hardwareOath,federatedSingleFactor", "sms,federatedSingleFactor", "voice,federatedSingleFactor");

    public static readonly CompiledStrength Passwordless = Builtin(PasswordlessId, "Passwordless MFA", acceptsUnspecifiedSecondFactor: false,
        "windowsHelloForBusiness", "fido2", "x509CertificateMultiFactor", "deviceBasedPush");

    public static readonly CompiledStrength PhishingResistant = Builtin(PhishingResistantId, "Phishing-resistant MFA", acceptsUnspecifiedSecondFactor: false,
        "windowsHelloForBusiness", "fido2", "x509CertificateMultiFactor");

    public static IEnumerable<CompiledStrength> BuiltIns => [Multifactor, Passwordless, PhishingResistant];

    /// <summary>Parses a comma-joined combination; returns false on an unknown or empty mode name.</summary>
    public static bool TryParseCombination(string? combination, out AuthenticationMethodModes modes, out string? badName)
    {
        modes = AuthenticationMethodModes.None;
        badName = null;
        if (string.IsNullOrWhiteSpace(combination))
        {
            badName = combination ?? "";
            return false;
        }

        foreach (var part in combination.Split(','))
        {
            var name = part.Trim();
            if (!ModeNames.TryGetValue(name, out var m))
            {
                badName = name;
                return false;
            }

            modes |= m;
        }

        return true;
    }

    private static CompiledStrength Builtin(string id, string name, bool acceptsUnspecifiedSecondFactor, params string[] combos)
    {
        var parsed = new AuthenticationMethodModes[combos.Length];
        for (var i = 0; i < combos.Length; i++)
        {
            _ = TryParseCombination(combos[i], out parsed[i], out _);
        }

        return new CompiledStrength(id, name, parsed, acceptsUnspecifiedSecondFactor);
    }
}

/// <summary>An authentication strength as a list of method-mode masks.</summary>
internal sealed class CompiledStrength(string id, string? displayName, AuthenticationMethodModes[] combinations, bool acceptsUnspecifiedSecondFactor)
{
    public string Id { get; } = id;
    public string? DisplayName { get; } = displayName;
    public AuthenticationMethodModes[] Combinations { get; } = combinations;

    /// <summary>Whether the <c>mfa</c> amr value (a second factor that is not named) is enough: only for the built-in multifactor strength.</summary>
    public bool AcceptsUnspecifiedSecondFactor { get; } = acceptsUnspecifiedSecondFactor;

    public bool IsSatisfiedBy(AuthenticationMethodModes modes)
    {
        if (AcceptsUnspecifiedSecondFactor && (modes & AuthenticationMethodModes.UnspecifiedSecondFactor) != 0)
        {
            return true;
        }

        foreach (var c in Combinations)
        {
            if ((modes & c) == c)
            {
                return true;
            }
        }

        return false;
    }
}
