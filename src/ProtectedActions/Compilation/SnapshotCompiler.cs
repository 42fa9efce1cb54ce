using System.Collections.Frozen;
using System.Globalization;
using ProtectedActions.Challenges;
using ProtectedActions.Conditions.Locations;
using ProtectedActions.Model;
using ProtectedActions.SignIns;
using ProtectedActions.Validation;

namespace ProtectedActions.Compilation;

/// <summary>Validates options and compiles them into a <see cref="ProtectedActionsSnapshot"/> in one pass, so what is validated is exactly what runs.</summary>
internal static class SnapshotCompiler
{
    private const int MaxPermissionLength = 512;
    private const int MaxPermissionSegments = 10;
    private static long s_version;

    public static ProtectedActionsSnapshot? Compile(ProtectedActionsOptions options, string rootPath, DateTimeOffset now, out IReadOnlyList<ConfigurationIssue> issues)
    {
        var c = new IssueCollector();
        var snapshot = new Builder(WithoutNullLists(options), rootPath, c).Build(now); // null when there are errors
        issues = c.Issues;
        return snapshot;
    }

    /// <summary>
    /// A shallow copy whose top-level lists are never null (the binder sets them to null for JSON nulls), so that
    /// compiling never writes to the caller's options, which an options monitor may share between threads.
    /// </summary>
    private static ProtectedActionsOptions WithoutNullLists(ProtectedActionsOptions o) => new()
    {
        AuthenticationContexts = o.AuthenticationContexts ?? [],
        ProtectedActions = o.ProtectedActions ?? [],
        ConditionalAccessPolicies = o.ConditionalAccessPolicies ?? [],
        AuthenticationStrengthPolicies = o.AuthenticationStrengthPolicies ?? [],
        NamedLocations = o.NamedLocations ?? [],
        EmergencyAccessAccounts = o.EmergencyAccessAccounts ?? new(),
        Settings = o.Settings ?? new(),
    };

    /// <summary>
    /// Whether a policy can take effect for users: enabled (report-only never enforces), not workload-identity-only,
    /// and with at least one control. Only such policies count for PA5002 and strict mode.
    /// </summary>
    internal static bool TakesEffectForUsers(CompiledPolicy p) =>
        p.State == PolicyState.Enabled && !p.WorkloadIdentitiesOnly && !p.IsEmpty;

    internal static bool IsValidContextId(string? id)
    {
        if (id is null || id.Length is < 2 or > 3 || id[0] != 'c' || id[1] is < '1' or > '9')
        {
            return false;
        }

        return id.Length == 2 || id[2] is >= '0' and <= '9';
    }

    private sealed class Builder(ProtectedActionsOptions o, string root, IssueCollector issues)
    {
        private readonly Dictionary<string, AuthenticationContextDefinition> _contexts = new(StringComparer.Ordinal);
        private readonly Dictionary<string, CompiledStrength> _strengths = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, CompiledNamedLocation> _locations = new(StringComparer.OrdinalIgnoreCase);
        /// <summary>Every named location id seen, also of locations that did not compile (so their copies are reported as duplicates).</summary>
        private readonly HashSet<string> _locationIds = new(StringComparer.OrdinalIgnoreCase);

        public ProtectedActionsSnapshot? Build(DateTimeOffset now)
        {
            CompileContexts();
            CompileStrengths();
            CompileLocations();
            var policies = CompilePolicies();
            var (exact, patterns) = CompileAssignments(policies);
            var unprotected = ProtectedActionsSnapshot.ValidateFailClosedSettings(o, root, exact, patterns, issues);
            var settingsPath = root + ":Settings";
            var amr = AmrTable.Create(o.Settings.AmrMappings, settingsPath + ":amrMappings", issues);
            var challenges = ChallengeBuilder.Create(o.Settings, _contexts.Keys, settingsPath, issues);
            var acrsTrust = Evaluation.AcrsTrust.Create(o.Settings);
            var frequencyContexts = policies.Where(p => p.Value.Any(x => x.Policy.State == PolicyState.Enabled && x.Policy.SignInFrequency is not null))
                .Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
            var issuerTrust = IssuerProfileCompiler.Compile(o.Settings, _contexts.Keys, amr, challenges, acrsTrust, settingsPath, issues, frequencyContexts);
            ValidateSettings(settingsPath);
            Lints.Run(o, root, issues, policies, _locations);
            if (issues.HasErrors)
            {
                return null;
            }

            return new ProtectedActionsSnapshot
            {
                Version = Interlocked.Increment(ref s_version),
                CompiledAt = now,
                Exact = exact,
                Patterns = patterns,
                Contexts = policies.Keys.ToFrozenDictionary(k => k, k => new CompiledContext(k, policies[k].Select(x => x.Policy).ToArray()), StringComparer.Ordinal),
                Amr = amr,
                Challenges = challenges,
                TrustAcrs = o.Settings.TrustAcrsClaim,
                TrustedIssuers = o.Settings.TrustedIssuers is { Count: > 0 } ti ? ti.ToFrozenSet(StringComparer.Ordinal) : null,
                AcrsTrust = acrsTrust,
                Issuers = issuerTrust,
                RequireClientCapability = o.Settings.RequireClientCapability,
                StrictMode = o.Settings.StrictMode,
                DevicesNeverRegistered = o.Settings.DevicesNeverRegistered,
                ClockSkew = o.Settings.ClockSkew,
                ProviderTimeout = o.Settings.ProviderTimeout,
                Issues = issues.Issues,
                UnprotectedPermissions = unprotected,
                IncludeDevelopmentDetails = o.Settings.IncludeDevelopmentDetails,
                RootPath = root,
            };
        }

        private void CompileContexts()
        {
            for (var i = 0; i < o.AuthenticationContexts.Count; i++)
            {
                var ctx = o.AuthenticationContexts[i];
                var path = $"{root}:AuthenticationContexts[{i}]";
                if (ctx is null)
                {
                    issues.Error(IssueCodes.EmptyEntry, path, "entry is empty");
                    continue;
                }

                if (!IsValidContextId(ctx.Id))
                {
                    issues.Error(IssueCodes.InvalidContextId, path + ":id", $"invalid authentication context id '{ctx.Id}': use c1..c99");
                    continue;
                }

                if (!_contexts.TryAdd(ctx.Id!, ctx))
                {
                    issues.Error(IssueCodes.DuplicateContext, path + ":id", $"authentication context '{ctx.Id}' is defined twice");
                }
            }
        }

        private void CompileStrengths()
        {
            foreach (var b in AuthenticationStrengthCatalog.BuiltIns)
            {
                _strengths[b.Id] = b;
            }

            for (var i = 0; i < o.AuthenticationStrengthPolicies.Count; i++)
            {
                var s = o.AuthenticationStrengthPolicies[i];
                var path = $"{root}:AuthenticationStrengthPolicies[{i}]";
                if (s is null || string.IsNullOrWhiteSpace(s.Id))
                {
                    issues.Error(IssueCodes.MissingStrengthId, path + ":id", "an authentication strength needs an id");
                    continue;
                }

                var isBuiltInId = AuthenticationStrengthCatalog.BuiltIns.Any(b => string.Equals(b.Id, s.Id, StringComparison.OrdinalIgnoreCase));
                if (isBuiltInId)
                {
                    // Graph exports list the built-ins too; accept them only if they say what the built-in says.
                    issues.Information(IssueCodes.BuiltInStrengthRedefined, path + ":id", $"built-in authentication strength '{s.Id}' is always present; the configured copy is ignored");
                    continue;
                }

                if (string.Equals(s.PolicyType, "builtIn", StringComparison.OrdinalIgnoreCase))
                {
                    issues.Error(IssueCodes.NotABuiltInStrength, path + ":policyType", $"'{s.Id}' is not a built-in authentication strength id");
                    continue;
                }

                var combos = new List<AuthenticationMethodModes>();
                var list = s.AllowedCombinations ?? [];
                if (list.Count == 0)
                {
                    issues.Error(IssueCodes.StrengthWithoutCombinations, path + ":allowedCombinations", "an authentication strength needs at least one allowed combination");
                }

                for (var j = 0; j < list.Count; j++)
                {
                    if (AuthenticationStrengthCatalog.TryParseCombination(list[j], out var modes, out var bad))
                    {
                        combos.Add(modes);
                    }
                    else
                    {
                        issues.Error(IssueCodes.UnknownMethodModeInCombination, $"{path}:allowedCombinations[{j}]",
                            $"unknown authentication method mode '{bad}' (allowed: {string.Join(", ", AuthenticationStrengthCatalog.ModeNames.Keys.Order(StringComparer.Ordinal))})");
                    }
                }

                var restricted = AuthenticationStrengthCatalog.CompileRestrictions(s.CombinationConfigurations, [.. combos], path + ":combinationConfigurations", issues);
                if (!_strengths.TryAdd(s.Id, new CompiledStrength(s.Id, s.DisplayName, [.. combos], acceptsUnspecifiedSecondFactor: false, restricted)))
                {
                    issues.Error(IssueCodes.DuplicateStrength, path + ":id", $"authentication strength '{s.Id}' is defined twice");
                }
            }
        }

        private void CompileLocations()
        {
            NamedLocationLimits.CheckLimits(o.NamedLocations, root + ":NamedLocations", issues);
            for (var i = 0; i < o.NamedLocations.Count; i++)
            {
                var l = o.NamedLocations[i];
                var path = $"{root}:NamedLocations[{i}]";
                if (l is null || string.IsNullOrWhiteSpace(l.Id))
                {
                    issues.Error(IssueCodes.MissingNamedLocationId, path + ":id", "a named location needs an id");
                    continue;
                }

                if (!_locationIds.Add(l.Id))
                {
                    issues.Error(IssueCodes.DuplicateNamedLocation, path + ":id", $"named location '{l.Id}' is defined twice");
                    continue;
                }

                if (CompiledNamedLocation.Compile(l, path, issues) is { } compiled)
                {
                    _locations[l.Id] = compiled;
                }
            }
        }

        private Dictionary<string, List<(int Index, CompiledPolicy Policy)>> CompilePolicies()
        {
            var byContext = new Dictionary<string, List<(int, CompiledPolicy)>>(StringComparer.Ordinal);
            foreach (var id in _contexts.Keys)
            {
                byContext[id] = [];
            }

            var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < o.ConditionalAccessPolicies.Count; i++)
            {
                var p = o.ConditionalAccessPolicies[i];
                var path = $"{root}:ConditionalAccessPolicies[{i}]";
                if (p is null)
                {
                    issues.Error(IssueCodes.EmptyEntry, path, "entry is empty");
                    continue;
                }

                var id = p.Id ?? p.DisplayName ?? $"policy[{i}]";
                if (p.Id is not null && !ids.Add(p.Id))
                {
                    issues.Error(IssueCodes.DuplicatePolicyId, path + ":id", $"policy id '{p.Id}' is used twice");
                }

                var compiled = new PolicyCompiler(p, id, path, issues, _strengths, _locations) { GroupClaimsAssignedToApplicationOnly = o.Settings.GroupClaimsAssignedToApplicationOnly }.Compile();
                var targets = p.Conditions?.Applications?.IncludeAuthenticationContextClassReferences ?? [];
                for (var j = 0; j < targets.Count; j++)
                {
                    var ctx = targets[j];
                    if (ctx is not null && byContext.TryGetValue(ctx, out var list))
                    {
                        if (compiled is not null)
                        {
                            list.Add((i, compiled));
                        }
                    }
                    else
                    {
                        issues.Error(IssueCodes.UnknownPolicyContext, $"{path}:conditions:applications:includeAuthenticationContextClassReferences[{j}]",
                            $"unknown authentication context '{ctx}'");
                    }
                }
            }

            return byContext;
        }

        private (FrozenDictionary<string, CompiledAssignment>, CompiledAssignment[]) CompileAssignments(Dictionary<string, List<(int Index, CompiledPolicy Policy)>> policies)
        {
            var exact = new Dictionary<string, CompiledAssignment>(StringComparer.OrdinalIgnoreCase);
            var patterns = new Dictionary<string, CompiledAssignment>(StringComparer.OrdinalIgnoreCase);
            var contexts = new Dictionary<string, CompiledContext>(StringComparer.Ordinal);
            for (var i = 0; i < o.ProtectedActions.Count; i++)
            {
                var a = o.ProtectedActions[i];
                var path = $"{root}:ProtectedActions[{i}]";
                if (a is null)
                {
                    issues.Error(IssueCodes.EmptyEntry, path, "entry is empty");
                    continue;
                }

                if (!TryParsePermission(a.Permission, out var isPattern, out var key, out var problem))
                {
                    issues.Error(IssueCodes.InvalidPermission, path + ":permission", problem);
                    continue;
                }

                if (a.AuthenticationContextId is null || !_contexts.ContainsKey(a.AuthenticationContextId))
                {
                    issues.Error(IssueCodes.UnknownAssignmentContext, path + ":authenticationContextId",
                        IsValidContextId(a.AuthenticationContextId)
                            ? $"unknown authentication context '{a.AuthenticationContextId}'"
                            : $"invalid authentication context id '{a.AuthenticationContextId}': use c1..c99");
                    continue;
                }

                if (!contexts.TryGetValue(a.AuthenticationContextId, out var ctx))
                {
                    ctx = new CompiledContext(a.AuthenticationContextId, policies[a.AuthenticationContextId].Select(x => x.Policy).ToArray());
                    contexts[a.AuthenticationContextId] = ctx;
                }

                var target = isPattern ? patterns : exact;
                if (!target.TryAdd(key, new CompiledAssignment(key, isPattern, ctx)))
                {
                    issues.Error(IssueCodes.DuplicateAssignment, path + ":permission", $"permission '{a.Permission}' is assigned more than once (one context per permission)");
                }
            }

            var longestFirst = patterns.Values.OrderByDescending(p => p.Permission.Length);

            // Stryker disable once Linq : the tie-break only makes the order deterministic; two patterns of equal length that both match one permission would be the same prefix ignoring case, which the case-insensitive dictionary refuses (PA1012)
            return (exact.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase), longestFirst.ThenBy(p => p.Permission, StringComparer.Ordinal).ToArray());
        }

        private void ValidateSettings(string path)
        {
            var s = o.Settings;
            if (s.ClockSkew < TimeSpan.Zero || s.ClockSkew > TimeSpan.FromHours(1))
            {
                issues.Error(IssueCodes.InvalidClockSkew, path + ":clockSkew", "clock skew must be between 0 and 1 hour");
            }

            if (s.ProviderTimeout <= TimeSpan.Zero || s.ProviderTimeout > TimeSpan.FromMinutes(2))
            {
                issues.Error(IssueCodes.InvalidProviderTimeout, path + ":providerTimeout", "provider timeout must be more than 0 and at most 2 minutes");
            }

            ValidateAcrsTrust(s, path);
        }

        /// <summary>acrs is trusted only from issuers the configuration names, or by explicit opt-in.</summary>
        private void ValidateAcrsTrust(ProtectedActionsSettings s, string path)
        {
            var issuers = s.TrustedIssuers ?? [];
            var tenants = s.TrustedTenantIds ?? [];
            if (issuers.Count > MaxTrustEntries)
            {
                issues.Error(IssueCodes.TooManyEntries, path + ":trustedIssuers", $"more than {MaxTrustEntries} entries");
            }

            if (tenants.Count > MaxTrustEntries)
            {
                issues.Error(IssueCodes.TooManyEntries, path + ":trustedTenantIds", $"more than {MaxTrustEntries} entries");
            }

            for (var i = 0; i < Math.Min(issuers.Count, MaxTrustEntries); i++)
            {
                var issuer = issuers[i];
                if (string.IsNullOrWhiteSpace(issuer))
                {
                    issues.Error(IssueCodes.EmptyTrustedIssuer, $"{path}:trustedIssuers[{i}]", "a trusted issuer must not be empty");
                }
                else if (issuer.Length > 2048 || issuer.Any(char.IsWhiteSpace) || !Uri.TryCreate(issuer, UriKind.Absolute, out var uri)
                    || !(uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback)))
                {
                    issues.Error(IssueCodes.InvalidTrustedIssuer, $"{path}:trustedIssuers[{i}]",
                        "a trusted issuer must be an absolute https URI without whitespace (http only for a development issuer on loopback), exactly as the token's iss claim says it (for example https://login.microsoftonline.com/{tenant-id}/v2.0)");
                }
            }

            for (var i = 0; i < Math.Min(tenants.Count, MaxTrustEntries); i++)
            {
                if (!Guid.TryParseExact(tenants[i]?.Trim(), "D", out var tid) || tid == Guid.Empty)
                {
                    issues.Error(IssueCodes.InvalidTrustedTenantId, $"{path}:trustedTenantIds[{i}]", "a trusted tenant id must be a tenant GUID such as 72f988bf-86f1-41af-91ab-2d7cd011db47");
                }
            }

            var listed = issuers.Count > 0 || tenants.Count > 0 || (s.Issuers?.Count ?? 0) > 0;
            if (s.TrustAcrsClaim && !listed && !s.TrustAcrsFromAnyValidatedIssuer)
            {
                issues.Error(IssueCodes.AcrsTrustWithoutIssuers, path + ":trustedIssuers",
                    "trustAcrsClaim is on but no issuer is trusted, so any issuer the host accepts could satisfy a context with acrs. "
                    + "Name the issuers in settings:trustedIssuers (or your Entra tenant ids in settings:trustedTenantIds); "
                    + "or set settings:trustAcrsFromAnyValidatedIssuer to true if the host validates tokens of one tenant only; "
                    + "or set settings:trustAcrsClaim to false to evaluate policies from the token's claims alone");
            }
            else if (s.TrustAcrsClaim && listed && s.TrustAcrsFromAnyValidatedIssuer)
            {
                issues.Warning(IssueCodes.AnyIssuerIgnored, path + ":trustAcrsFromAnyValidatedIssuer",
                    "trustAcrsFromAnyValidatedIssuer has no effect while settings:trustedIssuers or settings:trustedTenantIds lists issuers: acrs counts only from those");
            }
        }

        private const int MaxTrustEntries = 1000;
    }

    /// <summary>Checks <c>namespace/entity[/property]/verb</c> or a <c>.../*</c> pattern; the key is the exact name or the prefix with its trailing slash.</summary>
    internal static bool TryParsePermission(string? permission, out bool isPattern, out string key, out string problem)
    {
        isPattern = false;
        // Stryker disable once String : callers read key only when the parse succeeds, and then it is set below
        key = "";
        // Stryker disable once String : callers read problem only when the parse fails, and every failing return sets it
        problem = "";
        if (string.IsNullOrWhiteSpace(permission))
        {
            problem = "a permission is required";
            return false;
        }

        if (permission.Length > MaxPermissionLength)
        {
            problem = $"permission is longer than {MaxPermissionLength} characters";
            return false;
        }

        var parts = permission.Split('/');
        isPattern = parts[^1] == "*";
        var named = isPattern ? parts.Length - 1 : parts.Length;
        if (parts.Length > MaxPermissionSegments || (isPattern ? named < 1 : named < 3))
        {
            problem = $"invalid permission '{permission}': use namespace/entity[/property]/verb, or a prefix ending in /*";
            return false;
        }

        for (var i = 0; i < named; i++)
        {
            var part = parts[i];
            if (part.Length == 0 || !part.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '.' or '_' or '-'))
            {
                problem = $"invalid permission '{permission}': segment {i + 1} must be letters, digits, '.', '_' or '-'" + (part.Contains('*', StringComparison.Ordinal) ? " (a wildcard may only be the whole last segment)" : "");
                return false;
            }
        }

        key = isPattern ? permission[..^1] : permission;
        return true;
    }

    internal static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
