namespace ProtectedActions.Cli.Tests.Commands;

/// <summary>
/// The document reader's inputs run through the tool: exit codes, no stack traces, short output. The reader's own
/// tests are in ProtectedActions.Documents.Tests.
/// </summary>
public class DocumentCommandTests
{
    private static readonly string SampleSignIn = File.ReadAllText(Path.Combine(RepositoryPaths.PolicyTests, "signins", "admin-fido2-recent.json"));

    [TestCase(8)]
    public void Mangled_sign_ins_through_the_cli_exit_0_or_2_never_with_a_stack_trace(int seed)
    {
        var random = new Random(seed);
        using var temp = new TempFolder();
        for (var i = 0; i < 60; i++)
        {
            var file = temp.Write("s.json", DocumentSamples.Mutate(SampleSignIn, random));

            var r = Cli.Run("whatif", "--config", RepositoryPaths.SampleConfig, "--action", "microsoft.directory/namedLocations/delete", "--signin", file, "--format", "json");

            r.Exit.Should().BeOneOf(0, 2);
            (r.Exit == 0 ? r.Err : r.Out).Should().BeEmpty();
            r.Err.Should().NotContain("   at ").And.NotContain("unexpected failure");
        }
    }

    [Test]
    public void A_policy_test_file_with_a_lone_surrogate_exits_2()
    {
        using var temp = new TempFolder();
        temp.Write("config.json", File.ReadAllText(RepositoryPaths.SampleConfig));
        temp.Write("case.json", "{ \"action\": \"a/b/c\", \"expect\": \"allowed\", \"name\": \"\\ud800\" }");

        var r = Cli.Run("test", temp.Path);

        r.Exit.Should().Be(2);
        r.Err.Should().Contain("lone surrogate").And.NotContain("unexpected failure");
    }

    [Test]
    public void A_folder_of_templates_loads_and_import_writes_them_as_report_only_policies()
    {
        using var temp = new TempFolder();
        temp.Write("templates/admins.json", DocumentSamples.Template);
        temp.Write("templates/list.json", "{ \"value\": [" + DocumentSamples.Template.Replace(DocumentSamples.TemplateId, "t2", StringComparison.Ordinal) + "] }");
        var folder = Path.Combine(temp.Path, "templates");

        var loaded = ProtectedActionsDocument.LoadPaths([folder]);
        loaded.HasErrors.Should().BeFalse();
        loaded.Options.ConditionalAccessPolicies.Should().HaveCount(2).And.OnlyContain(p => p.State == "enabledForReportingButNotEnforced");

        var output = Path.Combine(temp.Path, "out.json");
        var r = Cli.Run("import", "--graph", folder, "--out", output);
        r.Exit.Should().Be(0, r.ToString());
        r.Out.Should().StartWith("imported 2 policies");
        var back = ProtectedActionsDocument.LoadFile(output);
        back.Options.ConditionalAccessPolicies.Select(p => (p.Id, p.DisplayName, p.State)).Should().Equal(
            (DocumentSamples.TemplateId, "Require multifactor authentication for admins", "enabledForReportingButNotEnforced"),
            ("t2", "Require multifactor authentication for admins", "enabledForReportingButNotEnforced"));
    }

    [Test]
    public void Validate_on_the_real_corpus_stays_short()
    {
        var r = Cli.Run("validate", "--config", RepositoryPaths.Corpus);
        r.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.Should().BeLessThan(40, r.Out);
        r.Out.Should().Contain("info PA6004").And.Contain("appears in 59 policies");
    }

    [Test]
    public void Warnings_do_not_change_the_validate_exit_code()
    {
        using var temp = new TempFolder();
        var sample = File.ReadAllText(RepositoryPaths.SampleConfig);
        var typo = temp.Write("typo.json", sample.Replace("\"settings\": {", "\"settings\": { \"strictMod\": true,", StringComparison.Ordinal));
        var r = Cli.Run("validate", "--config", typo);
        r.Out.Should().Contain("warning PA6030");
        r.Exit.Should().Be(Cli.Run("validate", "--config", RepositoryPaths.SampleConfig).Exit, "warnings never change the exit code");
    }
}
