using System.Globalization;
using System.Text.Json;

namespace ProtectedActions.Cli.Commands;

/// <summary>
/// <c>test &lt;folder&gt; [--config ...]</c>: runs policy unit tests, like <c>opa test</c>. A test file is a
/// <c>*.json</c> file below the folder whose root is a test case object (it has <c>action</c> and
/// <c>expect</c>) or an array of them. Without <c>--config</c>, the configuration documents found in the folder
/// are the configuration. Other JSON files (sign-ins referenced by path, for example) are skipped.
/// Prints one line per case and the summary <c>N passed, N failed</c>; exit 1 when any failed.
/// </summary>
internal static class TestCommand
{
    private const int MaxFileBytes = 16 * 1024 * 1024;
    private const int MaxFiles = 10_000;

    private static readonly HashSet<string> CaseProperties = new(StringComparer.OrdinalIgnoreCase)
    {
        "$schema", "name", "description", "action", "signin", "expect", "expectContext", "expectMaxAgeSeconds",
    };

    private static readonly string[] Outcomes = ["allowed", "stepUpRequired", "denied"];

    public static int Run(string[] args, TextWriter stdout)
    {
        var cl = CommandLine.Parse(args, ["--config"]);
        if (cl.Help)
        {
            stdout.WriteLine("protected-actions test <folder> [--config <file|folder>...]");
            return ExitCodes.Success;
        }

        if (cl.Positionals.Count != 1)
        {
            throw new CliException("test takes exactly one folder of policy tests");
        }

        var folder = cl.Positionals[0];
        if (!Directory.Exists(folder))
        {
            throw new CliException($"{CommandLine.Printable(folder)} is not a folder");
        }

        var configPaths = cl.All("--config");
        var configFiles = new HashSet<string>(configPaths.Where(File.Exists).Select(Path.GetFullPath), StringComparer.Ordinal);
        var cases = new List<TestCase>();
        var foundConfigs = new List<string>();
        foreach (var file in Files(folder))
        {
            if (configFiles.Contains(Path.GetFullPath(file)))
            {
                continue;
            }

            using var document = Parse(file);
            var root = document.RootElement;
            if (IsCase(root))
            {
                cases.Add(new TestCase(Name(root, folder, file, null), file, root.Clone(), JsonPathRoot));
            }
            else if (root.ValueKind == JsonValueKind.Array && root.GetArrayLength() > 0 && root.EnumerateArray().All(IsCase))
            {
                var i = 0;
                foreach (var item in root.EnumerateArray())
                {
                    cases.Add(new TestCase(Name(item, folder, file, i), file, item.Clone(), $"$[{i.ToString(CultureInfo.InvariantCulture)}]"));
                    i++;
                }
            }
            else if (configPaths.Count == 0 && IsDocument(root))
            {
                foundConfigs.Add(file);
            }
        }

        if (cases.Count == 0)
        {
            throw new CliException($"no policy tests found in {CommandLine.Printable(folder)} (a test is a JSON object with \"action\" and \"expect\")");
        }

        if (configPaths.Count == 0 && foundConfigs.Count == 0)
        {
            throw new CliException($"no configuration: pass --config or put a configuration document in {CommandLine.Printable(folder)}");
        }

        var loaded = LoadedConfiguration.Load(configPaths.Count > 0 ? configPaths : foundConfigs);
        loaded.ThrowIfInvalid();
        var clock = new FixedTimeProvider();
        var evaluator = Evaluation.Create(loaded.Options, clock);

        int passed = 0, failed = 0;
        foreach (var testCase in cases)
        {
            var failure = RunCase(testCase, evaluator, clock);
            if (failure is null)
            {
                passed++;
                stdout.WriteLine($"PASS {testCase.Name}");
            }
            else
            {
                failed++;
                stdout.WriteLine($"FAIL {testCase.Name}: {failure}");
            }
        }

        stdout.WriteLine($"{passed} passed, {failed} failed");
        return failed > 0 ? ExitCodes.Failure : ExitCodes.Success;
    }

    private const string JsonPathRoot = "$";

    /// <summary>Runs one case; returns why it failed, or <see langword="null"/> when it passed.</summary>
    internal static string? RunCase(TestCase testCase, IProtectedActionEvaluator evaluator, FixedTimeProvider clock)
    {
        var c = testCase.Element;
        foreach (var member in c.EnumerateObject())
        {
            if (!CaseProperties.Contains(member.Name))
            {
                return $"{testCase.Path}.{CommandLine.Printable(member.Name)}: unknown test property (allowed: action, signin, expect, expectContext, expectMaxAgeSeconds, name, description)";
            }
        }

        if (!c.TryGetProperty("action", out var action) || action.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(action.GetString()))
        {
            return $"{testCase.Path}.action: expected a non-empty permission string";
        }

        if (!TryGet(c, "expect", out var expect) || expect.ValueKind != JsonValueKind.String || !Outcomes.Contains(expect.GetString(), StringComparer.Ordinal))
        {
            return $"{testCase.Path}.expect: expected one of {string.Join(", ", Outcomes)}";
        }

        var signIn = ReadSignIn(testCase, c);
        if (signIn.HasErrors)
        {
            var error = signIn.Issues.First(i => i.Severity == ConfigurationSeverity.Error);
            return $"invalid sign-in: {error.Path}: {error.Code} {error.Message}";
        }

        var decision = Evaluation.Decide(evaluator, clock, action.GetString()!, signIn);
        var problems = new List<string>();
        if (decision.Outcome.ToWireName() != expect.GetString())
        {
            problems.Add($"expected {expect.GetString()}, got {decision.Outcome.ToWireName()}");
        }

        if (TryGet(c, "expectContext", out var context))
        {
            if (context.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
            {
                return $"{testCase.Path}.expectContext: expected a context id or null";
            }

            if (context.GetString() != decision.AuthenticationContextId)
            {
                problems.Add($"expected context {context.GetString() ?? "none"}, got {decision.AuthenticationContextId ?? "none"}");
            }
        }

        if (TryGet(c, "expectMaxAgeSeconds", out var maxAge))
        {
            int? expected = maxAge.ValueKind == JsonValueKind.Null ? null
                : maxAge.ValueKind == JsonValueKind.Number && maxAge.TryGetInt32(out var n) && n >= 0 ? n
                : -1;
            if (expected == -1)
            {
                return $"{testCase.Path}.expectMaxAgeSeconds: expected a whole number of seconds or null";
            }

            if (expected != decision.MaxAgeSeconds)
            {
                problems.Add($"expected max age {Show(expected)}, got {Show(decision.MaxAgeSeconds)}");
            }
        }

        if (problems.Count == 0)
        {
            return null;
        }

        var verdict = decision.Explanation.Split('\n')[0];
        return string.Join("; ", problems) + " — " + verdict;
    }

    private static SignInDocumentResult ReadSignIn(TestCase testCase, JsonElement c)
    {
        if (!TryGet(c, "signin", out var signIn) || signIn.ValueKind == JsonValueKind.Null)
        {
            return SignInDocument.Parse("{}", testCase.File);
        }

        if (signIn.ValueKind == JsonValueKind.String)
        {
            var relative = signIn.GetString()!;
            var path = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(testCase.File))!, relative);
            return SignInDocument.LoadFile(path);
        }

        return SignInDocument.Read(signIn, testCase.File, testCase.Path + ".signin");
    }

    private static bool TryGet(JsonElement e, string name, out JsonElement value)
    {
        foreach (var member in e.EnumerateObject())
        {
            if (member.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                value = member.Value;
                return true;
            }
        }

        value = default;
        return false;
    }

    private static string Show(int? seconds) => seconds?.ToString(CultureInfo.InvariantCulture) ?? "none";

    private static bool IsCase(JsonElement e) =>
        e.ValueKind == JsonValueKind.Object && TryGet(e, "action", out _) && TryGet(e, "expect", out _);

    private static bool IsDocument(JsonElement root) =>
        ProtectedActionsDocument.LooksLikeDocument(root);

    private static string Name(JsonElement e, string folder, string file, int? index)
    {
        if (TryGet(e, "name", out var name) && name.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(name.GetString()))
        {
            return CommandLine.Printable(name.GetString()!);
        }

        var relative = Path.GetRelativePath(folder, file).Replace('\\', '/');
        return index is { } i ? $"{relative}[{i.ToString(CultureInfo.InvariantCulture)}]" : relative;
    }

    private static List<string> Files(string folder)
    {
        var files = Directory.EnumerateFiles(folder, "*.json", new EnumerationOptions
        {
            RecurseSubdirectories = true,
            MaxRecursionDepth = 32,
            MatchCasing = MatchCasing.CaseInsensitive,
            AttributesToSkip = FileAttributes.ReparsePoint | FileAttributes.System,
        }).Take(MaxFiles + 1).ToList();
        if (files.Count > MaxFiles)
        {
            throw new CliException($"{CommandLine.Printable(folder)} holds more than {MaxFiles} JSON files");
        }

        files.Sort(StringComparer.Ordinal);
        return files;
    }

    private static JsonDocument Parse(string file)
    {
        try
        {
            if (new FileInfo(file).Length > MaxFileBytes)
            {
                throw new CliException($"{CommandLine.Printable(file)} is larger than {MaxFileBytes} bytes");
            }

            // ReadAllText honours UTF-8 and UTF-16 byte-order marks.
            var text = File.ReadAllText(file);
            var document = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 64 });
            if (HasBadEscape(text))
            {
                document.Dispose();
                throw new CliException($"{CommandLine.Printable(file)}: not valid JSON (a string holds an escaped lone surrogate)");
            }

            return document;
        }
        catch (JsonException ex)
        {
            throw new CliException($"{CommandLine.Printable(file)}#{ex.Path ?? "$"}: not valid JSON (line {ex.LineNumber + 1}, position {ex.BytePositionInLine + 1})");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"{CommandLine.Printable(file)} cannot be read ({ex.GetType().Name})");
        }
    }

    /// <summary>Whether a string escapes a lone surrogate: the parser accepts it, but reading the string would throw.</summary>
    private static bool HasBadEscape(string text)
    {
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(text), new JsonReaderOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 64 });
        while (reader.Read())
        {
            if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.ValueIsEscaped)
            {
                try
                {
                    _ = reader.GetString();
                }
                catch (InvalidOperationException)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>One policy test: its name, file, the case object and its JSON path in the file.</summary>
    internal sealed record TestCase(string Name, string File, JsonElement Element, string Path);
}
