using System.Collections.Frozen;
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
    public required bool RequireClientCapability { get; init; }
    public required bool StrictMode { get; init; }
    public required TimeSpan ClockSkew { get; init; }
    public required TimeSpan ProviderTimeout { get; init; }
    public required IReadOnlyList<ConfigurationIssue> Issues { get; init; }

    public CompiledAssignment? Find(string permission)
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
}
