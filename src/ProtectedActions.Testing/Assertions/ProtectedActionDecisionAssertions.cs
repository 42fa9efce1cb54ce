using System.Globalization;

namespace ProtectedActions.Testing;

/// <summary>
/// Assertions on decisions for tests, independent of any test framework: each returns the decision (so they
/// chain) or throws <see cref="ProtectedActionAssertionException"/> with a message that says what was expected,
/// what the decision was, and the decision's <see cref="ProtectedActionDecision.Explanation"/> policy by policy.
/// </summary>
/// <example>
/// <code>
/// decision.ShouldRequireStepUp("c1", maxAgeSeconds: 3600)
///         .ShouldHaveFailedControl("p1", "signInFrequency");
/// </code>
/// </example>
public static class ProtectedActionDecisionAssertions
{
    /// <summary>Asserts that the decision allows the action (and, when given, what allowed it).</summary>
    /// <param name="decision">The decision.</param>
    /// <param name="satisfiedBy">What must have allowed it, or <see langword="null"/> for anything.</param>
    /// <exception cref="ProtectedActionAssertionException">It does not.</exception>
    public static ProtectedActionDecision ShouldBeAllowed(this ProtectedActionDecision decision, SatisfiedBy? satisfiedBy = null)
    {
        ExpectOutcome(decision, ProtectedActionOutcome.Allowed);
        if (satisfiedBy is { } by && decision.SatisfiedBy != by)
        {
            throw Failure(decision, $"to be allowed by {by.ToWireName()}", $"it was allowed by {decision.SatisfiedBy.ToWireName()}");
        }

        return decision;
    }

    /// <summary>Asserts that the decision requires step-up (and, when given, for which context and maximum authentication age).</summary>
    /// <param name="decision">The decision.</param>
    /// <param name="authenticationContextId">The context the caller must satisfy, or <see langword="null"/> for any.</param>
    /// <param name="maxAgeSeconds">The maximum authentication age requested, or <see langword="null"/> not to check it.</param>
    /// <exception cref="ProtectedActionAssertionException">It does not.</exception>
    public static ProtectedActionDecision ShouldRequireStepUp(this ProtectedActionDecision decision, string? authenticationContextId = null,
        int? maxAgeSeconds = null)
    {
        ExpectOutcome(decision, ProtectedActionOutcome.StepUpRequired);
        ExpectContext(decision, authenticationContextId, "to require step-up");
        if (maxAgeSeconds is { } maxAge && decision.MaxAgeSeconds != maxAge)
        {
            throw Failure(decision, Invariant($"to require step-up within {maxAge} seconds"),
                decision.MaxAgeSeconds is { } actual ? Invariant($"it asks for {actual} seconds") : "it asks for no maximum age");
        }

        return decision;
    }

    /// <summary>Asserts that the decision denies the action (and, when given, which context it was for).</summary>
    /// <param name="decision">The decision.</param>
    /// <param name="authenticationContextId">The context, or <see langword="null"/> for any.</param>
    /// <exception cref="ProtectedActionAssertionException">It does not.</exception>
    public static ProtectedActionDecision ShouldBeDenied(this ProtectedActionDecision decision, string? authenticationContextId = null)
    {
        ExpectOutcome(decision, ProtectedActionOutcome.Denied);
        ExpectContext(decision, authenticationContextId, "to be denied");
        return decision;
    }

    /// <summary>Asserts that the permission is protected by <paramref name="authenticationContextId"/>, whatever the outcome.</summary>
    /// <param name="decision">The decision.</param>
    /// <param name="authenticationContextId">The context id.</param>
    /// <exception cref="ProtectedActionAssertionException">It is not.</exception>
    public static ProtectedActionDecision ShouldBeProtectedBy(this ProtectedActionDecision decision, string authenticationContextId)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentException.ThrowIfNullOrEmpty(authenticationContextId);
        ExpectContext(decision, authenticationContextId, "to be protected");
        return decision;
    }

    /// <summary>Asserts that policy <paramref name="policyId"/> applied and failed <paramref name="control"/> (for example <c>authenticationStrength</c>, <c>mfa</c>, <c>compliantDevice</c>, <c>signInFrequency</c>, <c>block</c>).</summary>
    /// <param name="decision">The decision.</param>
    /// <param name="policyId">The policy id.</param>
    /// <param name="control">The control's name as <see cref="PolicyResult.FailedControls"/> lists it.</param>
    /// <exception cref="ProtectedActionAssertionException">It did not.</exception>
    public static ProtectedActionDecision ShouldHaveFailedControl(this ProtectedActionDecision decision, string policyId, string control)
    {
        ArgumentException.ThrowIfNullOrEmpty(control);
        var policy = FindPolicy(decision, policyId, $"policy '{policyId}' to have failed {control}");
        if (!policy.FailedControls.Contains(control, StringComparer.OrdinalIgnoreCase))
        {
            throw Failure(decision, $"policy '{policyId}' to have failed {control}", policy.FailedControls.Count == 0
                ? $"it failed no control ({Describe(policy)})"
                : $"it failed {string.Join(", ", policy.FailedControls)}");
        }

        return decision;
    }

    /// <summary>Asserts that policy <paramref name="policyId"/> applies to the sign-in (also for lack of information).</summary>
    /// <param name="decision">The decision.</param>
    /// <param name="policyId">The policy id.</param>
    /// <exception cref="ProtectedActionAssertionException">It does not.</exception>
    public static ProtectedActionDecision ShouldApply(this ProtectedActionDecision decision, string policyId)
    {
        var policy = FindPolicy(decision, policyId, $"policy '{policyId}' to apply");
        if (!policy.Applies)
        {
            throw Failure(decision, $"policy '{policyId}' to apply", $"it does not ({policy.Reason.ToWireName()})");
        }

        return decision;
    }

    /// <summary>Asserts that policy <paramref name="policyId"/> does not apply (and, when given, for which reason).</summary>
    /// <param name="decision">The decision.</param>
    /// <param name="policyId">The policy id.</param>
    /// <param name="reason">The first condition that did not match, or <see langword="null"/> for any.</param>
    /// <exception cref="ProtectedActionAssertionException">It applies, or for another reason.</exception>
    public static ProtectedActionDecision ShouldNotApply(this ProtectedActionDecision decision, string policyId, PolicyReason? reason = null)
    {
        var expected = reason is { } r ? $"policy '{policyId}' not to apply ({r.ToWireName()})" : $"policy '{policyId}' not to apply";
        var policy = FindPolicy(decision, policyId, expected);
        if (policy.Applies)
        {
            throw Failure(decision, expected, $"it applies ({Describe(policy)})");
        }

        if (reason is { } want && policy.Reason != want)
        {
            throw Failure(decision, expected, $"it does not apply because of {policy.Reason.ToWireName()}");
        }

        return decision;
    }

    private static void ExpectOutcome(ProtectedActionDecision decision, ProtectedActionOutcome expected)
    {
        ArgumentNullException.ThrowIfNull(decision);
        if (decision.Outcome != expected)
        {
            throw Failure(decision, "to be " + Words(expected), "it was " + Words(decision.Outcome)
                + (decision.AuthenticationContextId is { } c ? $" (authentication context {c})" : " (not protected)"));
        }
    }

    private static void ExpectContext(ProtectedActionDecision decision, string? expected, string what)
    {
        if (expected is not null && !string.Equals(decision.AuthenticationContextId, expected, StringComparison.Ordinal))
        {
            throw Failure(decision, $"{what} by authentication context {expected}", decision.AuthenticationContextId is { } actual
                ? $"the authentication context was {actual}"
                : "the permission is not protected");
        }
    }

    private static PolicyResult FindPolicy(ProtectedActionDecision decision, string policyId, string expected)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentException.ThrowIfNullOrEmpty(policyId);
        foreach (var policy in decision.Policies)
        {
            if (string.Equals(policy.Id, policyId, StringComparison.Ordinal))
            {
                return policy;
            }
        }

        throw Failure(decision, expected, decision.Policies.Count == 0
            ? "the decision names no policies"
            : $"the decision names only {string.Join(", ", decision.Policies.Select(p => "'" + p.Id + "'"))}");
    }

    private static string Describe(PolicyResult policy) =>
        !policy.Applies ? "does not apply: " + policy.Reason.ToWireName()
        : policy.Satisfied == true ? "applies and is satisfied"
        : policy.Satisfied == false ? "applies and is not satisfied"
        : "applies, " + policy.State.ToWireName();

    private static string Words(ProtectedActionOutcome outcome) => outcome switch
    {
        ProtectedActionOutcome.Allowed => "allowed",
        ProtectedActionOutcome.StepUpRequired => "step-up required",
        _ => "denied",
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static ProtectedActionAssertionException Failure(ProtectedActionDecision decision, string expected, string actual) =>
        new(
            $"Expected the decision for '{decision.Permission}' {expected}, but {actual}.{Environment.NewLine}"
            + $"Explanation:{Environment.NewLine}{decision.Explanation}");
}
