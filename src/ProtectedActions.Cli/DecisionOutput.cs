using System.Text;
using System.Text.Json;

namespace ProtectedActions.Cli;

/// <summary>The decision as the What-If contract spells it (docs/cli.md), in JSON and as text.</summary>
internal static class DecisionOutput
{
    /// <summary>
    /// <c>{ action, protected, authenticationContextId, outcome, satisfiedBy, clientCapable, maxAgeSeconds,
    /// challenge: { wwwAuthenticate, claims } | null, policies: [...], warnings, explanation }</c>, in that order.
    /// </summary>
    public static void WriteJson(Utf8JsonWriter w, ProtectedActionDecision d, IReadOnlyList<string> warnings)
    {
        w.WriteStartObject();
        w.WriteString("action", d.Permission);
        w.WriteBoolean("protected", d.IsProtected);
        w.StringOrNull("authenticationContextId", d.AuthenticationContextId);
        w.WriteString("outcome", d.Outcome.ToWireName());
        w.StringOrNull("satisfiedBy", d.SatisfiedBy.ToWireName());
        w.WriteBoolean("clientCapable", d.ClientCapable);
        w.NumberOrNull("maxAgeSeconds", d.MaxAgeSeconds);
        if (d.Challenge is { } c)
        {
            w.WriteStartObject("challenge");
            w.Strings("wwwAuthenticate", c.WwwAuthenticate);
            w.StringOrNull("claims", c.Claims);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("challenge");
        }

        w.WriteStartArray("policies");
        foreach (var p in d.Policies)
        {
            w.WriteStartObject();
            w.WriteString("id", p.Id);
            w.StringOrNull("displayName", p.DisplayName);
            w.WriteString("state", p.State.ToWireName());
            w.WriteBoolean("applies", p.Applies);
            w.WriteString("reason", p.Reason.ToWireName());
            if (p.Satisfied is { } s)
            {
                w.WriteBoolean("satisfied", s);
            }
            else
            {
                w.WriteNull("satisfied");
            }

            w.Strings("failedControls", p.FailedControls);
            w.WriteBoolean("remediable", p.Remediable);
            w.WriteBoolean("reportOnly", p.ReportOnly);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.Strings("warnings", warnings);
        w.WriteString("explanation", d.Explanation);
        w.WriteEndObject();
    }

    /// <summary>A one-line verdict, each policy with whether it applied, why and what failed, then the challenge and warnings.</summary>
    public static string Text(ProtectedActionDecision d, IReadOnlyList<string> warnings)
    {
        var sb = new StringBuilder(d.Explanation).Append('\n');
        if (d.Challenge is { } c)
        {
            foreach (var header in c.WwwAuthenticate)
            {
                sb.Append("WWW-Authenticate: ").Append(header).Append('\n');
            }

            if (c.Claims is not null)
            {
                sb.Append("claims: ").Append(c.Claims).Append('\n');
            }
        }

        foreach (var warning in warnings)
        {
            sb.Append("warning: ").Append(warning).Append('\n');
        }

        return sb.ToString();
    }
}
