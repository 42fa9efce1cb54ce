using ProtectedActions.Compilation;
using ProtectedActions.Conditions.Locations;

namespace ProtectedActions.Validation;

/// <summary>The lint rules of docs/reference/best-practices.md: configurations that work but are probably not what was meant.</summary>
internal static class Lints
{
    public static void Run(ProtectedActionsOptions o, string root, IssueCollector issues,
        Dictionary<string, List<(int Index, CompiledPolicy Policy)>> policiesByContext,
        Dictionary<string, CompiledNamedLocation> locations)
    {
        var protectedContexts = new HashSet<string>(StringComparer.Ordinal);
        var managementProtected = false;
        for (var i = 0; i < o.ProtectedActions.Count; i++)
        {
            if (o.ProtectedActions[i]?.AuthenticationContextId is { } ctx)
            {
                protectedContexts.Add(ctx);
            }

            var perm = o.ProtectedActions[i]?.Permission;
            if (perm is not null && (string.Equals(perm, KnownPermissions.ProtectedActionsManagement, StringComparison.OrdinalIgnoreCase)
                || (perm.EndsWith("/*", StringComparison.Ordinal) && KnownPermissions.ProtectedActionsManagement.StartsWith(perm[..^1], StringComparison.OrdinalIgnoreCase))))
            {
                managementProtected = true;
            }
        }

        for (var i = 0; i < o.AuthenticationContexts.Count; i++)
        {
            var c = o.AuthenticationContexts[i];
            if (c?.Id is null || !protectedContexts.Contains(c.Id))
            {
                continue;
            }

            var path = $"{root}:AuthenticationContexts[{i}]";
            if (!c.IsAvailable)
            {
                issues.Warning(IssueCodes.ContextNotAvailable, path + ":isAvailable", $"authentication context '{c.Id}' is not available (isAvailable: false) but protects permissions");
            }

            if (!policiesByContext.TryGetValue(c.Id, out var ps) || !ps.Any(p => SnapshotCompiler.TakesEffectForUsers(p.Policy)))
            {
                issues.Warning(IssueCodes.NoEnforcedPolicy, path, $"authentication context '{c.Id}' protects permissions but no enabled policy that can take effect for users targets it (report-only, disabled and workload-identity-only policies do not count): "
                    + (o.Settings.StrictMode ? "strict mode denies every such action" : "every sign-in satisfies it (policies that are off or report-only cause repeated re-authentication in Entra)"));
            }
        }

        if (protectedContexts.Count > 0 && !managementProtected)
        {
            issues.Warning(IssueCodes.ManagementNotProtected, root + ":ProtectedActions",
                $"permissions are protected but '{KnownPermissions.ProtectedActionsManagement}' (managing protected actions) is not; protect it as well");
        }

        var compiledByIndex = new Dictionary<int, CompiledPolicy>();
        foreach (var list in policiesByContext.Values)
        {
            foreach (var (index, policy) in list)
            {
                compiledByIndex[index] = policy;
            }
        }

        var emergencyUsers = o.EmergencyAccessAccounts.UserIds ?? [];
        var emergencyGroups = o.EmergencyAccessAccounts.GroupIds ?? [];
        var warnedNoEmergency = false;
        for (var i = 0; i < o.ConditionalAccessPolicies.Count; i++)
        {
            var p = o.ConditionalAccessPolicies[i];
            var targets = p?.Conditions?.Applications?.IncludeAuthenticationContextClassReferences;
            if (p is null || targets is null || !targets.Any(t => t is not null && protectedContexts.Contains(t)))
            {
                continue;
            }

            var path = $"{root}:ConditionalAccessPolicies[{i}]";
            var enabled = string.Equals(p.State, "enabled", StringComparison.OrdinalIgnoreCase);
            var u = p.Conditions!.Users;
            if (enabled && (emergencyUsers.Count > 0 || emergencyGroups.Count > 0))
            {
                var excludedUsers = u?.ExcludeUsers ?? [];
                var excludedGroups = u?.ExcludeGroups ?? [];
                var groupsCovered = emergencyGroups.Count > 0 && emergencyGroups.All(g => excludedGroups.Contains(g, StringComparer.OrdinalIgnoreCase));
                var usersCovered = emergencyUsers.All(x => excludedUsers.Contains(x, StringComparer.OrdinalIgnoreCase)) || groupsCovered;
                if (!usersCovered || (emergencyUsers.Count == 0 && !groupsCovered))
                {
                    issues.Warning(IssueCodes.EmergencyAccessNotExcluded, path + ":conditions:users", "this enabled policy guards a protected action but does not exclude the emergency-access accounts");
                }
            }
            else if (enabled && !warnedNoEmergency)
            {
                issues.Warning(IssueCodes.NoEmergencyAccessAccounts, root + ":EmergencyAccessAccounts", "no emergency-access accounts are configured; configure them so validation can check every guarding policy excludes them");
                warnedNoEmergency = true;
            }

            var g = p.GrantControls;
            var c = p.Conditions;
            var onlyIdentity = (c.Platforms?.IncludePlatforms?.Count ?? 0) == 0 && (c.Locations?.IncludeLocations?.Count ?? 0) == 0
                && (c.ClientAppTypes?.Count ?? 0) == 0 && c.Devices?.DeviceFilter is null
                && (c.SignInRiskLevels?.Count ?? 0) == 0 && (c.UserRiskLevels?.Count ?? 0) == 0;
            if (g?.BuiltInControls?.Any(x => string.Equals(x, "block", StringComparison.OrdinalIgnoreCase)) == true && onlyIdentity)
            {
                issues.Warning(IssueCodes.BlockByIdentityAlone, path + ":grantControls", "this policy blocks a protected action by identity or group alone; use role assignment for that, not protected actions");
            }

            if ((c.SignInRiskLevels?.Count ?? 0) > 0 || (c.UserRiskLevels?.Count ?? 0) > 0 || !string.IsNullOrWhiteSpace(c.InsiderRiskLevels)
                || !string.IsNullOrWhiteSpace(c.AuthenticationFlows?.TransferMethods))
            {
                issues.Warning(IssueCodes.RiskOrFlowWithoutData, path + ":conditions",
                    "this policy conditions on risk or authentication-flow data that sign-ins carry only if the host supplies it; without it the policy applies to every sign-in (notEnoughInformation)");
            }

            if (!o.Settings.DevicesNeverRegistered && compiledByIndex.TryGetValue(i, out var compiled)
                && compiled.State != PolicyState.Disabled && compiled.DeviceFilter is { } filter && !filter.Rule.ReadsOnlyDeviceId)
            {
                issues.Information(IssueCodes.DeviceFilterNeedsDeviceInformation, path + ":conditions:devices:deviceFilter:rule",
                    "this device filter reads device properties a token does not carry (a token proves at most deviceId): register an IDeviceInformationProvider, or set devicesNeverRegistered if callers' devices are never registered; otherwise the policy applies with notEnoughInformation");
            }

            var usesCountry = (c.Locations?.IncludeLocations ?? []).Concat(c.Locations?.ExcludeLocations ?? [])
                .Any(id => id is not null && locations.TryGetValue(id, out var l) && l.IsCountryLocation);
            if (usesCountry)
            {
                issues.Warning(IssueCodes.CountryLocationWithoutCountry, path + ":conditions:locations",
                    "this policy uses a country location: sign-ins need a country, or an ICountryResolver must be registered; otherwise it applies with notEnoughInformation");
            }
        }
    }
}
