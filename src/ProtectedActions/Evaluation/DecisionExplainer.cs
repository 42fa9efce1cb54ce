using System.Globalization;
using System.Text;
using ProtectedActions.Conditions;

namespace ProtectedActions;

/// <summary>Renders a decision as readable text. Off the hot path: explanations are built on first use.</summary>
internal static class DecisionExplainer
{
    public static string Explain(ProtectedActionDecision d)
    {
        var sb = new StringBuilder();
        sb.Append(Verdict(d));
        foreach (var p in d.Policies)
        {
            sb.Append('\n').Append("- ").Append(p.DisplayName ?? p.Id);
            if (p.DisplayName is not null && p.DisplayName != p.Id)
            {
                sb.Append(" [").Append(p.Id).Append(']');
            }

            sb.Append(" (").Append(Names.Of(p.State)).Append("): ");
            if (!p.Applies)
            {
                sb.Append("does not apply (").Append(Names.Of(p.Reason)).Append(')');
                continue;
            }

            sb.Append("applies");
            if (p.Reason == PolicyReason.NotEnoughInformation)
            {
                sb.Append(" for lack of information (").Append(MissingInformationNames.Describe(p.MissingInformation) ?? "unknown").Append(')');
            }

            if (p.Satisfied == true)
            {
                sb.Append(", satisfied");
            }
            else if (p.Satisfied == false)
            {
                sb.Append(", not satisfied: ").Append(string.Join(", ", p.FailedControls))
                  .Append(p.Remediable ? " (re-authentication can fix it)" : " (re-authentication cannot fix it)");
                if (p.Detail is not null)
                {
                    sb.Append(" — ").Append(p.Detail);
                }
            }

            if (p.ReportOnly)
            {
                sb.Append(" — report-only, not enforced");
            }
        }

        foreach (var r in d.Reasons)
        {
            sb.Append('\n').Append("note: ").Append(r);
        }

        return sb.ToString();
    }

    private static string Verdict(ProtectedActionDecision d) => d.Outcome switch
    {
        ProtectedActionOutcome.Allowed => d.SatisfiedBy switch
        {
            SatisfiedBy.NotProtected => $"Allowed: {d.Permission} is not a protected action.",
            SatisfiedBy.Token => $"Allowed: the token already satisfies authentication context {d.AuthenticationContextId} (acrs, or acr under its issuer's profile).",
            _ => d.Policies.Any(p => p.Applies && p.State == PolicyState.Enabled)
                ? $"Allowed: every applying policy for authentication context {d.AuthenticationContextId} is satisfied."
                : $"Allowed: no enabled policy for authentication context {d.AuthenticationContextId} applies to this sign-in.",
        },
        ProtectedActionOutcome.StepUpRequired => ((d.Causes & DecisionCauses.ClientNotCapable) == 0 && d.ClientCapable
            ? $"Step-up required: authenticate again to satisfy authentication context {d.AuthenticationContextId}"
              + (d.MaxAgeSeconds switch
              {
                  0 => " with a fresh sign-in (sign-in frequency: every time).",
                  int m => string.Create(CultureInfo.InvariantCulture, $" within the last {m} seconds."),
                  _ => ".",
              })
            : $"Step-up required for authentication context {d.AuthenticationContextId}, but the client did not declare the cp1 capability, so no challenge is sent.")
            + Because(d.Causes, StepUpPhrases),
        _ => (d.Causes & DecisionCauses.StrictModeNoEnforcedPolicy) != 0
            ? $"Denied: no enabled policy targets authentication context {d.AuthenticationContextId} and strict mode is on"
              + (d.Policies.Any(p => p.ReportOnly) ? " (report-only policies are reported, never enforced)." : ".")
            : $"Denied: re-authentication cannot satisfy authentication context {d.AuthenticationContextId}."
              + Because(d.Causes, DenyPhrases, " A policy requires what re-authentication cannot provide."),
    };

    private static readonly (DecisionCauses Cause, string Text)[] DenyPhrases =
    [
        (DecisionCauses.Blocked, "a policy blocks access"),
        (DecisionCauses.ControlNotRemediable, "a required device control (compliant or hybrid joined device) fails on known facts"),
        (DecisionCauses.UnverifiableControl, "a required control cannot be verified by this API, and acrs from the caller's issuer is not trusted, so a step-up cannot prove it"),
        (DecisionCauses.RestrictedStrength, "the authentication strength is met only by combinations restricted to specific FIDO2 keys or certificates, which the token cannot prove"),
        (DecisionCauses.MissingInformation, "a policy applies only because the sign-in lacks information"),
        (DecisionCauses.StepUpUnsatisfiable, "the caller already stepped up after being asked and the new sign-in still does not satisfy it (step-up-unsatisfiable)"),
    ];

    private static readonly (DecisionCauses Cause, string Text)[] StepUpPhrases =
    [
        (DecisionCauses.Reauthentication, "the sign-in's methods do not meet mfa or the authentication strength"),
        (DecisionCauses.SignInFrequency, "the sign-in is older than the sign-in frequency allows"),
        (DecisionCauses.IdentityProviderVerifies, "the identity provider checks at step-up a control this API cannot verify"),
        (DecisionCauses.RestrictedStrength, "the authentication strength is met only by combinations restricted to specific FIDO2 keys or certificates; the identity provider enforces the restriction at step-up"),
        (DecisionCauses.MissingInformation, "a policy applies only because the sign-in lacks information"),
    ];

    private static string Because(DecisionCauses causes, (DecisionCauses Cause, string Text)[] phrases, string none = "")
    {
        var parts = phrases.Where(x => (causes & x.Cause) != 0).Select(x => x.Text).ToList();
        return parts.Count == 0 ? none : " Because " + string.Join("; ", parts) + ".";
    }
}
