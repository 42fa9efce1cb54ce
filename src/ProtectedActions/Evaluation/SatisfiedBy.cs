namespace ProtectedActions;

/// <summary>Why an allowed decision was allowed.</summary>
public enum SatisfiedBy
{
    /// <summary>Not allowed (step-up or denied).</summary>
    None,
    /// <summary>The permission is not protected by any authentication context.</summary>
    NotProtected,
    /// <summary>The token's trusted <c>acrs</c> claim lists the context.</summary>
    Token,
    /// <summary>Every applying enabled policy is satisfied by the sign-in (or none targets the context).</summary>
    Policies,
}
