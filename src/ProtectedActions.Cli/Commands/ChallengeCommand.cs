using System.Globalization;
using System.Text;

namespace ProtectedActions.Cli.Commands;

/// <summary>
/// <c>challenge --context c1 [--max-age N] [--format entra|rfc9470|both] [--issuer ISS] [--config ...]</c> prints the
/// <c>WWW-Authenticate</c> value(s) the library sends for a step-up to that context (to callers of that issuer,
/// under its profile in <c>settings:issuers</c>, when <c>--issuer</c> is given);
/// <c>challenge --parse "&lt;value&gt;"</c> prints what a client reads from one.
/// </summary>
/// <remarks>
/// The headers are not written here: the command asks the library's own evaluator for a step-up decision on a
/// synthetic configuration (one context, one policy requiring MFA, the sign-in frequency that yields the
/// requested max age), so what it prints is exactly what an API would send. A max age that no sign-in frequency
/// produces (any number of seconds is valid for RFC 9470 and OpenID Connect, for example 300), and a challenge for
/// an issuer's callers, come from the library's challenge builder, which the evaluator itself uses.
/// </remarks>
internal static class ChallengeCommand
{
    private const string SyntheticPermission = "protected-actions.cli/challenge/show";

    public static int Run(string[] args, TextWriter stdout)
    {
        var cl = CommandLine.Parse(args, ["--context", "--max-age", "--format", "--parse", "--config", "--issuer"]);
        if (cl.Help)
        {
            stdout.WriteLine("protected-actions challenge --context <c1..c99> [--max-age <seconds>] [--format entra|rfc9470|both] [--issuer <iss>] [--config ...]");
            stdout.WriteLine("protected-actions challenge --parse \"<WWW-Authenticate value>\"");
            return ExitCodes.Success;
        }

        cl.NoPositionals("challenge");
        if (cl.Single("--parse") is { } value)
        {
            if (cl.Has("--context") || cl.Has("--max-age") || cl.Has("--format") || cl.Has("--config") || cl.Has("--issuer"))
            {
                throw new CliException("--parse cannot be combined with --context, --max-age, --format, --issuer or --config");
            }

            return ChallengeParsing.Run(value, stdout);
        }

        var context = cl.Required("--context");
        var settings = cl.All("--config").Count > 0 ? LoadSettings(cl.All("--config")) : new ProtectedActionsSettings();
        if (cl.Single("--format") is not null)
        {
            settings.ChallengeFormat = cl.Format("entra", "rfc9470", "both") switch
            {
                "rfc9470" => ChallengeFormat.Rfc9470,
                "both" => ChallengeFormat.Both,
                _ => ChallengeFormat.Entra,
            };
        }

        var challenge = Build(context, ParseMaxAge(cl.Single("--max-age")), settings, cl.Single("--issuer"));
        var sb = new StringBuilder();
        foreach (var header in challenge.WwwAuthenticate)
        {
            sb.Append("WWW-Authenticate: ").Append(header).Append('\n');
        }

        if (challenge.Claims is not null)
        {
            sb.Append("claims: ").Append(challenge.Claims).Append('\n');
        }

        stdout.Write(sb.ToString());
        return ExitCodes.Success;
    }

    /// <summary>The step-up challenge the library produces for <paramref name="contextId"/> and <paramref name="maxAge"/>.</summary>
    internal static StepUpChallenge Build(string contextId, int? maxAge, ProtectedActionsSettings settings, string? issuer = null)
    {
        if (!IsContextId(contextId))
        {
            throw new CliException($"'{CommandLine.Printable(contextId)}' is not an authentication context id (c1..c99)");
        }

        if (issuer is not null || (maxAge is { } age && !IsSignInFrequency(age)))
        {
            return BuildWithChallengeBuilder(contextId, maxAge, settings, issuer);
        }

        // Only the requested context exists here: acr values configured for other contexts do not apply.
        var acr = settings.AcrValues.Where(p => p.Key.Equals(contextId, StringComparison.OrdinalIgnoreCase)).ToList();
        settings.AcrValues.Clear();
        foreach (var (k, v) in acr)
        {
            settings.AcrValues[k] = v;
        }

        settings.RequireClientCapability = false;
        settings.TrustAcrsClaim = false;
        settings.StrictMode = false;
        var options = new ProtectedActionsOptions
        {
            AuthenticationContexts = [new AuthenticationContextDefinition { Id = contextId, DisplayName = "challenge" }],
            ProtectedActions = [new ProtectedActionAssignment { Permission = SyntheticPermission, AuthenticationContextId = contextId }],
            ConditionalAccessPolicies =
            [
                new ConditionalAccessPolicy
                {
                    Id = "challenge",
                    State = "enabled",
                    Conditions = new ConditionalAccessConditions
                    {
                        Applications = new ConditionalAccessApplications { IncludeAuthenticationContextClassReferences = [contextId] },
                        Users = new ConditionalAccessUsers { IncludeUsers = ["All"] },
                    },
                    GrantControls = new ConditionalAccessGrantControls { Operator = "OR", BuiltInControls = ["mfa"] },
                    SessionControls = maxAge is { } m ? new ConditionalAccessSessionControls { SignInFrequency = Frequency(m) } : null,
                },
            ],
            Settings = settings,
        };

        var clock = new FixedTimeProvider();
        var evaluator = Evaluation.Create(options, clock);
        var now = clock.Now;
        var signIn = new SignInContext
        {
            UserId = "00000000-0000-0000-0000-000000000001",
            AuthenticationMethodReferences = ["pwd"],
            AuthenticationTime = now.AddDays(-400),
            ClientCapabilities = ["cp1"],
        };
        var decision = evaluator.EvaluateAsync(new ProtectedActionRequest(SyntheticPermission, signIn)).AsTask().GetAwaiter().GetResult();
        return decision.Challenge ?? throw new CliException("the library produced no challenge for this context");
    }

    private static SignInFrequencySessionControl Frequency(int maxAge) => maxAge switch
    {
        0 => new SignInFrequencySessionControl { IsEnabled = true, FrequencyInterval = "everyTime" },
        _ when maxAge % 86400 == 0 => new SignInFrequencySessionControl { IsEnabled = true, FrequencyInterval = "timeBased", Type = "days", Value = maxAge / 86400 },
        _ => new SignInFrequencySessionControl { IsEnabled = true, FrequencyInterval = "timeBased", Type = "hours", Value = maxAge / 3600 },
    };

    /// <summary>The challenge from the library's challenge builder: any max age, and an issuer's profile (format, acr_values).</summary>
    private static StepUpChallenge BuildWithChallengeBuilder(string contextId, int? maxAge, ProtectedActionsSettings settings, string? issuer)
    {
        var issues = new ProtectedActions.Validation.IssueCollector();
        var builder = ProtectedActions.Challenges.ChallengeBuilder.Create(settings, [contextId], "settings", issues);
        if (issuer is not null)
        {
            var trust = ProtectedActions.Compilation.IssuerProfileCompiler.Compile(settings, [contextId], ProtectedActions.SignIns.AmrTable.Default, builder, ProtectedActions.Evaluation.AcrsTrust.None,
                "settings", issues);
            builder = trust.Find(issuer)?.Challenges
                ?? throw new CliException($"no profile in settings:issuers has the issuer '{CommandLine.Printable(issuer)}' (exact, as the token's iss claim says it)");
        }

        if (issues.Issues.FirstOrDefault(i => i.Severity == ConfigurationSeverity.Error) is { } error)
        {
            throw new CliException($"{error.Path}: {error.Message} ({error.Code})");
        }

        return builder.Get(contextId, maxAge);
    }

    private static bool IsSignInFrequency(int n) =>
        n == 0 || (n % 3600 == 0 && n / 3600 is >= 1 and <= 23) || (n % 86400 == 0 && n / 86400 is >= 1 and <= 365);

    internal static int? ParseMaxAge(string? text)
    {
        if (text is null)
        {
            return null;
        }

        if (text.Length <= 10 && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            return n;
        }

        throw new CliException("--max-age must be a non-negative whole number of seconds (for example 300), at most 2147483647");
    }

    private static bool IsContextId(string id) =>
        id.Length is 2 or 3 && id[0] == 'c' && id[1] is >= '1' and <= '9' && (id.Length == 2 || id[2] is >= '0' and <= '9');

    private static ProtectedActionsSettings LoadSettings(IReadOnlyList<string> paths)
    {
        var loaded = LoadedConfiguration.Load(paths);
        loaded.ThrowIfInvalid();
        return loaded.Options.Settings;
    }
}
