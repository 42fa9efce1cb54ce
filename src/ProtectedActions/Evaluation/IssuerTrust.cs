using System.Collections.Frozen;

namespace ProtectedActions.Evaluation;

/// <summary>
/// The per-issuer trust decision: for a sign-in and a context, whether the caller's issuer may prove the context
/// by token (so a step-up through it can prove what this API cannot verify), and whether the token already does.
/// Entra profiles, <c>trustedIssuers</c> and <c>trustedTenantIds</c> decide by <c>acrs</c> (<see cref="AcrsTrust"/>);
/// other profiles by <c>acr</c>. A token from an issuer without a profile proves nothing by token.
/// </summary>
internal sealed class IssuerTrust
{
    private readonly AcrsTrust _acrs;
    private readonly FrozenDictionary<string, IssuerProfile> _profiles;

    public IssuerTrust(AcrsTrust acrs, IEnumerable<IssuerProfile> profiles)
    {
        _acrs = acrs;
        _profiles = profiles.ToFrozenDictionary(p => p.Issuer, StringComparer.Ordinal);
    }

    /// <summary>Trusts nothing.</summary>
    public static IssuerTrust None { get; } = new(AcrsTrust.None, []);

    /// <summary>The <c>acrs</c> rule (Entra profiles and the legacy trust settings).</summary>
    public AcrsTrust Acrs => _acrs;

    /// <summary>The profile of <paramref name="issuer"/>, or <see langword="null"/>.</summary>
    public IssuerProfile? Find(string? issuer) =>
        issuer is not null && _profiles.TryGetValue(issuer, out var profile) ? profile : null;

    /// <summary>The verdict for <paramref name="signIn"/> on <paramref name="contextId"/>.</summary>
    public IssuerVerdict Judge(SignInContext signIn, string contextId)
    {
        var profile = Find(signIn.Issuer);
        if (profile is not null && !profile.ReadsAcrs)
        {
            var covers = profile.Covers(contextId);
            return new IssuerVerdict(profile, covers, covers && profile.Satisfies(signIn.Acr, contextId));
        }

        var trusted = _acrs.Trusts(signIn);
        return new IssuerVerdict(profile, trusted, trusted && ListsContext(signIn.SatisfiedContexts, contextId));
    }

    private static bool ListsContext(IReadOnlyList<string>? acrs, string contextId)
    {
        if (acrs is null)
        {
            return false;
        }

        for (var i = 0; i < acrs.Count; i++)
        {
            if (string.Equals(acrs[i], contextId, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>What a caller's issuer means for one context.</summary>
/// <param name="Profile">The issuer's profile, or <see langword="null"/>.</param>
/// <param name="Trusted">Whether the issuer's tokens can prove the context (a step-up through it proves what this API cannot).</param>
/// <param name="Satisfied">Whether the token already proves it.</param>
internal readonly record struct IssuerVerdict(IssuerProfile? Profile, bool Trusted, bool Satisfied);
