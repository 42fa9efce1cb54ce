using System.Collections.Frozen;
using ProtectedActions.Model;
using ProtectedActions.Validation;

namespace ProtectedActions.SignIns;

/// <summary>
/// Maps <c>amr</c> values (RFC 8176 and Entra's) to authentication method modes. The default table is in
/// docs/decisions/tokens-and-challenges.md; settings can override single values.
/// </summary>
/// <remarks>
/// Two kinds of knowledge: what a value proves on its own (<see cref="AmrEntry.Modes"/>), and the part it
/// plays in two derived rules (<see cref="AmrFactors"/>), because RFC 8176 describes a FIDO2 or smart-card
/// sign-in with several values none of which is the method on its own:
/// <list type="bullet">
/// <item><c>hwk</c> + a user-verification value (<c>pin</c>, <c>fpt</c>, <c>face</c>, <c>iris</c>, <c>retina</c>, <c>vbm</c>) → <c>fido2</c>;</item>
/// <item><c>sc</c> + a user-verification value → <c>x509CertificateMultiFactor</c>.</item>
/// </list>
/// <c>user</c> (RFC 8176: a user <em>presence</em> test) is not user verification, so <c>["hwk","user"]</c>
/// proves possession only. A value that is overridden in settings keeps only the modes the override names and
/// takes no part in derived rules. Unknown values prove nothing. Every ambiguous value maps to the weakest
/// mode it certainly implies (fail closed).
/// </remarks>
internal sealed class AmrTable
{
    /// <summary>Error: an amr override names an unknown method mode.</summary>
    public const string UnknownMethodModeCode = IssueCodes.UnknownMethodMode;
    /// <summary>Error: an amr override's key is not a usable amr value.</summary>
    public const string InvalidAmrValueCode = IssueCodes.InvalidAmrValue;

    /// <summary>The longest amr value accepted as an override key.</summary>
    internal const int MaxAmrValueLength = 64;

    private readonly FrozenDictionary<string, AmrEntry> _map;

    private AmrTable(FrozenDictionary<string, AmrEntry> map) => _map = map;

    /// <summary>The default table (see the type's remarks and docs/decisions/tokens-and-challenges.md).</summary>
    public static AmrTable Default { get; } = CreateDefault();

    /// <summary>A fresh copy of the default table (what <see cref="Default"/> holds), built from the entries below.</summary>
    internal static AmrTable CreateDefault() => new(DefaultEntries().ToFrozenDictionary(StringComparer.Ordinal));

    /// <summary>The table's entries, for documentation and diagnostics.</summary>
    internal IEnumerable<KeyValuePair<string, AmrEntry>> Entries => _map;

    /// <summary>
    /// The default table with <paramref name="overrides"/> applied: amr value → comma-joined Graph method-mode
    /// names (<c>"fido2"</c>, <c>"password,sms"</c>); the empty string makes the value prove nothing. Errors go
    /// to <paramref name="issues"/> at <c>&lt;path&gt;:&lt;amrValue&gt;</c>; a table is returned either way
    /// (overrides in error are left out), but the caller must not use it when errors were reported.
    /// </summary>
    public static AmrTable Create(Dictionary<string, string>? overrides, string path, IssueCollector issues) =>
        Create(Default, overrides, path, issues);

    /// <summary>This table with <paramref name="entries"/> replacing the entries of the same amr values (a provider preset's meanings).</summary>
    internal AmrTable With(IReadOnlyList<KeyValuePair<string, AmrEntry>> entries)
    {
        if (entries.Count == 0)
        {
            return this;
        }

        var map = new Dictionary<string, AmrEntry>(_map, StringComparer.Ordinal);
        foreach (var (amr, entry) in entries)
        {
            map[amr] = entry;
        }

        return new AmrTable(map.ToFrozenDictionary(StringComparer.Ordinal));
    }

    /// <summary>As <see cref="Create(Dictionary{string, string}?, string, IssueCollector)"/>, starting from <paramref name="baseTable"/>.</summary>
    internal static AmrTable Create(AmrTable baseTable, Dictionary<string, string>? overrides, string path, IssueCollector issues)
    {
        ArgumentNullException.ThrowIfNull(baseTable);
        ArgumentNullException.ThrowIfNull(issues);
        if (overrides is null || overrides.Count == 0)
        {
            return baseTable;
        }

        var map = new Dictionary<string, AmrEntry>(baseTable._map, StringComparer.Ordinal);
        foreach (var (amrValue, modeNames) in overrides)
        {
            var at = path + ":" + amrValue;
            if (!IsUsableAmrValue(amrValue))
            {
                issues.Error(InvalidAmrValueCode, path,
                    $"An amr mapping key must be 1 to {MaxAmrValueLength} printable ASCII characters without spaces (amr values are case-sensitive, e.g. \"pwd\").");
                continue;
            }

            var modes = AuthenticationMethodModes.None;
            if (!string.IsNullOrWhiteSpace(modeNames)
                && !AuthenticationStrengthCatalog.TryParseCombination(modeNames, out modes, out var unknown))
            {
                issues.Error(UnknownMethodModeCode, at,
                    $"'{Printable(unknown)}' is not an authentication method mode. Use comma-joined Graph names ({string.Join(", ", AuthenticationStrengthCatalog.ModeNames.Keys)}), or \"\" for a value that proves nothing.");
                continue;
            }

            map[amrValue] = new AmrEntry(modes, AmrFactors.None);
        }

        return new AmrTable(map.ToFrozenDictionary(StringComparer.Ordinal));
    }

    /// <summary>The method modes the <paramref name="amr"/> values prove. Allocation-free; null or empty proves nothing.</summary>
    public AuthenticationMethodModes Map(IReadOnlyList<string>? amr)
    {
        if (amr is null)
        {
            return AuthenticationMethodModes.None;
        }

        var modes = AuthenticationMethodModes.None;
        var factors = AmrFactors.None;
        for (var i = 0; i < amr.Count; i++)
        {
            if (amr[i] is { } value && _map.TryGetValue(value, out var entry))
            {
                modes |= entry.Modes;
                factors |= entry.Factors;
            }
        }

        if ((factors & AmrFactors.UserVerification) != 0)
        {
            if ((factors & AmrFactors.HardwareKey) != 0)
            {
                modes |= AuthenticationMethodModes.Fido2;
            }

            if ((factors & AmrFactors.SmartCard) != 0)
            {
                modes |= AuthenticationMethodModes.X509CertificateMultiFactor;
            }
        }

        return modes;
    }

    private static bool IsUsableAmrValue(string value)
    {
        if (value.Length is 0 or > MaxAmrValueLength)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (c is <= ' ' or > '~')
            {
                return false;
            }
        }

        return true;
    }

    // Configuration text echoed in a message: printable ASCII only, bounded.
    private static string Printable(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        var chars = value.AsSpan(0, Math.Min(value.Length, 64)).ToArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (chars[i] is < ' ' or > '~')
            {
                chars[i] = '?';
            }
        }

        return new string(chars);
    }

    private static IEnumerable<KeyValuePair<string, AmrEntry>> DefaultEntries()
    {
        const AuthenticationMethodModes none = AuthenticationMethodModes.None;
        static KeyValuePair<string, AmrEntry> E(string amr, AuthenticationMethodModes modes, AmrFactors factors = AmrFactors.None) =>
            new(amr, new AmrEntry(modes, factors));

        // Single values that name a method.
        yield return E("pwd", AuthenticationMethodModes.Password);
        yield return E("fido", AuthenticationMethodModes.Fido2);                      // Entra: FIDO2 security key / passkey (always with user verification)
        yield return E("sms", AuthenticationMethodModes.Sms);
        yield return E("tel", AuthenticationMethodModes.Voice);
        yield return E("otp", AuthenticationMethodModes.Email);                       // Entra: "email or text message" code: weakest = email
        yield return E("fed", AuthenticationMethodModes.FederatedSingleFactor);
        yield return E("sc", AuthenticationMethodModes.X509CertificateSingleFactor, AmrFactors.SmartCard);

        // A second factor whose kind the token does not name.
        yield return E("mfa", AuthenticationMethodModes.UnspecifiedSecondFactor);
        yield return E("ngcmfa", AuthenticationMethodModes.UnspecifiedSecondFactor);  // Entra: "equivalent to mfa"

        // Parts of a method (see the derived rules).
        yield return E("hwk", none, AmrFactors.HardwareKey);
        yield return E("pin", none, AmrFactors.UserVerification);
        yield return E("fpt", none, AmrFactors.UserVerification);
        yield return E("face", none, AmrFactors.UserVerification);
        yield return E("iris", none, AmrFactors.UserVerification);
        yield return E("retina", none, AmrFactors.UserVerification);
        yield return E("vbm", none, AmrFactors.UserVerification);

        // Known values that prove no method mode on their own (ambiguous, signals, or presence only).
        yield return E("user", none);      // presence test, not verification
        yield return E("swk", none);       // software key: WHfB, Authenticator or anything else
        yield return E("rsa", none);       // Entra: RSA key proof (WHfB, Authenticator, certificates): ambiguous
        yield return E("pop", none);       // generic proof of possession
        yield return E("wia", none);       // Windows integrated authentication (Kerberos/NTLM)
        yield return E("wiaormfa", none);  // Entra: "Windows or an MFA credential": cannot tell which
        yield return E("kba", none);       // knowledge-based (security questions)
        yield return E("mca", none);       // multiple-channel: channels unnamed
        yield return E("geo", none);       // a location signal, not a factor
        yield return E("rba", none);       // a risk signal, not a factor
    }
}

/// <summary>What one amr value proves alone and the part it plays in derived rules.</summary>
internal readonly record struct AmrEntry(AuthenticationMethodModes Modes, AmrFactors Factors);

/// <summary>The parts an amr value plays in the table's derived rules.</summary>
[Flags]
internal enum AmrFactors : byte
{
    /// <summary>No part.</summary>
    None = 0,
    /// <summary>Proof of possession of a hardware-secured key (<c>hwk</c>).</summary>
    HardwareKey = 1,
    /// <summary>A smart card (<c>sc</c>).</summary>
    SmartCard = 2,
    /// <summary>User verification on the authenticator: a PIN or a biometric.</summary>
    UserVerification = 4,
}
