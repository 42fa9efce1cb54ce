namespace ProtectedActions.AspNetCore;

/// <summary>
/// The protected-action decisions made for the current request, available from
/// <c>HttpContext.Features.Get&lt;IProtectedActionFeature&gt;()</c> after authorization (for audit logging, or
/// to show the explanation in development). Each permission is evaluated at most once per request.
/// </summary>
public interface IProtectedActionFeature
{
    /// <summary>The decisions, in the order the requirements were evaluated.</summary>
    IReadOnlyList<ProtectedActionDecision> Decisions { get; }
}
