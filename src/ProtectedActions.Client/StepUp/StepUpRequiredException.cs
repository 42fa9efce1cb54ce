namespace ProtectedActions;

/// <summary>
/// A protected API asked for a step-up that <see cref="StepUpRetryHandler"/> could not satisfy: the token callback
/// returned no token, or the API refused the new token with another step-up challenge. Carries the
/// <see cref="Requirement"/> so that a web application can send the user to the identity provider (in
/// ProtectedActions.AspNetCore: <c>HttpContext.ChallengeForStepUpAsync(exception)</c>), the way
/// Microsoft.Identity.Web turns <c>MsalUiRequiredException</c> into a challenge.
/// </summary>
public sealed class StepUpRequiredException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="requirement">What the API asked for.</param>
    /// <param name="message">The message (no token or claim values).</param>
    /// <param name="innerException">The cause, when there is one.</param>
    /// <exception cref="ArgumentNullException"><paramref name="requirement"/> is null.</exception>
    public StepUpRequiredException(StepUpRequirement requirement, string? message = null, Exception? innerException = null)
        : base(message ?? "The API requires a step-up authentication that could not be obtained without the user.", innerException)
    {
        ArgumentNullException.ThrowIfNull(requirement);
        Requirement = requirement;
    }

    /// <summary>What the API asked for.</summary>
    public StepUpRequirement Requirement { get; }
}
