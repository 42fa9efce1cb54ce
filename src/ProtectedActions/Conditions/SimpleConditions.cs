using ProtectedActions.Conditions.Locations;

namespace ProtectedActions.Conditions;

/// <summary>Compiled <c>conditions.platforms</c>: bit sets over <see cref="DevicePlatform"/>.</summary>
internal sealed class PlatformCondition(bool includeAll, int include, int exclude)
{
    public ConditionMatch Evaluate(SignInContext s, ref MissingInformation missing)
    {
        if (s.DevicePlatform is not { } p)
        {
            // "all" with nothing excluded covers unknown platforms too; anything narrower needs the platform.
            return includeAll && exclude == 0 ? ConditionMatch.Match : UsersCondition.Unknown(ref missing, MissingInformation.DevicePlatform);
        }

        var bit = 1 << (int)p;
        if ((exclude & bit) != 0)
        {
            return ConditionMatch.NoMatch;
        }

        return includeAll || (include & bit) != 0 ? ConditionMatch.Match : ConditionMatch.NoMatch;
    }
}

/// <summary>Compiled <c>conditions.clientAppTypes</c>.</summary>
internal sealed class ClientAppCondition(int include)
{
    /// <summary>The two modern-authentication client types a bearer-token caller can be.</summary>
    private const int Modern = (1 << (int)ClientAppType.Browser) | (1 << (int)ClientAppType.MobileAppsAndDesktopClients);

    public ConditionMatch Evaluate(SignInContext s, ref MissingInformation missing)
    {
        if (s.ClientAppType is not { } t || (uint)t > (uint)ClientAppType.ModernAuthentication)
        {
            // Not said (or a value outside the enum, cast by hand): anything could match.
            return UsersCondition.Unknown(ref missing, MissingInformation.ClientAppType);
        }

        if (t == ClientAppType.ModernAuthentication)
        {
            // Browser or mobile/desktop, unknown which: known not to be a legacy (EAS/other) client.
            var modern = include & Modern;
            return modern == Modern ? ConditionMatch.Match
                : modern == 0 ? ConditionMatch.NoMatch
                : UsersCondition.Unknown(ref missing, MissingInformation.ClientAppType);
        }

        return (include & (1 << (int)t)) != 0 ? ConditionMatch.Match : ConditionMatch.NoMatch;
    }
}

/// <summary>Compiled risk-level condition (sign-in or user risk).</summary>
internal sealed class RiskCondition(int levels, bool userRisk)
{
    public ConditionMatch Evaluate(SignInContext s, ref MissingInformation missing)
    {
        var level = userRisk ? s.UserRiskLevel : s.SignInRiskLevel;
        return level is not { } l ? UsersCondition.Unknown(ref missing, userRisk ? MissingInformation.UserRisk : MissingInformation.SignInRisk)
            : (levels & (1 << (int)l)) != 0 ? ConditionMatch.Match : ConditionMatch.NoMatch;
    }
}

/// <summary>Compiled device filter with its mode.</summary>
internal sealed class DeviceFilterCondition(DeviceFilterRule rule, bool excludeMode)
{
    public DeviceFilterRule Rule { get; } = rule;

    public ConditionMatch Evaluate(SignInContext s, bool deviceFailed, ref MissingInformation missing)
    {
        if (deviceFailed)
        {
            return UsersCondition.Unknown(ref missing, MissingInformation.Device);
        }

        // Three-valued (docs/reference/device-filters.md): a device the sign-in says nothing about, or a property a partial device
        // (known only by its id) does not carry, is unknown unless the rest of the rule decides; a device known to
        // be unregistered reads every property as absent.
        var result = Rule.Evaluate(s.Device, assumeComplete: false);
        return result == ConditionMatch.Unknown ? UsersCondition.Unknown(ref missing, MissingInformation.Device)
            : (result == ConditionMatch.Match) != excludeMode ? ConditionMatch.Match : ConditionMatch.NoMatch;
    }
}

/// <summary>Compiled <c>conditions.locations</c>.</summary>
internal sealed class LocationCondition(bool includeAll, CompiledNamedLocation[] include, CompiledNamedLocation[] exclude,
    bool includeUnknowable = false, bool excludeUnknowable = false)
{
    /// <summary>Whether a country resolver could help (not for locations whose countries a resolver cannot tell, such as GPS).</summary>
    public bool UsesCountries { get; } = include.Any(l => l.NeedsCountry) || exclude.Any(l => l.NeedsCountry);

    public ConditionMatch Evaluate(SignInContext s, bool countryKnown, ref MissingInformation missing)
    {
        // Convert the address once for every location of the condition.
        var hasAddress = IpAddressKey.TryCreate(s.IpAddress, out var key);
        var excluded = AnyContains(exclude, key, hasAddress, s.Country, countryKnown, ref missing);
        if (excludeUnknowable)
        {
            UsersCondition.Combine(ref excluded, UsersCondition.Unknown(ref missing, MissingInformation.IpAddress));
        }

        if (excluded == ConditionMatch.Match)
        {
            return ConditionMatch.NoMatch;
        }

        var included = includeAll ? ConditionMatch.Match : AnyContains(include, key, hasAddress, s.Country, countryKnown, ref missing);
        if (includeUnknowable && included != ConditionMatch.Match)
        {
            included = UsersCondition.Unknown(ref missing, MissingInformation.IpAddress);
        }

        if (included == ConditionMatch.NoMatch)
        {
            return ConditionMatch.NoMatch;
        }

        return included == ConditionMatch.Match && excluded == ConditionMatch.NoMatch ? ConditionMatch.Match : ConditionMatch.Unknown;
    }

    private static ConditionMatch AnyContains(CompiledNamedLocation[] locations, in IpAddressKey key, bool hasAddress, string? country,
        bool countryKnown, ref MissingInformation missing)
    {
        var result = ConditionMatch.NoMatch;
        foreach (var l in locations)
        {
            var m = l.Contains(key, hasAddress, country, countryKnown);
            if (m == ConditionMatch.Unknown)
            {
                missing |= l.IsCountryLocation ? MissingInformation.Country : MissingInformation.IpAddress;
            }

            UsersCondition.Combine(ref result, m);
            // Stryker disable once Statement,Block : the break only saves work; a match stays a match, and a matching condition's missing-information flags are discarded
            if (result == ConditionMatch.Match)
            {
                break;
            }
        }

        return result;
    }
}
