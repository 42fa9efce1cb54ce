namespace ProtectedActions;

/// <summary>The verdict on a protected action.</summary>
public enum ProtectedActionOutcome
{
    /// <summary>The action may proceed.</summary>
    Allowed,
    /// <summary>The caller must authenticate again to satisfy the context (see <see cref="ProtectedActionDecision.Challenge"/>).</summary>
    StepUpRequired,
    /// <summary>The action is refused; re-authentication cannot fix it.</summary>
    Denied,
}
