namespace ProtectedActions.AspNetCore;

/// <summary>
/// Every log event id of the ASP.NET Core package, in one place: the ranges 3000–3099 and 3100–3119, the no-loop rule (the core package uses
/// 1000–2099). docs/logging.md lists each with its level, message and what to do; a test fails when an id is
/// used in source but not listed there.
/// </summary>
internal static class AspNetCoreLogEventIds
{
    /// <summary>Debug: the decision for one protected action of a request (formerly event id 1).</summary>
    public const int Decision = 3000;

    /// <summary>Error: the evaluator threw; access is refused (formerly event id 2).</summary>
    public const int EvaluationFailed = 3001;

    /// <summary>Warning: several authenticated identities and not exactly one from a trusted issuer (formerly event id 3).</summary>
    public const int AmbiguousIdentity = 3002;

    /// <summary>Error: a step-up decision without a usable, header-safe challenge; answered 403 (formerly event id 10).</summary>
    public const int ChallengeUnavailable = 3010;

    /// <summary>Warning: a caller stepped up after a challenge and still fails; answered 403 step-up-unsatisfiable (no loop).</summary>
    public const int StepUpUnsatisfiable = 3100;

    /// <summary>Warning: the step-up memory (IDistributedCache) failed; the caller gets an ordinary challenge.</summary>
    public const int StepUpMemoryFailed = 3101;
    /// <summary>A management write was committed.</summary>
    public const int ManagementWriteApplied = 3300;

    /// <summary>A management write was refused (412 or 422).</summary>
    public const int ManagementWriteRefused = 3301;
}
