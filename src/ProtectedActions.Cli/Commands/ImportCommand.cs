namespace ProtectedActions.Cli.Commands;

/// <summary>
/// <c>import --graph &lt;file|folder&gt;... --out &lt;file&gt;</c>: writes one configuration document from Graph
/// exports (and documents). Rejected objects are listed on stderr; the document holds the rest.
/// </summary>
internal static class ImportCommand
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var cl = CommandLine.Parse(args, ["--graph", "--out"]);
        if (cl.Help)
        {
            stdout.WriteLine("protected-actions import --graph <file|folder>... --out <file>");
            return ExitCodes.Success;
        }

        cl.NoPositionals("import");
        var inputs = cl.All("--graph");
        if (inputs.Count == 0)
        {
            throw new CliException("option --graph is required (a Graph export file or a folder of them)");
        }

        var output = cl.Required("--out");
        foreach (var input in inputs)
        {
            if (!File.Exists(input) && !Directory.Exists(input))
            {
                throw new CliException($"{CommandLine.Printable(input)} does not exist");
            }
        }

        var result = ProtectedActionsDocument.LoadPaths(inputs);
        if (result.Files.Count == 0)
        {
            throw new CliException($"no JSON file found in {string.Join(", ", inputs.Select(CommandLine.Printable))}");
        }

        foreach (var issue in result.Issues.Where(i => i.Severity != ConfigurationSeverity.Information))
        {
            stderr.WriteLine(LoadedConfiguration.Format(issue, null));
        }

        var options = result.Options;
        var json = ProtectedActionsDocument.Serialize(options);
        var full = Path.GetFullPath(output);
        var temp = full + ".tmp";
        try
        {
            File.WriteAllText(temp, json);
            File.Move(temp, full, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new CliException($"cannot write {CommandLine.Printable(output)} ({ex.GetType().Name})");
        }

        var errors = result.Issues.Count(i => i.Severity == ConfigurationSeverity.Error);
        var rejected = result.Issues.Count(i => i.Severity == ConfigurationSeverity.Error && i.Code is IssueCodes.Unreadable or IssueCodes.InvalidJson or IssueCodes.UnsupportedGraphObject or IssueCodes.UnsupportedGraphFile);
        var ignored = result.Issues.Count(i => i.Severity == ConfigurationSeverity.Information);
        stdout.WriteLine($"imported {options.ConditionalAccessPolicies.Count} policies, {options.NamedLocations.Count} named locations, "
            + $"{options.AuthenticationStrengthPolicies.Count} authentication strengths from {result.Files.Count} files into {output}; "
            + $"{rejected} objects or files rejected, {errors} errors, {ignored} properties ignored");
        return errors > 0 ? ExitCodes.Failure : ExitCodes.Success;
    }
}
