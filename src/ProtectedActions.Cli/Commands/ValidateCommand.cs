using System.Text.Json;

namespace ProtectedActions.Cli.Commands;

/// <summary><c>validate --config ... [--format text|json]</c>: every document issue, validation error and lint warning.</summary>
internal static class ValidateCommand
{
    public static int Run(string[] args, TextWriter stdout)
    {
        var cl = CommandLine.Parse(args, ["--config", "--format"]);
        if (cl.Help)
        {
            stdout.WriteLine("protected-actions validate --config <file|folder>... [--format text|json]");
            return ExitCodes.Success;
        }

        cl.NoPositionals("validate");
        var format = cl.Format("text", "json");
        var loaded = LoadedConfiguration.Load(cl.All("--config"));
        var issues = loaded.AllIssues.ToList();
        var errors = issues.Count(x => x.Issue.Severity == ConfigurationSeverity.Error);
        var warnings = issues.Count(x => x.Issue.Severity == ConfigurationSeverity.Warning);
        var information = issues.Count - errors - warnings;
        if (format == "json")
        {
            stdout.WriteLine(Json.Write(w => WriteJson(w, loaded, issues, errors, warnings, information)));
        }
        else
        {
            foreach (var (issue, source) in issues)
            {
                stdout.WriteLine(LoadedConfiguration.Format(issue, source));
            }

            stdout.WriteLine($"{(errors == 0 ? "valid" : "invalid")}: {errors} errors, {warnings} warnings, {information} information in {loaded.Document.Files.Count} files");
        }

        return loaded.Unreadable ? ExitCodes.UsageOrInput : errors > 0 ? ExitCodes.Failure : ExitCodes.Success;
    }

    private static void WriteJson(Utf8JsonWriter w, LoadedConfiguration loaded, List<(ConfigurationIssue Issue, string? Source)> issues, int errors, int warnings, int information)
    {
        w.WriteStartObject();
        w.WriteBoolean("valid", errors == 0);
        w.WriteNumber("errors", errors);
        w.WriteNumber("warnings", warnings);
        w.WriteNumber("information", information);
        w.Strings("files", loaded.Document.Files);
        w.WriteStartArray("issues");
        foreach (var (issue, source) in issues)
        {
            w.WriteStartObject();
            w.WriteString("severity", LoadedConfiguration.Severity(issue.Severity) is "info" ? "information" : LoadedConfiguration.Severity(issue.Severity));
            w.WriteString("code", issue.Code);
            w.WriteString("path", issue.Path);
            w.StringOrNull("source", source);
            w.WriteString("message", issue.Message);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }
}
