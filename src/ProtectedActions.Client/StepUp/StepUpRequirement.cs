namespace ProtectedActions;

/// <summary>
/// What a protected API's step-up challenge asks for, read from a <c>401</c>'s <c>WWW-Authenticate</c>: Entra's
/// claims request (<c>insufficient_claims</c>) and/or RFC 9470's <c>acr_values</c> and <c>max_age</c>
/// (<c>insufficient_user_authentication</c>). Pass <see cref="Claims"/> to MSAL's <c>WithClaims</c>, or
/// <see cref="AcrValues"/> and <see cref="MaxAge"/> to the identity provider's authorize request.
/// </summary>
public sealed class StepUpRequirement
{
    /// <summary>Entra's claims challenge error code.</summary>
    public const string InsufficientClaims = "insufficient_claims";

    /// <summary>RFC 9470's step-up error code.</summary>
    public const string InsufficientUserAuthentication = "insufficient_user_authentication";

    private StepUpRequirement(string? claims, IReadOnlyList<string> acrValues, int? maxAge, IReadOnlyList<AuthenticationChallenge> challenges)
    {
        Claims = claims;
        AcrValues = acrValues;
        MaxAge = maxAge;
        Challenges = challenges;
    }

    /// <summary>The decoded claims request JSON of an Entra claims challenge (for <c>WithClaims</c>); <see langword="null"/> when none was sent.</summary>
    public string? Claims { get; }

    /// <summary>The <c>acr_values</c> of an RFC 9470 challenge, in order of preference; empty when none was sent.</summary>
    public IReadOnlyList<string> AcrValues { get; }

    /// <summary>The <c>max_age</c> (seconds) of an RFC 9470 challenge; <see langword="null"/> when none was sent.</summary>
    public int? MaxAge { get; }

    /// <summary>The step-up challenges the requirement was read from (one per format the API sent).</summary>
    public IReadOnlyList<AuthenticationChallenge> Challenges { get; }

    /// <summary>
    /// Reads the step-up requirement from <c>WWW-Authenticate</c> header values: every well-formed value is parsed
    /// with <see cref="ChallengeParser"/>; an <c>insufficient_claims</c> challenge with a valid <c>claims</c>
    /// request and an <c>insufficient_user_authentication</c> challenge both count. Malformed values are ignored.
    /// </summary>
    /// <param name="headerValues">The header values (for example from <c>HttpResponseMessage.Headers</c>).</param>
    /// <returns>The requirement, or <see langword="null"/> when no value carries a step-up challenge.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="headerValues"/> is null.</exception>
    public static StepUpRequirement? FromWwwAuthenticate(IEnumerable<string> headerValues)
    {
        ArgumentNullException.ThrowIfNull(headerValues);
        string? claims = null;
        IReadOnlyList<string> acrValues = [];
        int? maxAge = null;
        var found = new List<AuthenticationChallenge>();
        foreach (var value in headerValues)
        {
            if (found.Count == ChallengeParser.MaxChallenges || !ChallengeParser.TryParse(value, out var challenges))
            {
                continue;
            }

            foreach (var challenge in challenges)
            {
                if (challenge.Error == InsufficientClaims && challenge.Claims is { } json)
                {
                    claims ??= json;
                    found.Add(challenge);
                }
                else if (challenge.Error == InsufficientUserAuthentication)
                {
                    if (acrValues.Count == 0)
                    {
                        acrValues = challenge.AcrValues;
                    }

                    maxAge ??= challenge.MaxAge;
                    found.Add(challenge);
                }
            }
        }

        return found.Count == 0 ? null : new StepUpRequirement(claims, acrValues, maxAge, found);
    }

    /// <inheritdoc />
    public override string ToString() =>
        Claims is not null ? InsufficientClaims : InsufficientUserAuthentication;
}
