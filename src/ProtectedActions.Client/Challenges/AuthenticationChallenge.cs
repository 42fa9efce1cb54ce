namespace ProtectedActions;

/// <summary>
/// One challenge of a <c>WWW-Authenticate</c> header value, as <see cref="ChallengeParser"/> read it, with the
/// step-up parameters of Entra's claims challenge and RFC 9470 already interpreted.
/// </summary>
public sealed class AuthenticationChallenge
{
    internal AuthenticationChallenge(string scheme, string? token68, IReadOnlyDictionary<string, string> parameters,
        string? claims, IReadOnlyList<string> acrValues, int? maxAge)
    {
        Scheme = scheme;
        Token68 = token68;
        Parameters = parameters;
        Claims = claims;
        AcrValues = acrValues;
        MaxAge = maxAge;
    }

    /// <summary>The authentication scheme as sent (compare case-insensitively, e.g. <c>Bearer</c>).</summary>
    public string Scheme { get; }

    /// <summary>The token68 credentials-style value, when the challenge carries one instead of parameters.</summary>
    public string? Token68 { get; }

    /// <summary>The parameters (names case-insensitive), values unquoted and unescaped.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; }

    /// <summary>The <c>error</c> parameter.</summary>
    public string? Error => Parameters.TryGetValue("error", out var value) ? value : null;

    /// <summary>The <c>error_description</c> parameter.</summary>
    public string? ErrorDescription => Parameters.TryGetValue("error_description", out var value) ? value : null;

    /// <summary>
    /// The decoded claims request JSON when <see cref="Error"/> is <c>insufficient_claims</c> (what a client
    /// passes to MSAL's <c>WithClaims</c>); otherwise <see langword="null"/>.
    /// </summary>
    public string? Claims { get; }

    /// <summary>The <c>acr_values</c> (space-separated, in order of preference); empty when absent.</summary>
    public IReadOnlyList<string> AcrValues { get; }

    /// <summary>The <c>max_age</c> in seconds, when present.</summary>
    public int? MaxAge { get; }

    /// <inheritdoc />
    public override string ToString() => Scheme;
}
