namespace ProtectedActions;

/// <summary>
/// Decides whether a caller may perform a protected action now: <see cref="ProtectedActionOutcome.Allowed"/>,
/// <see cref="ProtectedActionOutcome.StepUpRequired"/> (with a challenge the client can act on) or
/// <see cref="ProtectedActionOutcome.Denied"/>, and says why. Thread-safe; works on the current immutable
/// configuration snapshot. Never throws for bad sign-in data: it fails closed and says so in the decision.
/// </summary>
public interface IProtectedActionEvaluator
{
    /// <summary>Evaluates <paramref name="request"/> against the active configuration.</summary>
    /// <exception cref="ArgumentNullException">The request is null.</exception>
    /// <exception cref="OperationCanceledException">The caller's token was cancelled.</exception>
    ValueTask<ProtectedActionDecision> EvaluateAsync(ProtectedActionRequest request, CancellationToken cancellationToken = default);
}
