using System.Collections.Frozen;
using ProtectedActions.Challenges;
using ProtectedActions.SignIns;

namespace ProtectedActions.Evaluation;

/// <summary>
/// One compiled issuer profile: what the tokens of one issuer may prove. Entra profiles read <c>acrs</c> (see
/// <see cref="AcrsTrust"/>); the others read <c>acr</c> through their context mapping, by listed value or by level.
/// Looking a sign-in up allocates nothing.
/// </summary>
internal sealed class IssuerProfile
{
    private readonly FrozenDictionary<string, string[]> _contexts;
    private readonly FrozenDictionary<string, int> _levels = FrozenDictionary<string, int>.Empty;
    private readonly FrozenDictionary<string, int>? _minimumLevel;

    public IssuerProfile(int index, string issuer, IssuerProfilePreset preset, AmrTable amr, ChallengeBuilder challenges,
        FrozenDictionary<string, string[]> contexts, IReadOnlyList<string>? levels, AuthTimePresence authTime = AuthTimePresence.Optional)
    {
        Index = index;
        AuthTime = authTime;
        Issuer = issuer;
        Preset = preset;
        Amr = amr;
        Challenges = challenges;
        _contexts = contexts;
        if (levels is not null)
        {
            // The first occurrence of a value is its level (later duplicates are reported and ignored).
            var map = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < levels.Count; i++)
            {
                if (levels[i] is { } value)
                {
                    map.TryAdd(value, i);
                }
            }

            _levels = map.ToFrozenDictionary(StringComparer.Ordinal);
            var minimum = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var (context, values) in contexts)
            {
                var lowest = int.MaxValue;
                foreach (var value in values)
                {
                    if (_levels.TryGetValue(value, out var level))
                    {
                        lowest = Math.Min(lowest, level);
                    }
                }

                if (lowest != int.MaxValue)
                {
                    minimum[context] = lowest;
                }
            }

            _minimumLevel = minimum.ToFrozenDictionary(StringComparer.Ordinal);
        }
    }

    /// <summary>1-based position in <c>settings:issuers</c> (0 is "no profile"); part of the decision cache key.</summary>
    public int Index { get; }

    public string Issuer { get; }

    public IssuerProfilePreset Preset { get; }

    public bool ReadsAcrs => Preset.ReadsAcrs;

    /// <summary>Whether this issuer's tokens carry <c>auth_time</c> (the entry's <c>authTime</c>, else the preset's).</summary>
    public AuthTimePresence AuthTime { get; }

    /// <summary>This issuer's amr table.</summary>
    public AmrTable Amr { get; }

    /// <summary>The challenges for this issuer's callers (its format and <c>acr_values</c>).</summary>
    public ChallengeBuilder Challenges { get; }

    /// <summary>Whether this issuer's tokens can prove <paramref name="contextId"/> (it is in the <c>acr</c> mapping).</summary>
    public bool Covers(string contextId) => _contexts.ContainsKey(contextId);

    /// <summary>The <c>acr</c> values listed for <paramref name="contextId"/>, or <see langword="null"/>.</summary>
    public IReadOnlyList<string>? ValuesFor(string contextId) => _contexts.TryGetValue(contextId, out var values) ? values : null;

    /// <summary>
    /// Whether <paramref name="acr"/> satisfies <paramref name="contextId"/>: with levels, a known level at or above
    /// the lowest listed one; without, exactly one of the listed values (ordinal). Unknown values satisfy nothing.
    /// </summary>
    public bool Satisfies(string? acr, string contextId)
    {
        if (acr is null || !_contexts.TryGetValue(contextId, out var values))
        {
            return false;
        }

        if (_minimumLevel is not null && _minimumLevel.TryGetValue(contextId, out var minimum))
        {
            return _levels.TryGetValue(acr, out var level) && level >= minimum;
        }

        foreach (var value in values)
        {
            if (string.Equals(value, acr, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
