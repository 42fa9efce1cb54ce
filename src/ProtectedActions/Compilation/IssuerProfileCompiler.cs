using System.Collections.Frozen;
using ProtectedActions.Challenges;
using ProtectedActions.Evaluation;
using ProtectedActions.SignIns;
using ProtectedActions.Validation;

namespace ProtectedActions.Compilation;

/// <summary>
/// Validates <c>settings:issuers</c> and compiles each entry into an <see cref="IssuerProfile"/> (its amr table, its
/// challenges and its acr mapping). Errors and warnings use PA1100–PA1110; see docs/providers.md.
/// </summary>
internal static class IssuerProfileCompiler
{
    internal const int MaxIssuers = 100;
    internal const int MaxAcrValues = 100;
    internal const int MaxAcrValueLength = 256;

    public static IssuerTrust Compile(ProtectedActionsSettings settings, ICollection<string> contextIds, AmrTable baseAmr,
        ChallengeBuilder baseChallenges, AcrsTrust acrs, string path, IssueCollector issues, ICollection<string>? frequencyContexts = null)
    {
        var entries = settings.Issuers ?? [];
        if (entries.Count > MaxIssuers)
        {
            issues.Error(IssueCodes.TooManyEntries, path + ":issuers", $"more than {MaxIssuers} entries");
            return new IssuerTrust(acrs, []);
        }

        var legacy = new HashSet<string>(settings.TrustedIssuers ?? [], StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var profiles = new List<IssuerProfile>();
        for (var i = 0; i < entries.Count; i++)
        {
            var at = $"{path}:issuers[{i}]";
            var entry = entries[i];
            if (entry is null)
            {
                issues.Error(IssueCodes.EmptyEntry, at, "entry is empty");
                continue;
            }

            var issuerOk = IsValidIssuer(entry.Issuer);
            if (!issuerOk)
            {
                issues.Error(IssueCodes.InvalidIssuerProfileIssuer, at + ":issuer",
                    "the issuer is required and must be an absolute https URI without whitespace (http only for a development issuer on loopback), exactly as the token's iss claim says it");
            }

            var preset = IssuerProfilePreset.Find(entry.Profile);
            if (preset is null)
            {
                issues.Error(IssueCodes.UnknownIssuerProfile, at + ":profile",
                    $"the profile is required and must be one of {string.Join(", ", IssuerProfiles.All)}");
            }

            if (!issuerOk || preset is null)
            {
                continue;
            }

            var issuer = entry.Issuer!;
            if (!seen.Add(issuer))
            {
                issues.Error(IssueCodes.DuplicateIssuerProfile, at + ":issuer", "this issuer already has a profile; keep one profile per issuer");
                continue;
            }

            if (!preset.ReadsAcrs && legacy.Contains(issuer))
            {
                issues.Error(IssueCodes.DuplicateIssuerProfile, at + ":issuer",
                    "this issuer is also in settings:trustedIssuers, which trusts its acrs as an entra profile; remove it from trustedIssuers");
                continue;
            }

            var amr = AmrTable.Create(baseAmr.With(preset.Amr), entry.Amr, at + ":amr", issues);
            var (contexts, levels) = CompileAcr(entry, preset, contextIds, at, issues);
            var acrValues = contexts.ToDictionary(c => c.Key, c => string.Join(' ', c.Value), StringComparer.Ordinal);
            var format = entry.ChallengeFormat
                ?? (preset.ReadsAcrs || settings.ChallengeFormat != ChallengeFormat.Entra ? settings.ChallengeFormat : ChallengeFormat.Rfc9470);
            var challenges = baseChallenges.Derive(format, acrValues);
            var authTime = entry.AuthTime switch
            {
                true => AuthTimePresence.Issued,
                false => AuthTimePresence.NotIssued,
                null => preset.AuthTime,
            };
            if (authTime == AuthTimePresence.NotIssued)
            {
                WarnUnprovableFrequency(preset.ReadsAcrs ? contextIds : contexts.Keys, frequencyContexts, at, issues);
            }

            profiles.Add(new IssuerProfile(profiles.Count + 1, issuer, preset, amr, challenges, contexts, levels, authTime));
        }

        return new IssuerTrust(acrs, profiles);
    }

    private static (FrozenDictionary<string, string[]> Contexts, IReadOnlyList<string>? Levels) CompileAcr(
        IssuerProfileSettings entry, IssuerProfilePreset preset, ICollection<string> contextIds, string at, IssueCollector issues)
    {
        var acr = entry.Acr;
        if (preset.ReadsAcrs)
        {
            if (acr is not null && ((acr.Contexts?.Count ?? 0) > 0 || (acr.Levels?.Count ?? 0) > 0))
            {
                issues.Error(IssueCodes.AcrMappingOnEntraProfile, at + ":acr",
                    "an entra profile proves contexts with the acrs claim; remove acr (use another profile for a provider that issues acr)");
            }

            return (FrozenDictionary<string, string[]>.Empty, null);
        }

        var levels = acr?.Levels is { Count: > 0 } configured ? configured : preset.Levels;
        var levelSet = new HashSet<string>(StringComparer.Ordinal);
        if (levels is not null)
        {
            if (levels.Count > MaxAcrValues)
            {
                issues.Error(IssueCodes.TooManyEntries, at + ":acr:levels", $"more than {MaxAcrValues} entries");
                return (FrozenDictionary<string, string[]>.Empty, null);
            }

            for (var i = 0; i < levels.Count; i++)
            {
                var level = levels[i];
                if (!IsValidAcrValue(level))
                {
                    issues.Error(IssueCodes.InvalidAcrValue, $"{at}:acr:levels[{i}]", InvalidValueMessage);
                }
                else if (!levelSet.Add(level!))
                {
                    issues.Warning(IssueCodes.DuplicateAcrLevel, $"{at}:acr:levels[{i}]",
                        $"the level '{level}' is listed twice; the later one is ignored (a token with this acr has the lower level)");
                }
            }
        }

        var contexts = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (key, values) in acr?.Contexts ?? [])
        {
            var keyAt = at + ":acr:contexts:" + Printable(key);
            var contextId = contextIds.FirstOrDefault(id => string.Equals(id, key, StringComparison.OrdinalIgnoreCase));
            if (contextId is null)
            {
                issues.Warning(IssueCodes.AcrMappingUnknownContext, keyAt,
                    "no authentication context with this id is defined, so the mapping is ignored; define the context or fix the id (c1..c99)");
                continue;
            }

            if (values is null || values.Count == 0)
            {
                issues.Error(IssueCodes.EmptyAcrMapping, keyAt, "list the acr value(s) that satisfy this context");
                continue;
            }

            if (values.Count > MaxAcrValues)
            {
                issues.Error(IssueCodes.TooManyEntries, keyAt, $"more than {MaxAcrValues} entries");
                continue;
            }

            var ok = true;
            for (var i = 0; i < values.Count; i++)
            {
                var value = values[i];
                if (!IsValidAcrValue(value))
                {
                    issues.Error(IssueCodes.InvalidAcrValue, $"{keyAt}[{i}]", InvalidValueMessage);
                    ok = false;
                }
                else if (levels is not null && !levelSet.Contains(value!))
                {
                    issues.Error(IssueCodes.AcrValueNotInLevels, $"{keyAt}[{i}]",
                        $"'{value}' is not one of the levels ({string.Join(", ", levels.Where(IsValidAcrValue))}), so its place in the order is unknown; add it to acr.levels or map a listed level");
                    ok = false;
                }
            }

            if (ok)
            {
                contexts[contextId] = values.Distinct(StringComparer.Ordinal).ToArray()!;
                if (string.Join(' ', contexts[contextId]).Length > ChallengeBuilder.MaxAcrValuesLength)
                {
                    issues.Error(IssueCodes.InvalidAcrValues, keyAt, $"the values, space-separated, are longer than {ChallengeBuilder.MaxAcrValuesLength} characters");
                }
            }
        }

        if (contexts.Count == 0)
        {
            issues.Warning(IssueCodes.IssuerProfileMapsNoContext, at + ":acr:contexts",
                "this issuer's tokens satisfy no authentication context, so its callers are asked to step up for every protected action; map the contexts it can satisfy");
        }

        return (contexts.ToFrozenDictionary(StringComparer.Ordinal), levels);
    }

    private static void WarnUnprovableFrequency(IEnumerable<string> covered, ICollection<string>? frequencyContexts, string at, IssueCollector issues)
    {
        var unprovable = covered.Where(id => frequencyContexts?.Contains(id) == true).Order(StringComparer.Ordinal).ToList();
        if (unprovable.Count > 0)
        {
            issues.Warning(IssueCodes.SignInFrequencyWithoutAuthTime, at + ":authTime",
                $"this issuer's tokens carry no auth_time, so they can never prove the sign-in frequency of {string.Join(", ", unprovable)} (iat is token issuance, not authentication, and is not used); its callers can never be allowed there. Make the provider issue auth_time and set authTime to true, or remove the sign-in frequency or the mapping");
        }
    }

    private const string InvalidValueMessage =
        "an acr value must be 1 to 256 printable ASCII characters without spaces, quotes or backslashes, exactly as the provider issues it";

    internal static bool IsValidAcrValue(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxAcrValueLength)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (c is <= ' ' or > '~' or '"' or '\\')
            {
                return false;
            }
        }

        return true;
    }

    internal static bool IsValidIssuer(string? issuer) =>
        !string.IsNullOrWhiteSpace(issuer) && issuer.Length <= 2048 && !issuer.Any(char.IsWhiteSpace)
        && Uri.TryCreate(issuer, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback));

    private static string Printable(string key)
    {
        var chars = key[..Math.Min(key.Length, 32)].ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (chars[i] is < ' ' or > '~')
            {
                chars[i] = '?';
            }
        }

        return new string(chars);
    }
}
