using System.Collections.Frozen;

namespace ProtectedActions.SignIns;

/// <summary>
/// Graph's method-mode names (as in <c>allowedCombinations</c>) ↔ <see cref="AuthenticationMethodModes"/>.
/// Names compare ordinally, as Graph spells them; <see cref="AuthenticationMethodModes.UnspecifiedSecondFactor"/>
/// has no Graph name on purpose (it cannot be configured, only derived from the <c>mfa</c> amr value).
/// </summary>
internal static class MethodModeNames
{
    private static readonly FrozenDictionary<string, AuthenticationMethodModes> ByName =
        new Dictionary<string, AuthenticationMethodModes>(StringComparer.Ordinal)
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
        }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Every Graph method-mode name, in Graph's order.</summary>
    public static IEnumerable<string> All => ByName.Keys;

    /// <summary>Looks up one method-mode name (exact spelling).</summary>
    public static bool TryGet(string name, out AuthenticationMethodModes mode) => ByName.TryGetValue(name, out mode);

    /// <summary>
    /// Parses a comma-joined set of method-mode names (Graph's <c>allowedCombinations</c> shape; blanks around
    /// names are ignored). Returns <see langword="false"/> and the first unknown name when one is not a mode.
    /// The empty string parses to <see cref="AuthenticationMethodModes.None"/>.
    /// </summary>
    public static bool TryParseCombination(string value, out AuthenticationMethodModes modes, out string? unknownName)
    {
        modes = AuthenticationMethodModes.None;
        unknownName = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            return true;
        }

        foreach (var part in value.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!ByName.TryGetValue(part, out var mode))
            {
                unknownName = part;
                return false;
            }

            modes |= mode;
        }

        return true;
    }

    /// <summary>The Graph names of the set modes, comma-joined (for documentation and diagnostics).</summary>
    public static string Format(AuthenticationMethodModes modes)
    {
        var names = new List<string>();
        foreach (var (name, mode) in ByName)
        {
            if ((modes & mode) != 0)
            {
                names.Add(name);
            }
        }

        names.Sort(StringComparer.Ordinal);
        if ((modes & AuthenticationMethodModes.UnspecifiedSecondFactor) != 0)
        {
            names.Add("(unspecified second factor)");
        }

        return string.Join(",", names);
    }
}
