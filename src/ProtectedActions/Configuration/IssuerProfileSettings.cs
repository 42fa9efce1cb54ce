namespace ProtectedActions;

/// <summary>
/// One trusted token issuer and what the library may believe from its tokens (<c>settings:issuers[]</c>). A
/// sign-in's authentication facts (<c>acrs</c> or <c>acr</c>, <c>amr</c>) are read under the profile of the token's
/// issuer; a token from an issuer without a profile satisfies no context by token. See docs/providers.md.
/// </summary>
public sealed class IssuerProfileSettings
{
    /// <summary>The issuer exactly as the token's <c>iss</c> claim says it (ordinal comparison). Required.</summary>
    public string? Issuer { get; set; }

    /// <summary>
    /// The preset: <c>entra</c>, <c>keycloak</c>, <c>okta</c>, <c>auth0</c>, <c>duende</c>, <c>openiddict</c> or
    /// <c>generic</c> (see <see cref="IssuerProfiles"/>). Required. <c>entra</c> reads <c>acrs</c>; every other
    /// profile reads <c>acr</c> through <see cref="Acr"/>.
    /// </summary>
    public string? Profile { get; set; }

    /// <summary>How the token's <c>acr</c> satisfies authentication contexts. Not accepted for <c>entra</c> (it uses <c>acrs</c>).</summary>
    public IssuerAcrSettings? Acr { get; set; }

    /// <summary>
    /// Overrides of this issuer's amr → method-mode table (the preset's table, after <c>settings:amrMappings</c>): amr
    /// value → comma-joined method modes (empty string: the value proves nothing). Default: none.
    /// </summary>
    public Dictionary<string, string> Amr { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The challenge format for callers whose token this issuer issued. Default: <see cref="ChallengeFormat.Rfc9470"/>
    /// for every profile but <c>entra</c>, unless <c>settings:challengeFormat</c> is <c>rfc9470</c> or <c>both</c>;
    /// <c>settings:challengeFormat</c> for <c>entra</c>.
    /// </summary>
    public ChallengeFormat? ChallengeFormat { get; set; }

    /// <summary>
    /// Whether this issuer's tokens carry <c>auth_time</c>. <see langword="true"/>: a token without it proves no sign-in
    /// frequency (the caller is asked to step up with <c>max_age</c>). <see langword="false"/>: its tokens never prove a
    /// sign-in frequency (<c>iat</c> is not used instead), and a mapped context that needs one is reported (PA1110).
    /// Default: <see langword="true"/> for every profile but <c>entra</c>; for <c>entra</c>, unset keeps its behaviour
    /// (a token without <c>auth_time</c> is judged by <c>acrs</c>, whose issuance enforced the frequency).
    /// </summary>
    public bool? AuthTime { get; set; }
}
