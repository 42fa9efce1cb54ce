namespace ProtectedActions.Cli.Tests.Commands;

public class TestCommandTests
{
    [Test]
    public void The_sample_policy_tests_run_green()
    {
        var r = Cli.Run("test", RepositoryPaths.PolicyTests, "--config", RepositoryPaths.SampleConfig);

        r.Exit.Should().Be(0, r.ToString());
        var lines = r.Out.TrimEnd('\n').Split('\n');
        lines[^1].Should().Be("9 passed, 0 failed");
        lines[..^1].Should().OnlyContain(l => l.StartsWith("PASS ", StringComparison.Ordinal));
    }

    [Test]
    public void Without_config_the_configuration_documents_in_the_folder_are_used()
    {
        var r = Cli.Run("test", RepositoryPaths.PolicyTests);

        r.Exit.Should().Be(0, r.ToString());
        r.Out.Should().EndWith("9 passed, 0 failed\n");
    }

    [Test]
    public void A_failing_case_prints_expected_and_actual_and_exits_1()
    {
        using var temp = new TempFolder();
        temp.Write("config.json", File.ReadAllText(RepositoryPaths.SampleConfig));
        temp.Write("cases.json", $$"""
            [
              { "name": "wrong outcome", "action": "{{Fixtures.CaDelete}}", "signin": { "amr": [ "pwd" ] }, "expect": "allowed" },
              { "name": "wrong context", "action": "{{Fixtures.CaDelete}}", "signin": { {{Fixtures.TrustedTenantSignIn}}, "acrs": [ "c1" ] }, "expect": "allowed", "expectContext": "c2" },
              { "name": "wrong max age", "action": "{{Fixtures.CaDelete}}", "signin": { "authenticationMethods": [ "fido2" ], "authenticationTime": "2026-01-01T00:00:00Z", "now": "2026-01-01T03:00:00Z" }, "expect": "stepUpRequired", "expectMaxAgeSeconds": 300 },
              { "name": "right", "action": "{{Fixtures.CaDelete}}", "signin": { "authenticationMethods": [ "fido2" ], "authenticationTime": "2026-01-01T00:00:00Z", "now": "2026-01-01T03:00:00Z" }, "expect": "stepUpRequired", "expectContext": "c1", "expectMaxAgeSeconds": 3600 }
            ]
            """);

        var r = Cli.Run("test", temp.Path);

        r.Exit.Should().Be(1, r.ToString());
        var lines = r.Out.TrimEnd('\n').Split('\n');
        lines.Should().HaveCount(5);
        lines[0].Should().StartWith("FAIL wrong outcome: expected allowed, got stepUpRequired — Step-up required");
        lines[1].Should().StartWith("FAIL wrong context: expected context c2, got c1");
        lines[2].Should().StartWith("FAIL wrong max age: expected max age 300, got 3600");
        lines[3].Should().Be("PASS right");
        lines[4].Should().Be("1 passed, 3 failed");
    }

    [Test]
    public void Sign_ins_may_be_inline_or_a_path_relative_to_the_test_file_and_cases_are_named_by_file_without_a_name()
    {
        using var temp = new TempFolder();
        temp.Write("config.json", File.ReadAllText(RepositoryPaths.SampleConfig));
        temp.Write("fixtures/fido.json", """{ "authenticationMethods": [ "fido2" ], "authenticationTime": "2026-01-01T00:00:00Z", "now": "2026-01-01T00:10:00Z" }""");
        temp.Write("cases/by-path.json", $$"""{ "action": "{{Fixtures.CaDelete}}", "signin": "../fixtures/fido.json", "expect": "allowed" }""");
        temp.Write("cases/inline.json", $$"""{ "action": "{{Fixtures.CaDelete}}", "signin": { "authenticationMethods": [ "fido2" ], "authenticationTime": "2026-01-01T00:00:00Z", "now": "2026-01-01T00:10:00Z" }, "expect": "allowed" }""");

        var r = Cli.Run("test", temp.Path);

        r.Exit.Should().Be(0, r.ToString());
        r.Out.Should().Be("PASS cases/by-path.json\nPASS cases/inline.json\n2 passed, 0 failed\n");
    }

    [Test]
    public void A_case_with_an_invalid_sign_in_fails_naming_the_file_and_json_path()
    {
        using var temp = new TempFolder();
        temp.Write("config.json", File.ReadAllText(RepositoryPaths.SampleConfig));
        var cases = temp.Write("cases.json", $$"""[ { "name": "typo", "action": "{{Fixtures.CaDelete}}", "signin": { "amrs": [ "pwd" ] }, "expect": "allowed" } ]""");

        var r = Cli.Run("test", temp.Path);

        r.Exit.Should().Be(1);
        r.Out.Should().Contain($"FAIL typo: invalid sign-in: {cases}#$[0].signin.amrs: PA6020");
    }

    [TestCase("""{ "action": "a/b/c", "expect": "maybe" }""", "$.expect: expected one of allowed, stepUpRequired, denied")]
    [TestCase("""{ "action": "", "expect": "allowed" }""", "$.action: expected a non-empty permission string")]
    [TestCase("""{ "action": "a/b/c", "expect": "allowed", "expectMaxAge": 5 }""", "$.expectMaxAge: unknown test property")]
    [TestCase("""{ "action": "a/b/c", "expect": "allowed", "expectMaxAgeSeconds": "soon" }""", "$.expectMaxAgeSeconds: expected a whole number of seconds or null")]
    public void Malformed_cases_fail_with_the_reason(string json, string reason)
    {
        using var temp = new TempFolder();
        temp.Write("config.json", File.ReadAllText(RepositoryPaths.SampleConfig));
        temp.Write("case.json", json);

        var r = Cli.Run("test", temp.Path);

        r.Exit.Should().Be(1);
        r.Out.Should().Contain("FAIL case.json: " + reason);
        r.Out.Should().EndWith("0 passed, 1 failed\n");
    }

    [Test]
    public void A_folder_without_tests_exits_2()
    {
        using var temp = new TempFolder();
        temp.Write("config.json", File.ReadAllText(RepositoryPaths.SampleConfig));

        var r = Cli.Run("test", temp.Path);

        r.Exit.Should().Be(2);
        r.Err.Should().Contain("no policy tests found");
    }

    [Test]
    public void A_folder_without_configuration_exits_2()
    {
        using var temp = new TempFolder();
        temp.Write("case.json", """{ "action": "a/b/c", "expect": "allowed" }""");

        var r = Cli.Run("test", temp.Path);

        r.Exit.Should().Be(2);
        r.Err.Should().Contain("no configuration: pass --config");
    }

    [Test]
    public void An_invalid_configuration_exits_2()
    {
        using var temp = new TempFolder();
        temp.Write("case.json", """{ "action": "a/b/c", "expect": "allowed" }""");
        var config = temp.Write("config.json", """{ "authenticationContexts": [ { "id": "x" } ] }""");

        var r = Cli.Run("test", temp.Path);

        r.Exit.Should().Be(2);
        r.Err.Should().Contain(config + "#$.authenticationContexts[0].id");
    }

    [Test]
    public void An_unparsable_test_file_exits_2_naming_it()
    {
        using var temp = new TempFolder();
        temp.Write("config.json", File.ReadAllText(RepositoryPaths.SampleConfig));
        var broken = temp.Write("broken.json", "{ \"action\": ");

        var r = Cli.Run("test", temp.Path);

        r.Exit.Should().Be(2);
        r.Err.Should().Contain(broken).And.Contain("not valid JSON");
    }

    [TestCase(new[] { "test" }, "test takes exactly one folder")]
    [TestCase(new[] { "test", "/nonexistent/folder" }, "is not a folder")]
    public void Bad_arguments_exit_2(string[] args, string message)
    {
        var r = Cli.Run(args);

        r.Exit.Should().Be(2);
        r.Err.Should().Contain(message);
    }
}
