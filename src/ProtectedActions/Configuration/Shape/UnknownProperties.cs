using System.Collections.Frozen;
using System.Globalization;

namespace ProtectedActions.Configuration.Shape;

/// <summary>
/// What an unknown property means, shared by the document reader and the <c>IConfiguration</c> key check:
/// <list type="bullet">
/// <item>in the library's own sections (the document root, <c>settings</c>, <c>protectedActions</c>,
/// <c>authenticationContexts</c>, <c>emergencyAccessAccounts</c>) it is a <b>warning</b> (PA6030) with a
/// did-you-mean — a misspelt key there silently changes behaviour;</item>
/// <item>in Graph-shaped objects (policies, named locations, authentication strengths) a property Microsoft Graph
/// defines but the library does not evaluate (<c>times</c>, <c>deviceStates</c>, <c>createdDateTime</c>, …) is
/// <b>information</b> (PA6004), summarised once per property name with a count;</item>
/// <item>any other property of a Graph-shaped object (a hand-written typo such as <c>grantControl</c>) is a
/// <b>warning</b> (PA6030) with a did-you-mean.</item>
/// </list>
/// </summary>
internal static class UnknownProperties
{
    /// <summary>The library's own (non-Graph) option types: every unknown property in them is a warning.</summary>
    private static readonly FrozenSet<Type> OwnTypes = new[]
    {
        typeof(ProtectedActionsOptions), typeof(ProtectedActionsSettings), typeof(ProtectedActionAssignment),
        typeof(AuthenticationContextDefinition), typeof(EmergencyAccessAccounts),
        typeof(IssuerProfileSettings), typeof(IssuerAcrSettings),
    }.ToFrozenSet();

    /// <summary>
    /// Properties Microsoft Graph defines on <c>conditionalAccessPolicy</c>, <c>namedLocation</c>,
    /// <c>authenticationStrengthPolicy</c> and their nested types that the library does not read (v1.0 and beta).
    /// </summary>
    internal static readonly FrozenSet<string> GraphDefinedNotEvaluated = new[]
    {
        // conditionalAccessPolicy and namedLocation / authenticationStrengthPolicy metadata.
        "createdDateTime", "modifiedDateTime", "deletedDateTime", "templateId", "description", "partialEnablementStrategy",
        "requirementsSatisfied", "combinationConfigurations", "policyType",
        // conditionalAccessConditionSet.
        "times", "deviceStates", "agentIdRiskLevels",
        // conditionalAccessApplications.
        "applicationFilter", "networkAccess", "globalSecureAccess", "includeAgentIds", "excludeAgentIds",
        // conditionalAccessClientApplications.
        "servicePrincipalFilter", "agentIdServicePrincipalFilter", "includeAgentIdServicePrincipals", "excludeAgentIdServicePrincipals",
        // conditionalAccessDevices (deprecated lists) and deviceStates.
        "includeDevices", "excludeDevices", "includeDeviceStates", "excludeDeviceStates", "includeStates", "excludeStates",
        // conditionalAccessUsers (beta).
        "includeAgentIdUsers", "excludeAgentIdUsers",
        // conditionalAccessSessionControls.
        "applicationEnforcedRestrictions", "cloudAppSecurity", "persistentBrowser", "disableResilienceDefaults",
        "continuousAccessEvaluation", "secureSignInSession", "globalSecureAccessFilteringProfile", "networkAccessSecurity",
        "tokenProtection",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    public static bool IsOwnType(Type type) => OwnTypes.Contains(type);

    /// <summary>Whether an unknown property <paramref name="name"/> of <paramref name="owner"/> is only information (a Graph property not evaluated).</summary>
    public static bool IsGraphDefined(Type owner, string name) => !IsOwnType(owner) && GraphDefinedNotEvaluated.Contains(name);

    /// <summary>The warning text for an unknown property, with a did-you-mean when a known name is close.</summary>
    public static string WarningMessage(string name, IEnumerable<string> known)
    {
        var printable = PrintableText.Of(name);
        var suggestion = Suggest(name, known);
        return suggestion is null
            ? $"unknown property '{printable}' is ignored"
            : $"unknown property '{printable}' is ignored; did you mean '{suggestion}'?";
    }

    /// <summary>The closest known name within a small edit distance (case-insensitive), or null.</summary>
    public static string? Suggest(string name, IEnumerable<string> known)
    {
        if (name.Length > 64)
        {
            return null;
        }

        var lower = name.ToLowerInvariant();
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in known)
        {
            var c = candidate.ToLowerInvariant();
            var distance = Distance(lower, c);
            var allowed = Math.Max(c.Length, lower.Length) <= 5 ? 1 : Math.Max(c.Length, lower.Length) <= 12 ? 2 : 3;
            if (distance <= allowed && distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return best;
    }

    /// <summary>Optimal-string-alignment distance (Levenshtein with adjacent transpositions).</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }

    /// <summary>The noun for a Graph object kind in summaries.</summary>
    public static string Noun(Type? itemType, int count) => (itemType?.Name, count == 1) switch
    {
        (nameof(ConditionalAccessPolicy), true) => "policy",
        (nameof(ConditionalAccessPolicy), false) => "policies",
        (nameof(NamedLocation), true) => "named location",
        (nameof(NamedLocation), false) => "named locations",
        (nameof(AuthenticationStrengthPolicy), true) => "authentication strength",
        (nameof(AuthenticationStrengthPolicy), false) => "authentication strengths",
        (_, true) => "object",
        _ => "objects",
    };
}

/// <summary>
/// Collects information-only unknown properties (Graph properties not evaluated, empty containers of the wrong
/// kind) so each property name is reported once with a count, not once per file or policy.
/// </summary>
internal sealed class UnknownPropertySummary
{
    private readonly Dictionary<(string Name, bool Empty), Entry> _entries = new(NameComparer.Instance);
    private readonly List<(string Name, bool Empty)> _order = [];

    /// <summary>Records that item <paramref name="item"/> (of <paramref name="itemType"/>) has <paramref name="name"/>, first seen at <paramref name="path"/>.</summary>
    public void Add(string name, bool emptyContainer, Type? itemType, object item, string path)
    {
        var key = (name, emptyContainer);
        if (!_entries.TryGetValue(key, out var entry))
        {
            _entries[key] = entry = new Entry(path);
            _order.Add(key);
        }

        if (!entry.Items.TryGetValue(itemType ?? typeof(object), out var items))
        {
            entry.Items[itemType ?? typeof(object)] = items = new HashSet<object>(ReferenceEqualityComparer.Instance);
        }

        items.Add(item);
    }

    /// <summary>One information issue per property name, in first-seen order.</summary>
    public IEnumerable<ConfigurationIssue> Issues()
    {
        foreach (var key in _order)
        {
            var entry = _entries[key];
            var where = string.Join(", ", entry.Items.Select(kv => kv.Value.Count.ToString(CultureInfo.InvariantCulture) + " " + UnknownProperties.Noun(kv.Key, kv.Value.Count)));
            var name = PrintableText.Of(key.Name);
            var message = key.Empty
                ? $"'{name}' is an empty container of the wrong kind in {where} (the first named here); it is read as absent."
                : $"'{name}' appears in {where} (the first named here) and is not evaluated.";
            yield return new ConfigurationIssue(ConfigurationSeverity.Information, DocumentCodes.UnknownProperty, entry.FirstPath, message);
        }
    }

    private sealed class Entry(string firstPath)
    {
        public string FirstPath { get; } = firstPath;
        public Dictionary<Type, HashSet<object>> Items { get; } = [];
    }

    private sealed class NameComparer : IEqualityComparer<(string Name, bool Empty)>
    {
        public static readonly NameComparer Instance = new();

        public bool Equals((string Name, bool Empty) x, (string Name, bool Empty) y) =>
            x.Empty == y.Empty && string.Equals(x.Name, y.Name, StringComparison.OrdinalIgnoreCase);

        public int GetHashCode((string Name, bool Empty) obj) => HashCode.Combine(StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Name), obj.Empty);
    }
}
