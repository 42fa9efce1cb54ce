using System.Collections.Frozen;
using ProtectedActions.Validation;

namespace ProtectedActions.Model;

/// <summary>The built-in authentication strengths and method-mode names (docs/reference/authentication-strengths.md).</summary>
internal static class AuthenticationStrengthCatalog
{
    public const string MultifactorId = KnownAuthenticationStrengths.Multifactor;
    public const string PasswordlessId = KnownAuthenticationStrengths.PasswordlessMfa;
    public const string PhishingResistantId = KnownAuthenticationStrengths.PhishingResistantMfa;

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

    /// <summary>At most this many combination configurations per strength (Entra allows a handful).</summary>
    public const int MaxCombinationConfigurations = 100;

    /// <summary>At most this many entries in one list of a combination configuration.</summary>
    public const int MaxRestrictionEntries = 1000;

    private const string Fido2Type = "fido2CombinationConfiguration";
    private const string X509Type = "x509CertificateCombinationConfiguration";

    /// <summary>
    /// Validates a strength's <c>combinationConfigurations</c> and says which of <paramref name="combinations"/> they
    /// restrict. Returns <see langword="null"/> after reporting an error.
    /// </summary>
    public static bool[]? CompileRestrictions(List<AuthenticationCombinationConfiguration>? configurations, AuthenticationMethodModes[] combinations,
        string at, IssueCollector issues)
    {
        var restricted = new bool[combinations.Length];
        if (configurations is null || configurations.Count == 0)
        {
            return restricted;
        }

        if (configurations.Count > MaxCombinationConfigurations)
        {
            issues.Error(IssueCodes.TooManyEntries, at, $"more than {MaxCombinationConfigurations} combination configurations");
            return null;
        }

        var ok = true;
        for (var i = 0; i < configurations.Count; i++)
        {
            ok &= CompileRestriction(configurations[i], combinations, restricted, $"{at}[{i}]", issues);
        }

        return ok ? restricted : null;
    }

    private static bool CompileRestriction(AuthenticationCombinationConfiguration? c, AuthenticationMethodModes[] combinations, bool[] restricted,
        string at, IssueCollector issues)
    {
        if (c is null)
        {
            issues.Error(IssueCodes.InvalidCombinationConfiguration, at, "entry is empty");
            return false;
        }

        var hasKeys = c.AllowedAAGUIDs is { Count: > 0 };
        var hasCertificates = c.AllowedIssuerSkis is { Count: > 0 } || c.AllowedPolicyOIDs is { Count: > 0 };
        bool fido2;
        if (c.ODataType is { } type)
        {
            var name = type.TrimStart('#');
            name = name.StartsWith("microsoft.graph.", StringComparison.OrdinalIgnoreCase) ? name["microsoft.graph.".Length..] : name;
            if (string.Equals(name, Fido2Type, StringComparison.OrdinalIgnoreCase))
            {
                fido2 = true;
            }
            else if (string.Equals(name, X509Type, StringComparison.OrdinalIgnoreCase))
            {
                fido2 = false;
            }
            else
            {
                issues.Error(IssueCodes.InvalidCombinationConfiguration, at + ":@odata.type",
                    $"unknown combination configuration type (allowed: #microsoft.graph.{Fido2Type}, #microsoft.graph.{X509Type})");
                return false;
            }
        }
        else if (hasKeys != hasCertificates)
        {
            fido2 = hasKeys;
        }
        else
        {
            issues.Error(IssueCodes.InvalidCombinationConfiguration, at, "cannot tell the kind of this combination configuration: set @odata.type, or allowedAAGUIDs (FIDO2) or allowedIssuerSkis/allowedPolicyOIDs (certificates)");
            return false;
        }

        if (fido2 ? hasCertificates : hasKeys)
        {
            issues.Error(IssueCodes.InvalidCombinationConfiguration, at, fido2
                ? "a FIDO2 combination configuration cannot restrict certificate issuers or policy OIDs"
                : "a certificate combination configuration cannot restrict FIDO2 AAGUIDs");
            return false;
        }

        var ok = CheckList(c.AllowedAAGUIDs, at + ":allowedAAGUIDs", issues, static v => Guid.TryParse(v, out _), "an AAGUID must be a GUID")
            & CheckList(c.AllowedIssuerSkis, at + ":allowedIssuerSkis", issues, static v => v.Length <= 128 && v.All(char.IsAsciiHexDigit),
                "an issuer subject key identifier must be hexadecimal (at most 128 digits)")
            & CheckList(c.AllowedPolicyOIDs, at + ":allowedPolicyOIDs", issues, IsOid, "a policy OID must be dotted decimal, for example 1.3.6.1.4.1.311.21.8.1");

        var applies = c.AppliesToCombinations;
        if (applies is null || applies.Count == 0)
        {
            issues.Error(IssueCodes.InvalidRestrictedCombinations, at + ":appliesToCombinations", "a combination configuration must name the allowed combinations it restricts");
            return false;
        }

        if (applies.Count > MaxRestrictionEntries)
        {
            issues.Error(IssueCodes.TooManyEntries, at + ":appliesToCombinations", $"more than {MaxRestrictionEntries} entries");
            return false;
        }

        var family = fido2 ? AuthenticationMethodModes.Fido2 : AuthenticationMethodModes.X509CertificateSingleFactor | AuthenticationMethodModes.X509CertificateMultiFactor;
        for (var i = 0; i < applies.Count; i++)
        {
            var path = $"{at}:appliesToCombinations[{i}]";
            if (!TryParseCombination(applies[i], out var mask, out var bad))
            {
                issues.Error(IssueCodes.InvalidRestrictedCombinations, path, $"unknown authentication method mode '{bad}'");
                ok = false;
                continue;
            }

            if ((mask & family) == 0)
            {
                issues.Error(IssueCodes.RestrictionDoesNotFitCombination, path, fido2
                    ? "a FIDO2 combination configuration can only restrict a combination that includes fido2"
                    : "a certificate combination configuration can only restrict a combination that includes x509CertificateSingleFactor or x509CertificateMultiFactor");
                ok = false;
                continue;
            }

            var found = false;
            for (var j = 0; j < combinations.Length; j++)
            {
                if (combinations[j] == mask)
                {
                    restricted[j] = true;
                    found = true;
                }
            }

            if (!found)
            {
                issues.Error(IssueCodes.InvalidRestrictedCombinations, path, $"'{applies[i]}' is not one of the strength's allowed combinations");
                ok = false;
            }
        }

        return ok;
    }

    private static bool CheckList(List<string>? values, string at, IssueCollector issues, Func<string, bool> valid, string message)
    {
        if (values is null)
        {
            return true;
        }

        if (values.Count > MaxRestrictionEntries)
        {
            issues.Error(IssueCodes.TooManyEntries, at, $"more than {MaxRestrictionEntries} entries");
            return false;
        }

        var ok = true;
        for (var i = 0; i < values.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(values[i]) || !valid(values[i].Trim()))
            {
                issues.Error(IssueCodes.InvalidRestrictionValue, $"{at}[{i}]", message);
                ok = false;
            }
        }

        return ok;
    }

    private static bool IsOid(string value)
    {
        if (value.Length is 0 or > 256 || !char.IsAsciiDigit(value[0]) || !char.IsAsciiDigit(value[^1]))
        {
            return false;
        }

        for (var i = 1; i < value.Length; i++)
        {
            if (!(char.IsAsciiDigit(value[i]) || (value[i] == '.' && value[i - 1] != '.')))
            {
                return false;
            }
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

/// <summary>How a sign-in's methods meet a strength.</summary>
internal enum StrengthMatch
{
    /// <summary>No allowed combination is met.</summary>
    NotSatisfied,
    /// <summary>Only combinations restricted to specific FIDO2 keys or certificates are met, which a token cannot prove.</summary>
    RestrictedOnly,
    /// <summary>An unrestricted allowed combination is met.</summary>
    Satisfied,
}

/// <summary>An authentication strength as a list of method-mode masks, some of which may be restricted (Graph <c>combinationConfigurations</c>).</summary>
internal sealed class CompiledStrength(string id, string? displayName, AuthenticationMethodModes[] combinations, bool acceptsUnspecifiedSecondFactor,
    bool[]? restricted = null)
{
    private readonly bool[] _restricted = restricted ?? new bool[combinations.Length];

    public string Id { get; } = id;
    public string? DisplayName { get; } = displayName;
    public AuthenticationMethodModes[] Combinations { get; } = combinations;

    /// <summary>Whether the <c>mfa</c> amr value (a second factor that is not named) is enough: only for the built-in multifactor strength.</summary>
    public bool AcceptsUnspecifiedSecondFactor { get; } = acceptsUnspecifiedSecondFactor;

    /// <summary>Whether some allowed combination is not restricted, so that signing in again with it can satisfy the strength locally.</summary>
    public bool HasUnrestrictedCombination => Array.IndexOf(_restricted, false) >= 0;

    public bool IsSatisfiedBy(AuthenticationMethodModes modes) => Match(modes) == StrengthMatch.Satisfied;

    public StrengthMatch Match(AuthenticationMethodModes modes)
    {
        if (AcceptsUnspecifiedSecondFactor && (modes & AuthenticationMethodModes.UnspecifiedSecondFactor) != 0)
        {
            return StrengthMatch.Satisfied;
        }

        var result = StrengthMatch.NotSatisfied;
        for (var i = 0; i < Combinations.Length; i++)
        {
            var c = Combinations[i];
            if ((modes & c) == c)
            {
                if (!_restricted[i])
                {
                    return StrengthMatch.Satisfied;
                }

                result = StrengthMatch.RestrictedOnly;
            }
        }

        return result;
    }
}
