using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using ProtectedActions.Challenges;
using ProtectedActions.SignIns;

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
    /// <summary>Whose <c>acrs</c> counts (issue 12, item 3).</summary>
    public required Evaluation.AcrsTrust AcrsTrust { get; init; }
    public required bool RequireClientCapability { get; init; }
    public required bool StrictMode { get; init; }
    public required TimeSpan ClockSkew { get; init; }
    public required TimeSpan ProviderTimeout { get; init; }
    public required IReadOnlyList<ConfigurationIssue> Issues { get; init; }

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
        if (ReferenceEquals(string.IsInterned(permission), permission))
        {
            Volatile.Write(ref _recent[slot], new RecentLookup(permission, found));
        }

        return found;
    }

    private CompiledAssignment? FindByValue(string permission)
    {
        if (Exact.TryGetValue(permission, out var exact))
        {
            return exact;
        }

        foreach (var p in Patterns)
        {
            if (permission.Length > p.Permission.Length && permission.StartsWith(p.Permission, StringComparison.OrdinalIgnoreCase))
            {
                return p;
            }
        }

        return null;
    }

    private sealed record RecentLookup(string Permission, CompiledAssignment? Assignment);
}
