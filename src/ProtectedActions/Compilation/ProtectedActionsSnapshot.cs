using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using ProtectedActions.Challenges;
using ProtectedActions.SignIns;
using ProtectedActions.Validation;

namespace ProtectedActions.Compilation;

/// <summary>
/// The immutable, precompiled form of a valid configuration. Everything slow or fallible happened while it was
/// built; evaluation only reads it, so it can be swapped atomically on reload.
/// </summary>
internal sealed class ProtectedActionsSnapshot
{
    public required long Version { get; init; }
    public required DateTimeOffset CompiledAt { get; init; }
    public required FrozenDictionary<string, CompiledAssignment> Exact { get; init; }
    /// <summary>Subtree assignments, longest prefix first, so the first match is the most specific.</summary>
    public required CompiledAssignment[] Patterns { get; init; }
    public required FrozenDictionary<string, CompiledContext> Contexts { get; init; }
    public required AmrTable Amr { get; init; }
    public required ChallengeBuilder Challenges { get; init; }
    public required bool TrustAcrs { get; init; }
    public required FrozenSet<string>? TrustedIssuers { get; init; }
    /// <summary>Whose <c>acrs</c> counts.</summary>
    public required Evaluation.AcrsTrust AcrsTrust { get; init; }
    /// <summary>The per-issuer trust decision (issuer profiles, and <see cref="AcrsTrust"/> for acrs).</summary>
    public Evaluation.IssuerTrust Issuers
    {
        get => _issuers ??= new Evaluation.IssuerTrust(AcrsTrust, []);
        init => _issuers = value;
    }

    private Evaluation.IssuerTrust? _issuers;
    public required bool RequireClientCapability { get; init; }
    public required bool StrictMode { get; init; }
    /// <summary>Settings.DevicesNeverRegistered: a sign-in without device information is the unregistered device.</summary>
    public bool DevicesNeverRegistered { get; init; }
    public required TimeSpan ClockSkew { get; init; }
    public required TimeSpan ProviderTimeout { get; init; }
    public required IReadOnlyList<ConfigurationIssue> Issues { get; init; }
    /// <summary>Permissions the document declares intentionally unprotected (<c>settings.unprotectedPermissions</c>), case-insensitive.</summary>
    public FrozenSet<string> UnprotectedPermissions { get; init; } = FrozenSet<string>.Empty;
    /// <summary>Whether the HTTP layer may name failed policies (read from the snapshot, so a refused reload changes nothing).</summary>
    public bool IncludeDevelopmentDetails { get; init; }
    /// <summary>The configuration path prefix used in issue paths, for example <c>ProtectedActions</c>.</summary>
    public string RootPath { get; init; } = ProtectedActionsOptions.SectionName;

    private ProtectedActionsConfigurationView? _view;

    /// <summary>The public, read-only view of this snapshot (created once).</summary>
    public ProtectedActionsConfigurationView View
    {
        get
        {
            if (Volatile.Read(ref _view) is { } view)
            {
                return view;
            }

            Interlocked.CompareExchange(ref _view, new ProtectedActionsConfigurationView(this), null);
            return _view!;
        }
    }

    private const int RecentSlots = 64;
    private readonly RecentLookup?[] _recent = new RecentLookup?[RecentSlots];

    /// <summary>
    /// The assignment for <paramref name="permission"/>. Permissions usually arrive as the same string instance on
    /// every call (a literal on an endpoint or attribute, a constant): those are remembered by reference, so the
    /// lookup neither hashes the string nor depends on how many permissions are configured.
    /// </summary>
    public CompiledAssignment? Find(string permission)
    {
        var slot = RuntimeHelpers.GetHashCode(permission) & (RecentSlots - 1);
        if (Volatile.Read(ref _recent[slot]) is { } recent && ReferenceEquals(recent.Permission, permission))
        {
            return recent.Assignment;
        }

        var found = FindByValue(permission);

        // Only interned strings (literals, constants) are remembered: they live forever anyway, and remembering a
        // string built per request would allocate on every call.
        // Stryker disable once Statement,Block : remembering is only a cache; without it Find gives the same answer from the dictionaries (PermissionLookupTests)
        if (ReferenceEquals(string.IsInterned(permission), permission))
        {
            Volatile.Write(ref _recent[slot], new RecentLookup(permission, found));
        }

        return found;
    }

    private CompiledAssignment? FindByValue(string permission) => FindIn(Exact, Patterns, permission);

    private static CompiledAssignment? FindIn(FrozenDictionary<string, CompiledAssignment> exactAssignments, CompiledAssignment[] patterns, string permission)
    {
        if (exactAssignments.TryGetValue(permission, out var exact))
        {
            return exact;
        }

        foreach (var p in patterns)
        {
            if (permission.Length > p.Permission.Length && permission.StartsWith(p.Permission, StringComparison.OrdinalIgnoreCase))
            {
                return p;
            }
        }

        return null;
    }

    /// <summary>
    /// Validates the fail-closed settings that depend on the compiled assignments: a document that protects nothing
    /// (PA1070, unless <c>settings.allowEmptyConfiguration</c>), and <c>settings.unprotectedPermissions</c> entries
    /// that are not exact permissions (PA1071) or that the document does map (PA1072, a contradiction).
    /// </summary>
    /// <returns>The intentionally unprotected permissions, case-insensitive.</returns>
    internal static FrozenSet<string> ValidateFailClosedSettings(ProtectedActionsOptions o, string root,
        FrozenDictionary<string, CompiledAssignment> exact, CompiledAssignment[] patterns, IssueCollector issues)
    {
        var settings = root + ":Settings";
        if ((o.ProtectedActions?.Count ?? 0) == 0 && o.Settings?.AllowEmptyConfiguration != true)
        {
            issues.Error(IssueCodes.NothingProtected, root + ":ProtectedActions",
                "the document protects no permission (no protectedActions): an empty or deleted configuration would leave every declared protected action unprotected; add protectedActions, or set settings.allowEmptyConfiguration to true if that is intended");
        }

        var list = o.Settings?.UnprotectedPermissions ?? [];
        var unprotected = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < list.Count; i++)
        {
            var path = $"{settings}:unprotectedPermissions[{i}]";
            var entry = list[i];
            if (!SnapshotCompiler.TryParsePermission(entry, out var isPattern, out _, out var problem) || isPattern)
            {
                issues.Error(IssueCodes.InvalidUnprotectedPermission, path, isPattern
                    ? $"'{entry}' is a pattern: list each intentionally unprotected permission exactly (a pattern would also hide misspelt permissions)"
                    : problem);
                continue;
            }

            if (FindIn(exact, patterns, entry!) is { } mapped)
            {
                issues.Error(IssueCodes.UnprotectedPermissionIsProtected, path,
                    $"permission '{entry}' is listed as intentionally unprotected but is protected by authentication context '{mapped.Context.Id}' (through '{(mapped.IsPattern ? mapped.Permission + "*" : mapped.Permission)}'): remove one of the two");
                // Stryker disable once Statement : after this error the document is refused, so whether the entry also joins the (discarded) set is never seen
                continue;
            }

            unprotected.Add(entry!);
        }

        return unprotected.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
    }

    private sealed record RecentLookup(string Permission, CompiledAssignment? Assignment);
}
