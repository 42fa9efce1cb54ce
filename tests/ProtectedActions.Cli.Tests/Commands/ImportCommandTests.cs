namespace ProtectedActions.Cli.Tests.Commands;

public class ImportCommandTests
{
    [Test]
    public void Importing_the_corpus_writes_a_document_that_loads_back_and_lists_what_was_rejected()
    {
        using var temp = new TempFolder();
        var output = Path.Combine(temp.Path, "imported.json");

        var r = Cli.Run("import", "--graph", RepositoryPaths.Corpus, "--out", output);

        r.Exit.Should().Be(1, "one corpus file is ambiguous and rejected: " + r);
        r.Out.Should().Be($"imported 58 policies, 0 named locations, 0 authentication strengths from 59 files into {output}; 1 objects or files rejected, 2 errors, 12 properties ignored\n");
        r.Err.Should().Contain("209 - RING").And.Contain("rejected");
        r.Err.Should().NotContain("info ", "ignored properties are counted, not listed, by import");
        var back = ProtectedActionsDocument.LoadFile(output);
        back.Issues.Should().BeEmpty();
        back.Options.ConditionalAccessPolicies.Should().HaveCount(58);
        File.ReadAllText(output).Should().Contain("\"<AdministratorGroup>\"", "placeholders are kept verbatim");
    }

    [Test]
    public void A_clean_export_imports_with_exit_0_and_validates()
    {
        using var temp = new TempFolder();
        temp.Write("in/locations.json", """
            { "value": [
              { "@odata.type": "#microsoft.graph.countryNamedLocation", "id": "n1", "displayName": "EU", "countriesAndRegions": [ "DE", "FR" ] },
              { "@odata.type": "#microsoft.graph.ipNamedLocation", "id": "n2", "displayName": "HQ", "isTrusted": true,
                "ipRanges": [ { "@odata.type": "#microsoft.graph.iPv4CidrRange", "cidrAddress": "198.51.100.0/24" } ] } ] }
            """);
        temp.Write("in/strengths.json", """[ { "id": "s1", "displayName": "FIDO", "policyType": "custom", "allowedCombinations": [ "fido2" ] } ]""");
        var output = Path.Combine(temp.Path, "out.json");

        var r = Cli.Run("import", "--graph", Path.Combine(temp.Path, "in"), "--out", output);

        r.Exit.Should().Be(0, r.ToString());
        r.Err.Should().BeEmpty();
        var back = ProtectedActionsDocument.LoadFile(output);
        back.Options.NamedLocations.Select(n => n.ODataType).Should().Equal("#microsoft.graph.countryNamedLocation", "#microsoft.graph.ipNamedLocation");
        back.Options.AuthenticationStrengthPolicies.Should().ContainSingle();
        File.ReadAllText(output).Should().Contain("\"@odata.type\": \"#microsoft.graph.ipNamedLocation\"");
    }

    [TestCase(new[] { "import", "--out", "x.json" }, "option --graph is required")]
    [TestCase(new[] { "import", "--graph", "/nonexistent/exports" }, "option --out is required")]
    [TestCase(new[] { "import", "--graph", "/nonexistent/exports", "--out", "x.json" }, "/nonexistent/exports does not exist")]
    public void Bad_arguments_exit_2(string[] args, string message)
    {
        var r = Cli.Run(args);

        r.Exit.Should().Be(2);
        r.Err.Should().Contain(message);
    }

    [Test]
    public void An_empty_folder_exits_2()
    {
        using var temp = new TempFolder();

        var r = Cli.Run("import", "--graph", temp.Path, "--out", Path.Combine(temp.Path, "o.json"));

        r.Exit.Should().Be(2);
        r.Err.Should().Contain("no JSON file found");
    }
}
