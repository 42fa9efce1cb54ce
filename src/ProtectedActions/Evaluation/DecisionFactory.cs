using ProtectedActions.Compilation;

namespace ProtectedActions.Evaluation;

/// <summary>Turns per-policy result codes into a decision (combination rules of docs/reference/conditional-access.md).</summary>
internal static class DecisionFactory
{
    public static ProtectedActionDecision Create(ProtectedActionsSnapshot snapshot, CompiledAssignment assignment, string permission,
        ReadOnlySpan<ulong> codes, bool clientCapable, IReadOnlyList<string> notes, Challenges.ChallengeBuilder? challenges = null)
    {
        var context = assignment.Context;
        var policies = context.Policies;
        var results = new PolicyResult[policies.Length];
        var denyCauses = DecisionCauses.None;
        var stepUpCauses = DecisionCauses.None;
        var deny = false;
        var stepUp = false;
        int? maxAge = null;
        for (var i = 0; i < policies.Length; i++)
        {
            var p = policies[i];
            var code = codes[i];
            var failed = PolicyEvaluation.Failed(code);
            var remediable = PolicyEvaluation.Remediable(code);
            var causes = Causes(code);
            results[i] = new PolicyResult(p.Id, p.DisplayName, p.State, PolicyEvaluation.Applies(code), PolicyEvaluation.Reason(code),
                PolicyEvaluation.Satisfied(code), FailedControlNames.Names(failed), remediable,
                PolicyEvaluation.Missing(code), Detail(p, code), causes);

            // Only enabled policies that apply change the outcome; report-only ones are reported, never enforced.
            if (p.State != PolicyState.Enabled || !PolicyEvaluation.Applies(code) || PolicyEvaluation.Satisfied(code) != false)
            {
                continue;
            }

            if (!remediable)
            {
                deny = true;
                denyCauses |= causes;
            }
            else
            {
                stepUp = true;
                stepUpCauses |= causes;
                if ((failed & FailedControls.SignInFrequency) != 0)
                {
                    maxAge = maxAge is { } m ? Math.Min(m, p.SignInFrequencyMaxAge) : p.SignInFrequencyMaxAge;
                }
            }
        }

        if (deny)
        {
            return ProtectedActionDecision.Denied(permission, context.Id, results, clientCapable, denyCauses, notes);
        }

        if (stepUp)
        {
            var challenge = clientCapable ? (challenges ?? snapshot.Challenges).Get(context.Id, maxAge) : null;
            return ProtectedActionDecision.StepUp(permission, context.Id, results, maxAge, clientCapable, challenge, stepUpCauses, notes);
        }

        if (!context.HasEnabledPolicy && snapshot.StrictMode)
        {
            return ProtectedActionDecision.Denied(permission, context.Id, results, clientCapable, DecisionCauses.StrictModeNoEnforcedPolicy,
                [.. notes, "strict mode: no enabled policy targets this authentication context"]);
        }

        return ProtectedActionDecision.ByPolicies(permission, context.Id, results, clientCapable, notes);
    }

    /// <summary>What a failed policy's result code says its failure came from (<see cref="DecisionCauses.None"/> unless not satisfied).</summary>
    internal static DecisionCauses Causes(ulong code)
    {
        if (PolicyEvaluation.Satisfied(code) != false)
        {
            return DecisionCauses.None;
        }

        // Each cause below is added by one statement only, so causes never holds it yet and ^= would add it like |=.
        // Stryker disable Assignment : each cause bit is set at most once per code (see above)
        var causes = DecisionCauses.None;
        var failed = PolicyEvaluation.Failed(code);
        var unverified = PolicyEvaluation.Unverified(code);
        var known = failed & ~unverified;
        var restricted = PolicyEvaluation.Restricted(code);
        if ((known & FailedControls.Block) != 0)
        {
            causes |= DecisionCauses.Blocked;
        }

        if ((known & (FailedControls.CompliantDevice | FailedControls.DomainJoinedDevice)) != 0)
        {
            causes |= DecisionCauses.ControlNotRemediable;
        }

        if (unverified != FailedControls.None)
        {
            causes |= PolicyEvaluation.AcrsTrusted(code) ? DecisionCauses.IdentityProviderVerifies : DecisionCauses.UnverifiableControl;
        }

        if (restricted)
        {
            causes |= DecisionCauses.RestrictedStrength;
        }

        if ((known & FailedControls.Mfa) != 0 || (!restricted && (known & FailedControls.AuthenticationStrength) != 0))
        {
            causes |= DecisionCauses.Reauthentication;
        }

        if ((failed & FailedControls.SignInFrequency) != 0)
        {
            causes |= DecisionCauses.SignInFrequency;
        }

        if (PolicyEvaluation.Reason(code) == PolicyReason.NotEnoughInformation)
        {
            causes |= DecisionCauses.MissingInformation;
        }

        // Stryker restore Assignment
        return causes;
    }

    /// <summary>Explains which failed controls the identity provider checks at step-up and which fail on known facts.</summary>
    internal static string? Detail(CompiledPolicy p, ulong code)
    {
        // PolicyEvaluation sets the acrs bit on failed codes only: what fails then is the sign-in frequency.
        if (PolicyEvaluation.ProvenByAcrs(code))
        {
            return "a trusted acrs proves the grant controls, but the sign-in frequency is still enforced against auth_time";
        }

        // Stryker disable once Block : fast path only; a code that is not a failure carries no failed, unverified or restricted bits, so the rest adds no part and returns null too
        if (PolicyEvaluation.Satisfied(code) != false)
        {
            return null;
        }

        var failed = PolicyEvaluation.Failed(code);
        var unverified = PolicyEvaluation.Unverified(code);
        var parts = new List<string>(3);
        if (unverified != FailedControls.None)
        {
            var names = string.Join(", ", FailedControlNames.Names(unverified));
            var block = (unverified & FailedControls.Block) != 0 ? " (the block applies only because information is missing)" : "";
            parts.Add(PolicyEvaluation.AcrsTrusted(code)
                ? $"this API cannot verify {names}{block}; the identity provider checks it at step-up"
                : $"this API cannot verify {names}{block}, and acrs from this caller's issuer is not trusted, so a step-up cannot prove it");
        }

        var known = failed & ~unverified;
        if ((known & FailedControls.CompliantDevice) != 0)
        {
            parts.Add("compliantDevice fails on known facts: the device is known not to be compliant");
        }

        if ((known & FailedControls.DomainJoinedDevice) != 0)
        {
            parts.Add("domainJoinedDevice fails on known facts: the device is known not to be hybrid joined");
        }

        if ((known & FailedControls.Block) != 0)
        {
            parts.Add("block applies on known facts");
        }

        if (PolicyEvaluation.Restricted(code))
        {
            parts.Add($"authentication strength '{p.Strength?.DisplayName ?? p.Strength?.Id}' is met only by combinations restricted to specific FIDO2 keys/certificates that the token cannot prove; the identity provider enforces the restriction at step-up");
        }

        return parts.Count == 0 ? null : string.Join("; ", parts);
    }
}
