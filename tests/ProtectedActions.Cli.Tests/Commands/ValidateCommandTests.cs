using System.Text.Json;

namespace ProtectedActions.Cli.Tests.Commands;

public class ValidateCommandTests
{
    [Test]
    public void A_valid_configuration_exits_0()
    {
        var r = Cli.Run("validate", "--config", RepositoryPaths.SampleConfig);

        r.Exit.Should().Be(0, r.ToString());
        r.Out.Should().EndWith("valid: 0 errors, 0 warnings, 0 information in 1 files\n");
        r.Err.Should().BeEmpty();
    }

    [Test]
    public void Validation_errors_exit_1_and_name_the_file_and_json_path()
    {
        using var temp = new TempFolder();
        var file = temp.Write("bad.json", """{ "authenticationContexts": [ { "id": "c100" } ], "settings": { "trustAcrsClaim": false, "allowEmptyConfiguration": true } }""");

        var r = Cli.Run("validate", "--config", file);

        r.Exit.Should().Be(1, r.ToString());
        r.Out.Should().Contain($"error PA1001 ProtectedActions:AuthenticationContexts[0]:id [{file}#$.authenticationContexts[0].id]: ");
        r.Out.Should().Contain("invalid: 1 errors");
    }

    [Test]
    public void Document_errors_exit_1_and_unknown_properties_of_own_sections_are_listed_as_warnings()
    {
        using var temp = new TempFolder();
        var file = temp.Write("doc.json", """{ "authenticationContexts": [ { "id": "c1", "colour": 1, "isAvailable": "sometimes" } ] }""");

        var r = Cli.Run("validate", "--config", file);

        r.Exit.Should().Be(1, r.ToString());
        r.Out.Should().Contain($"warning PA6030 {file}#$.authenticationContexts[0].colour: unknown property 'colour' is ignored (line 1, position 45).");
        r.Out.Should().Contain($"error PA6003 {file}#$.authenticationContexts[0].isAvailable: expected true or false, found a string");
    }

    [Test]
    public void Lint_warnings_do_not_fail_validation()
    {
        using var temp = new TempFolder();
        var file = temp.Write("c.json", Fixtures.ConfigWithBlock.Replace("\"emergencyAccessAccounts\"", "\"unused\"", StringComparison.Ordinal));

        var r = Cli.Run("validate", "--config", file);

        r.Exit.Should().Be(0, r.ToString());
        r.Out.Should().Contain("warning PA5007");
    }

    [Test]
    public void Json_format_lists_every_issue_with_severity_code_path_source_and_message()
    {
        using var temp = new TempFolder();
        var file = temp.Write("bad.json", """{ "authenticationContexts": [ { "id": "c100" } ], "extra": true }""");

        var r = Cli.Run("validate", "--config", file, "--format", "json");

        r.Exit.Should().Be(1);
        using var doc = JsonDocument.Parse(r.Out);
        var root = doc.RootElement;
        root.EnumerateObject().Select(p => p.Name).Should().Equal("valid", "errors", "warnings", "information", "files", "issues");
        root.GetProperty("valid").GetBoolean().Should().BeFalse();
        root.GetProperty("errors").GetInt32().Should().BeGreaterThan(0);
        root.GetProperty("files")[0].GetString().Should().Be(file);
        var issues = root.GetProperty("issues").EnumerateArray().ToList();
        issues.Should().OnlyContain(i => i.EnumerateObject().Select(p => p.Name).SequenceEqual(new[] { "severity", "code", "path", "source", "message" }));
        issues.Should().Contain(i => i.GetProperty("severity").GetString() == "warning" && i.GetProperty("code").GetString() == "PA6030" && i.GetProperty("path").GetString() == file + "#$.extra");
        var error = issues.Single(i => i.GetProperty("code").GetString() == "PA1001");
        error.GetProperty("severity").GetString().Should().Be("error");
        error.GetProperty("path").GetString().Should().Be("ProtectedActions:AuthenticationContexts[0]:id");
        error.GetProperty("source").GetString().Should().Be(file + "#$.authenticationContexts[0].id");
    }

    [Test]
    public void Configuration_documents_and_graph_exports_mix_across_repeated_config_options()
    {
        using var temp = new TempFolder();
        var doc = temp.Write("doc.json", """
            { "authenticationContexts": [ { "id": "c1" } ],
              "protectedActions": [ { "permission": "a.b/c/d", "authenticationContextId": "c1" } ],
              "emergencyAccessAccounts": { "userIds": [ "e" ] },
              "settings": { "trustedTenantIds": [ "00000000-0000-0000-0000-00000000c0de" ] } }
            """);
        temp.Write("graph/policies.json", """
            { "value": [ { "id": "p1", "state": "enabled",
                "conditions": { "applications": { "includeAuthenticationContextClassReferences": [ "c1" ] }, "users": { "includeUsers": [ "All" ], "excludeUsers": [ "e" ] } },
                "grantControls": { "operator": "OR", "builtInControls": [ "mfa" ] } } ] }
            """);

        var r = Cli.Run("validate", "--config", doc, "--config", Path.Combine(temp.Path, "graph"));

        r.Exit.Should().Be(0, r.ToString());
        r.Out.Should().Contain("in 2 files");
    }

    [TestCase("missing")]
    [TestCase("syntax")]
    public void Unreadable_configuration_exits_2(string kind)
    {
        using var temp = new TempFolder();
        var file = kind == "missing" ? Path.Combine(temp.Path, "nope.json") : temp.Write("broken.json", "{ \"authenticationContexts\": [ ");

        var r = Cli.Run("validate", "--config", file);

        r.Exit.Should().Be(2, r.ToString());
        r.Out.Should().Contain(file + "#$");
    }

    [TestCase(new[] { "validate" }, "option --config is required")]
    [TestCase(new[] { "validate", "--config" }, "option --config needs a value")]
    [TestCase(new[] { "validate", "--config", "x.json", "--format", "xml" }, "--format must be one of: text, json")]
    [TestCase(new[] { "validate", "--config", "x.json", "--verbose" }, "unknown option '--verbose'")]
    [TestCase(new[] { "validate", "stray", "--config", "x.json" }, "validate takes no argument 'stray'")]
    [TestCase(new[] { "frobnicate" }, "unknown command 'frobnicate'")]
    public void Bad_arguments_exit_2_with_one_line_on_stderr(string[] args, string message)
    {
        var r = Cli.Run(args);

        r.Exit.Should().Be(2);
        r.Out.Should().BeEmpty();
        r.Err.Should().Contain(message);
        r.Err.TrimEnd('\n').Should().NotContain("\n", "one paragraph");
    }

    [Test]
    public void Options_may_be_written_with_an_equals_sign()
    {
        var r = Cli.Run("validate", "--config=" + RepositoryPaths.SampleConfig, "--format=json");

        r.Exit.Should().Be(0, r.ToString());
        r.Out.Should().StartWith("{");
    }

    [Test]
    public void No_arguments_print_usage_on_stderr_and_exit_2_while_help_exits_0()
    {
        Cli.Run().Should().Match<CliResult>(r => r.Exit == 2 && r.Err.Contains("Usage:"));
        Cli.Run("--help").Should().Match<CliResult>(r => r.Exit == 0 && r.Out.Contains("protected-actions whatif"));
        Cli.Run("validate", "--help").Exit.Should().Be(0);
    }
}
