using System.Globalization;
using System.Text;

namespace ProtectedActions.Cli.Commands;

/// <summary>
/// <c>challenge --parse "&lt;WWW-Authenticate value&gt;"</c>: what a client reads from a challenge, using the
/// library's bounded parser: each challenge's scheme, its error, the claims request MSAL would pass to
/// <c>WithClaims</c> (only for <c>insufficient_claims</c>), RFC 9470's <c>acr_values</c> and <c>max_age</c>,
/// and every parameter.
/// </summary>
internal static class ChallengeParsing
{
    public static int Run(string value, TextWriter stdout)
    {
        IReadOnlyList<AuthenticationChallenge> challenges;
        try
        {
            challenges = ChallengeParser.Parse(value);
        }
        catch (FormatException ex)
        {
            throw new CliException("the value is not a well-formed WWW-Authenticate challenge: " + ex.Message);
        }

        var sb = new StringBuilder();
        for (var i = 0; i < challenges.Count; i++)
        {
            var c = challenges[i];
            sb.Append(CultureInfo.InvariantCulture, $"challenge {i + 1}: {c.Scheme}\n");
            if (c.Token68 is not null)
            {
                sb.Append("  token68: ").Append(c.Token68).Append('\n');
            }

            sb.Append("  step-up: ").Append(Kind(c)).Append('\n');
            if (c.Error is not null)
            {
                sb.Append("  error: ").Append(c.Error).Append('\n');
            }

            if (c.ErrorDescription is not null)
            {
                sb.Append("  error_description: ").Append(c.ErrorDescription).Append('\n');
            }

            if (c.Claims is not null)
            {
                sb.Append("  claims (pass to MSAL WithClaims): ").Append(c.Claims).Append('\n');
            }

            if (c.AcrValues.Count > 0)
            {
                sb.Append("  acr_values: ").Append(string.Join(' ', c.AcrValues)).Append('\n');
            }

            if (c.MaxAge is { } maxAge)
            {
                sb.Append(CultureInfo.InvariantCulture, $"  max_age: {maxAge} seconds\n");
            }

            foreach (var (name, parameter) in c.Parameters.OrderBy(p => p.Key, StringComparer.OrdinalIgnoreCase))
            {
                sb.Append("  parameter ").Append(name).Append(": ").Append(parameter.Length == 0 ? "\"\"" : parameter).Append('\n');
            }
        }

        stdout.Write(sb.ToString());
        return ExitCodes.Success;
    }

    private static string Kind(AuthenticationChallenge c) => c.Error switch
    {
        "insufficient_claims" when c.Claims is not null => "Entra claims challenge (re-acquire the token with the claims below)",
        "insufficient_user_authentication" => "RFC 9470 (re-authorize with acr_values and max_age)",
        _ => "none (not a step-up challenge)",
    };
}
