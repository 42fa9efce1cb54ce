namespace ProtectedActions.Conditions;

/// <summary>A condition's verdict on a sign-in: three-valued, because missing information must not be read as a match or a miss.</summary>
internal enum ConditionMatch : byte
{
    /// <summary>The condition does not match.</summary>
    NoMatch,
    /// <summary>The condition matches.</summary>
    Match,
    /// <summary>The sign-in lacks the information needed to decide.</summary>
    Unknown,
}
