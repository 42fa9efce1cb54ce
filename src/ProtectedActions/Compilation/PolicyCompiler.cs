using System.Collections.Frozen;
using ProtectedActions.Conditions;
using ProtectedActions.Conditions.Locations;
using ProtectedActions.Evaluation;
using ProtectedActions.Model;
using ProtectedActions.Validation;

namespace ProtectedActions.Compilation;

/// <summary>Validates one Graph-shaped policy and compiles it. Unknown enum values are errors (never guessed).</summary>
internal sealed class PolicyCompiler(
    ConditionalAccessPolicy p, string id, string path, IssueCollector issues,
    Dictionary<string, CompiledStrength> strengths, Dictionary<string, CompiledNamedLocation> locations)
{
    private static readonly string[] Platforms = ["android", "iOS", "windows", "windowsPhone", "macOS", "linux"];
    private static readonly string[] RiskLevels = ["none", "low", "medium", "high", "hidden"];
    /// <summary>Far above what Entra accepts in one policy; a bound so hostile configuration cannot exhaust memory.</summary>
    internal const int MaxListEntries = 10_000;
    private bool _ok = true;

    /// <summary><c>settings.groupClaimsAssignedToApplicationOnly</c>, passed to the compiled users condition.</summary>
    public bool GroupClaimsAssignedToApplicationOnly { get; init; }

    public CompiledPolicy? Compile()
    {
        var state = ParseState();
        var c = p.Conditions;
        var cpath = path + ":conditions";
        var users = CompileUsers(c?.Users, cpath + ":users");
        var platforms = CompilePlatforms(c?.Platforms, cpath + ":platforms");
        var locs = CompileLocations(c?.Locations, cpath + ":locations");
        var apps = CompileClientApps(c?.ClientAppTypes, cpath + ":clientAppTypes");
        var device = CompileDeviceFilter(c?.Devices?.DeviceFilter, cpath + ":devices:deviceFilter");
        var signInRisk = CompileRisk(c?.SignInRiskLevels, cpath + ":signInRiskLevels", userRisk: false);
        var userRisk = CompileRisk(c?.UserRiskLevels, cpath + ":userRiskLevels", userRisk: true);
        var unevaluable = MissingInformation.None;
        if (!string.IsNullOrWhiteSpace(c?.InsiderRiskLevels))
        {
            // Stryker disable once Assignment : each bit is set once, onto None, so ^= sets it like |=
            unevaluable |= MissingInformation.InsiderRisk;
        }

        if (!string.IsNullOrWhiteSpace(c?.AuthenticationFlows?.TransferMethods))
        {
            // Stryker disable once Assignment : each bit is set once, and no other code sets it, so ^= sets it like |=
            unevaluable |= MissingInformation.AuthenticationFlow;
        }

        var workloadOnly = c?.ClientApplications?.IncludeServicePrincipals is { Count: > 0 };
        var (requireAll, controls, strength) = CompileGrant(p.GrantControls, path + ":grantControls");
        var (sif, maxAge) = CompileSignInFrequency(p.SessionControls?.SignInFrequency, path + ":sessionControls:signInFrequency");
        CheckHasControls(state, workloadOnly, controls == FailedControls.None && sif is null);
        if (!_ok)
        {
            return null;
        }

        return new CompiledPolicy
        {
            Id = id,
            DisplayName = p.DisplayName,
            State = state,
            Users = users,
            Platforms = platforms,
            Locations = locs,
            ClientApps = apps,
            DeviceFilter = device,
            SignInRisk = signInRisk,
            UserRisk = userRisk,
            Unevaluable = unevaluable,
            WorkloadIdentitiesOnly = workloadOnly,
            IsEmpty = controls == FailedControls.None && sif is null,
            RequireAll = requireAll,
            Controls = controls,
            Strength = strength,
            SignInFrequency = sif,
            SignInFrequencyMaxAge = maxAge,
        };
    }

    /// <summary>
    /// A user-facing policy without any control never applies (Entra's <c>emptyPolicy</c>): almost always a
    /// misspelt or lost key (<c>grantControl</c>), which the options binder turns into a silent null. Enabled and
    /// report-only: an error (PA1090); disabled: a warning (PA5010). Session controls the library does not evaluate
    /// (a Graph export's <c>persistentBrowser</c>, ...): a warning (PA5011), since such a policy is valid in Entra.
    /// </summary>
    private void CheckHasControls(PolicyState state, bool workloadOnly, bool noEvaluatedControl)
    {
        if (!noEvaluatedControl || workloadOnly || !_ok)
        {
            return;
        }

        if (p.SessionControls is not null)
        {
            issues.Warning(IssueCodes.NoEvaluatedControls, path + ":sessionControls",
                "this policy has no grant control and no session control that ProtectedActions evaluates (only sign-in frequency is), so it never applies here");
        }
        else if (state == PolicyState.Disabled)
        {
            issues.Warning(IssueCodes.DisabledPolicyWithoutControls, path,
                "this disabled policy has no grant and no session controls, so it would never apply if enabled: grantControls or sessionControls missing (misspelt?)");
        }
        else
        {
            Error(IssueCodes.PolicyWithoutControls, path,
                $"this {(state == PolicyState.Enabled ? "enabled" : "report-only")} policy has no grant and no session controls, so it never applies: grantControls or sessionControls missing (misspelt?)");
        }
    }

    private void Error(string code, string at, string message)
    {
        _ok = false;
        issues.Error(code, at, message);
    }

    private PolicyState ParseState()
    {
        switch (p.State?.Trim().ToLowerInvariant())
        {
            case "enabled": return PolicyState.Enabled;
            case "disabled": return PolicyState.Disabled;
            case "enabledforreportingbutnotenforced": return PolicyState.ReportOnly;
            default:
                Error(IssueCodes.UnknownPolicyState, path + ":state", $"unknown state '{p.State}' (allowed: enabled, disabled, enabledForReportingButNotEnforced)");
                return PolicyState.Disabled;
        }
    }

    private UsersCondition? CompileUsers(ConditionalAccessUsers? u, string at)
    {
        if (u is null)
        {
            Error(IssueCodes.MissingUsersCondition, at, "a policy must say which users it includes (conditions.users)");
            return null;
        }

        var includeUsers = u.IncludeUsers ?? [];
        var includeAll = includeUsers.Any(x => string.Equals(x, "All", StringComparison.OrdinalIgnoreCase));
        var includeNone = includeUsers.Any(x => string.Equals(x, "None", StringComparison.OrdinalIgnoreCase));
        if (includeNone && includeUsers.Count > 1)
        {
            Error(IssueCodes.NoneCombinedWithUsers, at + ":includeUsers", "'None' cannot be combined with other users");
        }

        var include = Ids(includeUsers, at + ":includeUsers", allowAll: true);
        var exclude = Ids(u.ExcludeUsers, at + ":excludeUsers", allowAll: false);
        var includeGuests = includeUsers.Any(IsGuestsKeyword);
        var excludeGuests = (u.ExcludeUsers ?? []).Any(IsGuestsKeyword);
        return new UsersCondition
        {
            IncludeAll = includeAll && !includeNone,
            IncludeGuestsOrExternal = includeGuests,
            ExcludeGuestsOrExternal = excludeGuests,
            IncludeUsers = include,
            ExcludeUsers = exclude,
            IncludeGroups = Ids(u.IncludeGroups, at + ":includeGroups", allowAll: false),
            ExcludeGroups = Ids(u.ExcludeGroups, at + ":excludeGroups", allowAll: false),
            IncludeRoles = Ids(u.IncludeRoles, at + ":includeRoles", allowAll: false),
            ExcludeRoles = Ids(u.ExcludeRoles, at + ":excludeRoles", allowAll: false),
            IncludeGuestTypes = GuestTypes(u.IncludeGuestsOrExternalUsers, at + ":includeGuestsOrExternalUsers"),
            ExcludeGuestTypes = GuestTypes(u.ExcludeGuestsOrExternalUsers, at + ":excludeGuestsOrExternalUsers"),
            GroupClaimsAssignedToApplicationOnly = GroupClaimsAssignedToApplicationOnly,
        };
    }

    private static bool IsGuestsKeyword(string? x) => string.Equals(x, "GuestsOrExternalUsers", StringComparison.OrdinalIgnoreCase);

    private FrozenSet<string> Ids(List<string>? values, string at, bool allowAll)
    {
        if (values is null || values.Count == 0)
        {
            return FrozenSet<string>.Empty;
        }

        if (values.Count > MaxListEntries)
        {
            Error(IssueCodes.ListTooLong, at, $"more than {MaxListEntries} entries");
            return FrozenSet<string>.Empty;
        }

        var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < values.Count; i++)
        {
            var v = values[i];
            if (string.IsNullOrWhiteSpace(v))
            {
                Error(IssueCodes.InvalidUserOrGroupEntry, $"{at}[{i}]", "an id must not be empty");
                // Stryker disable once Statement : the policy has failed (Error), so what the set holds is never used
                continue;
            }

            if (IsGuestsKeyword(v) || (allowAll && (string.Equals(v, "All", StringComparison.OrdinalIgnoreCase) || string.Equals(v, "None", StringComparison.OrdinalIgnoreCase))))
            {
                continue;
            }

            if (string.Equals(v, "All", StringComparison.OrdinalIgnoreCase))
            {
                Error(IssueCodes.InvalidUserOrGroupEntry, $"{at}[{i}]", "'All' is only allowed in includeUsers");
                // Stryker disable once Statement : the policy has failed (Error), so what the set holds is never used
                continue;
            }

            set.Add(v);
        }

        return set.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
    }

    private GuestTypesFilter? GuestTypes(ConditionalAccessGuestsOrExternalUsers? g, string at)
    {
        if (g is null)
        {
            return null;
        }

        var types = GuestOrExternalUserTypes.None;
        foreach (var raw in (g.GuestOrExternalUserTypes ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Enum.TryParse<GuestOrExternalUserTypes>(raw, ignoreCase: true, out var t) && t != GuestOrExternalUserTypes.None && !int.TryParse(raw, out _))
            {
                types |= t;
            }
            else
            {
                Error(IssueCodes.InvalidGuestOrExternalUsers, at + ":guestOrExternalUserTypes",
                    $"unknown guest or external user type '{raw}' (allowed: internalGuest, b2bCollaborationGuest, b2bCollaborationMember, b2bDirectConnectUser, otherExternalUser, serviceProvider)");
            }
        }

        if (types == GuestOrExternalUserTypes.None)
        {
            Error(IssueCodes.InvalidGuestOrExternalUsers, at + ":guestOrExternalUserTypes", "at least one guest or external user type is required");
            return null;
        }

        FrozenSet<string>? tenants = null;
        var kind = g.ExternalTenants?.MembershipKind;
        if (string.Equals(kind, "enumerated", StringComparison.OrdinalIgnoreCase))
        {
            tenants = (g.ExternalTenants!.Members ?? []).ToFrozenSet(StringComparer.OrdinalIgnoreCase);
        }
        else if (kind is not null && !string.Equals(kind, "all", StringComparison.OrdinalIgnoreCase))
        {
            Error(IssueCodes.InvalidGuestOrExternalUsers, at + ":externalTenants:membershipKind", $"unknown membership kind '{kind}' (allowed: all, enumerated)");
        }

        return new GuestTypesFilter(types, tenants);
    }

    private PlatformCondition? CompilePlatforms(ConditionalAccessPlatforms? pl, string at)
    {
        if (pl is null || ((pl.IncludePlatforms?.Count ?? 0) == 0 && (pl.ExcludePlatforms?.Count ?? 0) == 0))
        {
            return null;
        }

        var (includeAll, include) = PlatformBits(pl.IncludePlatforms, at + ":includePlatforms", allowAll: true);
        var (_, exclude) = PlatformBits(pl.ExcludePlatforms, at + ":excludePlatforms", allowAll: false);
        if (!includeAll && include == 0)
        {
            Error(IssueCodes.InvalidPlatform, at + ":includePlatforms", "a platform condition with exclusions needs includePlatforms");
        }

        return new PlatformCondition(includeAll, include, exclude);
    }

    private (bool All, int Bits) PlatformBits(List<string>? values, string at, bool allowAll)
    {
        var all = false;
        var bits = 0;
        for (var i = 0; i < (values?.Count ?? 0); i++)
        {
            var v = values![i];
            if (allowAll && string.Equals(v, "all", StringComparison.OrdinalIgnoreCase))
            {
                all = true;
                continue;
            }

            var idx = Array.FindIndex(Platforms, x => string.Equals(x, v, StringComparison.OrdinalIgnoreCase));
            if (idx < 0)
            {
                Error(IssueCodes.InvalidPlatform, $"{at}[{i}]", $"unknown platform '{v}' (allowed: {string.Join(", ", Platforms)}{(allowAll ? ", all" : "")})");
                // Stryker disable once Statement : the policy has failed (Error), so the bits are never used
                continue;
            }

            bits |= 1 << idx;
        }

        return (all, bits);
    }

    private LocationCondition? CompileLocations(ConditionalAccessLocations? l, string at)
    {
        if (l is null || ((l.IncludeLocations?.Count ?? 0) == 0 && (l.ExcludeLocations?.Count ?? 0) == 0))
        {
            return null;
        }

        var (includeAll, include, includeTrustedIps) = Locations(l.IncludeLocations, at + ":includeLocations", allowAll: true);
        var (_, exclude, excludeTrustedIps) = Locations(l.ExcludeLocations, at + ":excludeLocations", allowAll: false);
        // Without includeLocations nothing is included (no All, no location, no trusted IPs): only the list's absence counts.
        if ((l.IncludeLocations?.Count ?? 0) == 0)
        {
            Error(IssueCodes.InvalidLocationCondition, at + ":includeLocations", "a location condition with exclusions needs includeLocations");
        }

        return new LocationCondition(includeAll, include, exclude, includeTrustedIps, excludeTrustedIps);
    }

    /// <summary>Entra's id for the legacy "MFA trusted IPs" location, common in Graph exports.</summary>
    internal const string MfaTrustedIpsId = "00000000-0000-0000-0000-000000000000";

    private (bool All, CompiledNamedLocation[] Locations, bool TrustedIps) Locations(List<string>? values, string at, bool allowAll)
    {
        var all = false;
        var trustedIps = false;
        var list = new List<CompiledNamedLocation>();
        for (var i = 0; i < (values?.Count ?? 0); i++)
        {
            var v = values![i];
            if (string.Equals(v, "All", StringComparison.OrdinalIgnoreCase))
            {
                if (allowAll)
                {
                    all = true;
                }
                else
                {
                    Error(IssueCodes.InvalidLocationCondition, $"{at}[{i}]", "'All' is only allowed in includeLocations");
                }
            }
            else if (string.Equals(v, "AllTrusted", StringComparison.OrdinalIgnoreCase))
            {
                list.AddRange(locations.Values.Where(x => x.IsTrusted));
            }
            else if (v is not null && locations.TryGetValue(v, out var loc))
            {
                list.Add(loc);
            }
            else if (v == MfaTrustedIpsId)
            {
                // Its address list lives in the legacy MFA service settings, which no export carries: every
                // address is "unknown" for it, so the condition fails closed (notEnoughInformation).
                trustedIps = true;
                issues.Warning(IssueCodes.MfaTrustedIpsNotEvaluable, $"{at}[{i}]",
                    "the MFA trusted IPs location cannot be evaluated here; configure a named location with this id and its ranges, otherwise the condition is treated as unknown");
            }
            else
            {
                Error(IssueCodes.UnknownNamedLocation, $"{at}[{i}]", $"unknown named location '{v}'");
            }
        }

        return (all, list.Distinct().ToArray(), trustedIps);
    }

    private ClientAppCondition? CompileClientApps(List<string>? values, string at)
    {
        if (values is null || values.Count == 0)
        {
            return null;
        }

        var bits = 0;
        for (var i = 0; i < values.Count; i++)
        {
            switch (values[i]?.ToLowerInvariant())
            {
                case "all": return null;
                // Stryker disable once Bitwise : Browser is 0, and 1 >> 0 is 1 << 0
                case "browser": bits |= 1 << (int)ClientAppType.Browser; break;
                case "mobileappsanddesktopclients": bits |= 1 << (int)ClientAppType.MobileAppsAndDesktopClients; break;
                case "exchangeactivesync":
                case "eassupported": bits |= 1 << (int)ClientAppType.ExchangeActiveSync; break;
                case "other": bits |= 1 << (int)ClientAppType.Other; break;
                default:
                    Error(IssueCodes.UnknownClientAppType, $"{at}[{i}]", $"unknown client app type '{values[i]}' (allowed: all, browser, mobileAppsAndDesktopClients, exchangeActiveSync, easSupported, other)");
                    break;
            }
        }

        return new ClientAppCondition(bits);
    }

    private DeviceFilterCondition? CompileDeviceFilter(ConditionalAccessFilter? f, string at)
    {
        if (f is null || (f.Mode is null && string.IsNullOrEmpty(f.Rule)))
        {
            return null;
        }

        var before = issues.Issues.Count;
        var rule = Conditions.DeviceFilter.DeviceFilterValidation.Compile(f, at, issues);
        if (rule is null)
        {
            _ok &= issues.Issues.Count == before;
            return null;
        }

        return new DeviceFilterCondition(rule, Conditions.DeviceFilter.DeviceFilterValidation.ParseMode(f.Mode) == Conditions.DeviceFilter.DeviceFilterMode.Exclude);
    }

    private RiskCondition? CompileRisk(List<string>? values, string at, bool userRisk)
    {
        if (values is null || values.Count == 0)
        {
            return null;
        }

        var bits = 0;
        for (var i = 0; i < values.Count; i++)
        {
            var idx = Array.FindIndex(RiskLevels, x => string.Equals(x, values[i], StringComparison.OrdinalIgnoreCase));
            if (idx < 0)
            {
                Error(IssueCodes.UnknownRiskLevel, $"{at}[{i}]", $"unknown risk level '{values[i]}' (allowed: {string.Join(", ", RiskLevels)})");
                continue;
            }

            bits |= 1 << (int)Enum.Parse<RiskLevel>(RiskLevels[idx], ignoreCase: true);
        }

        return new RiskCondition(bits, userRisk);
    }

    private (bool RequireAll, FailedControls Controls, CompiledStrength? Strength) CompileGrant(ConditionalAccessGrantControls? g, string at)
    {
        if (g is null)
        {
            // Stryker disable once Boolean : with no grant control nothing can fail, and the operator matters only for failed controls
            return (false, FailedControls.None, null);
        }

        // Without an operator Entra requires every control ("require all"): a missing operator is AND, never OR.
        var requireAll = true;
        if (string.Equals(g.Operator, "OR", StringComparison.OrdinalIgnoreCase))
        {
            requireAll = false;
        }
        else if (g.Operator is not null && !string.Equals(g.Operator, "AND", StringComparison.OrdinalIgnoreCase))
        {
            Error(IssueCodes.UnknownGrantOperator, at + ":operator", $"unknown operator '{g.Operator}' (allowed: AND, OR; absent means AND)");
        }

        var controls = FailedControls.None;
        var builtIns = g.BuiltInControls ?? [];
        for (var i = 0; i < builtIns.Count; i++)
        {
            if (builtIns[i] is { } name && FailedControlNames.TryParseBuiltIn(name, out var control))
            {
                controls |= control;
            }
            else
            {
                Error(IssueCodes.UnknownBuiltInControl, $"{at}:builtInControls[{i}]",
                    $"unknown built-in control '{builtIns[i]}' (allowed: block, mfa, compliantDevice, domainJoinedDevice, approvedApplication, compliantApplication, passwordChange, riskRemediation)");
            }
        }

        CompiledStrength? strength = null;
        if (g.AuthenticationStrength is { } sref && (sref.Id is not null || sref.DisplayName is not null))
        {
            if (sref.Id is not null && !strengths.ContainsKey(sref.Id) && sref.AllowedCombinations is { Count: > 0 } embedded)
            {
                // A Graph export embeds the strength in the policy: define it from there.
                strength = CompileEmbeddedStrength(sref.Id, sref.DisplayName, embedded, sref.CombinationConfigurations, at + ":authenticationStrength");
                if (strength is not null)
                {
                    strengths[sref.Id] = strength;
                    // Stryker disable once Assignment : set once per policy, and no built-in control name parses to it (PA1034), so ^= sets it like |=
                    controls |= FailedControls.AuthenticationStrength;
                }
            }
            else if (sref.Id is null || !strengths.TryGetValue(sref.Id, out strength))
            {
                Error(IssueCodes.UnknownAuthenticationStrength, at + ":authenticationStrength:id", $"unknown strength '{sref.Id}'");
            }
            else
            {
                // Stryker disable once Assignment : set once per policy, and no built-in control name parses to it (PA1034), so ^= sets it like |=
                controls |= FailedControls.AuthenticationStrength;
            }

            if ((controls & FailedControls.Mfa) != 0)
            {
                Error(IssueCodes.MfaWithAuthenticationStrength, at + ":builtInControls", "'mfa' cannot be combined with an authentication strength in one policy");
            }
        }

        if ((g.TermsOfUse?.Count ?? 0) > 0)
        {
            // Stryker disable once Assignment : set once, and the built-in control name termsOfUse is refused (PA1034), so ^= sets it like |=
            controls |= FailedControls.TermsOfUse;
        }

        if ((g.CustomAuthenticationFactors?.Count ?? 0) > 0)
        {
            // Stryker disable once Assignment : set once, and the built-in control name customAuthenticationFactors is refused (PA1034), so ^= sets it like |=
            controls |= FailedControls.CustomAuthenticationFactors;
        }

        if ((controls & FailedControls.Block) != 0 && controls != FailedControls.Block)
        {
            Error(IssueCodes.BlockWithOtherControls, at + ":builtInControls", "'block' cannot be combined with other grant controls");
        }

        return (requireAll, controls, strength);
    }

    private CompiledStrength? CompileEmbeddedStrength(string id, string? displayName, List<string> combinations,
        List<AuthenticationCombinationConfiguration>? configurations, string at)
    {
        var masks = new AuthenticationMethodModes[combinations.Count];
        for (var i = 0; i < combinations.Count; i++)
        {
            if (!AuthenticationStrengthCatalog.TryParseCombination(combinations[i], out masks[i], out var bad))
            {
                Error(IssueCodes.UnknownMethodModeInCombination, $"{at}:allowedCombinations[{i}]", $"unknown authentication method mode '{bad}'");
                return null;
            }
        }

        var restricted = AuthenticationStrengthCatalog.CompileRestrictions(configurations, masks, at + ":combinationConfigurations", issues);
        if (restricted is null)
        {
            _ok = false;
            return null;
        }

        return new CompiledStrength(id, displayName, masks, acceptsUnspecifiedSecondFactor: false, restricted);
    }

    private (TimeSpan? Interval, int MaxAge) CompileSignInFrequency(SignInFrequencySessionControl? f, string at)
    {
        if (f is null || !f.IsEnabled)
        {
            return (null, 0);
        }

        if (string.Equals(f.FrequencyInterval, "everyTime", StringComparison.OrdinalIgnoreCase))
        {
            // max_age=0 forces a fresh sign-in, whose auth_time then falls inside the five-minute window.
            return (PolicyEvaluation.EveryTimeWindow, 0);
        }

        if (f.FrequencyInterval is not null && !string.Equals(f.FrequencyInterval, "timeBased", StringComparison.OrdinalIgnoreCase))
        {
            Error(IssueCodes.UnknownFrequencyInterval, at + ":frequencyInterval", $"unknown frequency interval '{f.FrequencyInterval}' (allowed: timeBased, everyTime)");
            return (null, 0);
        }

        TimeSpan interval;
        if (string.Equals(f.Type, "hours", StringComparison.OrdinalIgnoreCase) && f.Value is >= 1 and <= 23)
        {
            interval = TimeSpan.FromHours(f.Value.Value);
        }
        else if (string.Equals(f.Type, "days", StringComparison.OrdinalIgnoreCase) && f.Value is >= 1 and <= 365)
        {
            interval = TimeSpan.FromDays(f.Value.Value);
        }
        else
        {
            Error(IssueCodes.InvalidSignInFrequency, at, $"invalid sign-in frequency {f.Value} '{f.Type}' (allowed: 1-23 hours or 1-365 days)");
            return (null, 0);
        }

        return (interval, (int)interval.TotalSeconds);
    }
}
