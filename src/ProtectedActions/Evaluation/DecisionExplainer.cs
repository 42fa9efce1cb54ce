using System.Globalization;
using System.Text;

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
                sb.Append(" for lack of information (").Append(p.MissingInformation).Append(')');
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
            SatisfiedBy.Token => $"Allowed: the token already satisfies authentication context {d.AuthenticationContextId} (acrs).",
            _ => d.Policies.Any(p => p.Applies && p.State == PolicyState.Enabled)
                ? $"Allowed: every applying policy for authentication context {d.AuthenticationContextId} is satisfied."
                : $"Allowed: no enabled policy for authentication context {d.AuthenticationContextId} applies to this sign-in.",
        },
        ProtectedActionOutcome.StepUpRequired => d.ClientCapable
            ? $"Step-up required: authenticate again to satisfy authentication context {d.AuthenticationContextId}"
              + (d.MaxAgeSeconds switch
              {
                  0 => " with a fresh sign-in (sign-in frequency: every time).",
                  int m => string.Create(CultureInfo.InvariantCulture, $" within the last {m} seconds."),
                  _ => ".",
              })
            : $"Step-up required for authentication context {d.AuthenticationContextId}, but the client did not declare the cp1 capability, so no challenge is sent.",
        _ => d.Policies.Count == 0
            ? $"Denied: authentication context {d.AuthenticationContextId} has no enabled policy and strict mode is on."
            : $"Denied: a policy for authentication context {d.AuthenticationContextId} blocks access or requires what re-authentication cannot provide.",
    };
}
