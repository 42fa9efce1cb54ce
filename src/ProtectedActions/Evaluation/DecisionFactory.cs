using ProtectedActions.Compilation;
using ProtectedActions.Conditions;

namespace ProtectedActions.Evaluation;

/// <summary>Turns per-policy result codes into a decision (combination rules of semantics §3).</summary>
internal static class DecisionFactory
{
    public static ProtectedActionDecision Create(ProtectedActionsSnapshot snapshot, CompiledAssignment assignment, string permission,
        ReadOnlySpan<ulong> codes, bool clientCapable, IReadOnlyList<string> notes)
    {
        var context = assignment.Context;
        var policies = context.Policies;
        var results = new PolicyResult[policies.Length];
        var deny = false;
        var stepUp = false;
        int? maxAge = null;
        for (var i = 0; i < policies.Length; i++)
        {
            var p = policies[i];
            var code = codes[i];
            var failed = PolicyEvaluation.Failed(code);
            var remediable = PolicyEvaluation.Remediable(code);
            results[i] = new PolicyResult(p.Id, p.DisplayName, p.State, PolicyEvaluation.Applies(code), PolicyEvaluation.Reason(code),
                PolicyEvaluation.Satisfied(code), FailedControlNames.Names(failed), remediable,
                MissingInformationNames.Describe(PolicyEvaluation.Missing(code)));

            // Only enabled policies that apply change the outcome; report-only ones are reported, never enforced.
            if (p.State != PolicyState.Enabled || !PolicyEvaluation.Applies(code) || PolicyEvaluation.Satisfied(code) != false)
            {
                continue;
            }

            if (!remediable)
            {
                deny = true;
            }
            else
            {
                stepUp = true;
                if ((failed & FailedControls.SignInFrequency) != 0)
                {
                    maxAge = maxAge is { } m ? Math.Min(m, p.SignInFrequencyMaxAge) : p.SignInFrequencyMaxAge;
                }
            }
        }

        if (deny)
        {
            return new ProtectedActionDecision(ProtectedActionOutcome.Denied, permission, context.Id, SatisfiedBy.None, results, null, clientCapable, null, notes);
        }

        if (stepUp)
        {
            var challenge = clientCapable ? snapshot.Challenges.Get(context.Id, maxAge) : null;
            return new ProtectedActionDecision(ProtectedActionOutcome.StepUpRequired, permission, context.Id, SatisfiedBy.None, results, maxAge, clientCapable, challenge, notes);
        }

        if (!context.HasEnabledPolicy && snapshot.StrictMode)
        {
            return new ProtectedActionDecision(ProtectedActionOutcome.Denied, permission, context.Id, SatisfiedBy.None, results, null, clientCapable, null,
                [.. notes, "strict mode: no enabled policy targets this authentication context"]);
        }

        return new ProtectedActionDecision(ProtectedActionOutcome.Allowed, permission, context.Id, SatisfiedBy.Policies, results, null, clientCapable, null, notes);
    }
}
