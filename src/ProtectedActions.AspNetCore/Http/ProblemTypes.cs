namespace ProtectedActions.AspNetCore;

/// <summary>The RFC 9457 problem <c>type</c> URIs the HTTP layer writes (stable identifiers, not links).</summary>
public static class ProblemTypes
{
    /// <summary>401: the caller must authenticate again, as the <c>WWW-Authenticate</c> challenge describes.</summary>
    public const string StepUpRequired = "urn:protected-actions:problem:step-up-required";

    /// <summary>403: a step-up is needed, but the client did not declare that it handles claims challenges (<c>cp1</c>).</summary>
    public const string ClientNotCapable = "urn:protected-actions:problem:client-not-capable";

    /// <summary>403: the action is refused and re-authentication cannot change that.</summary>
    public const string Denied = "urn:protected-actions:problem:denied";

    /// <summary>403: a step-up is needed but no safe challenge could be produced (a configuration error; see the logs).</summary>
    public const string ChallengeUnavailable = "urn:protected-actions:problem:challenge-unavailable";

    /// <summary>403: the caller stepped up after a challenge and the new sign-in still does not satisfy it; another challenge would loop.</summary>
    public const string StepUpUnsatisfiable = "urn:protected-actions:problem:step-up-unsatisfiable";
}
