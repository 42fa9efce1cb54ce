using ProtectedActions.Cli.Commands;

namespace ProtectedActions.Cli;

/// <summary>The tool's entry point, callable in-process with any writers (the tests do).</summary>
internal static class CliApp
{
    public const string Usage = """
        protected-actions: What-If, validation and policy tests for ProtectedActions configurations.

        Usage:
          protected-actions validate --config <file|folder>... [--format text|json]
          protected-actions whatif --config <file|folder>... --action <permission> --signin <file.json> [--format text|json]
          protected-actions test <folder> [--config <file|folder>...]
          protected-actions challenge --context <c1..c99> [--max-age <seconds>] [--format entra|rfc9470|both] [--issuer <iss>] [--config ...]
          protected-actions challenge --parse "<WWW-Authenticate value>"
          protected-actions import --graph <file|folder>... --out <file>

        --config repeats and takes configuration documents and Microsoft Graph exports, files or folders.
        Exit codes: 0 success; 1 configuration errors, failed tests or rejected imports; 2 bad arguments or
        unreadable or invalid input. See docs/cli.md.
        """;

    /// <summary>Runs the tool; returns the exit code. Never throws: unexpected failures are reported in one line with exit code 2.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (args.Length == 0 || args[0] is "--help" or "-h" or "help" or "-?")
        {
            (args.Length == 0 ? stderr : stdout).WriteLine(Usage);
            return args.Length == 0 ? ExitCodes.UsageOrInput : ExitCodes.Success;
        }

        var command = args[0];
        var rest = args.AsSpan(1).ToArray();
        try
        {
            return command switch
            {
                "validate" => ValidateCommand.Run(rest, stdout),
                "whatif" => WhatIfCommand.Run(rest, stdout),
                "test" => TestCommand.Run(rest, stdout),
                "challenge" => ChallengeCommand.Run(rest, stdout),
                "import" => ImportCommand.Run(rest, stdout, stderr),
                _ => throw new CliException($"unknown command '{CommandLine.Printable(command)}'; commands: validate, whatif, test, challenge, import (--help for usage)"),
            };
        }
        catch (CliException ex)
        {
            stderr.WriteLine($"protected-actions {CommandLine.Printable(command)}: {ex.Message}");
            return ExitCodes.UsageOrInput;
        }
#pragma warning disable CA1031 // The tool's contract: never a stack trace; any unexpected failure is exit 2 with one line.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            stderr.WriteLine($"protected-actions {CommandLine.Printable(command)}: unexpected failure ({ex.GetType().Name}: {CommandLine.Printable(ex.Message)})");
            return ExitCodes.UsageOrInput;
        }
    }
}
