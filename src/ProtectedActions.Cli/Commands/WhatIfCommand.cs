namespace ProtectedActions.Cli.Commands;

/// <summary><c>whatif --config ... --action &lt;permission&gt; --signin &lt;file.json&gt; [--format text|json]</c>: the decision.</summary>
internal static class WhatIfCommand
{
    public static int Run(string[] args, TextWriter stdout)
    {
        var cl = CommandLine.Parse(args, ["--config", "--action", "--signin", "--format"]);
        if (cl.Help)
        {
            stdout.WriteLine("protected-actions whatif --config <file|folder>... --action <permission> --signin <file.json> [--format text|json]");
            return ExitCodes.Success;
        }

        cl.NoPositionals("whatif");
        var format = cl.Format("text", "json");
        var action = cl.Required("--action");
        var signInPath = cl.Required("--signin");
        var loaded = LoadedConfiguration.Load(cl.All("--config"));
        loaded.ThrowIfInvalid();
        var signIn = SignInDocument.LoadFile(signInPath);
        ThrowIfInvalid(signIn);

        var clock = new FixedTimeProvider();
        var evaluator = Evaluation.Create(loaded.Options, clock);
        var decision = Evaluation.Decide(evaluator, clock, action, signIn);
        var configWarnings = Evaluation.ConfigurationWarnings(loaded);
        if (format == "json")
        {
            stdout.WriteLine(Json.Write(w => DecisionOutput.WriteJson(w, decision, decision.Reasons.Concat(configWarnings).ToList())));
        }
        else
        {
            stdout.Write(DecisionOutput.Text(decision, configWarnings));
        }

        return ExitCodes.Success;
    }

    /// <summary>A sign-in with errors is not evaluated: exit 2 naming the file and JSON path of the first error.</summary>
    internal static void ThrowIfInvalid(SignInDocumentResult signIn)
    {
        var errors = signIn.Issues.Where(i => i.Severity == ConfigurationSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            var more = errors.Count > 1 ? $" ({errors.Count - 1} more errors in the same file)" : "";
            throw new CliException($"the sign-in is invalid: {errors[0].Path}: {errors[0].Code} {errors[0].Message}{more}");
        }
    }
}
