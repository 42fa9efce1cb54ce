namespace ProtectedActions.Documents.Tests.Configuration;

public class GraphImportTests
{
    private const string Policy = """
        {
          "id": "0a1b", "displayName": "Require MFA for <AdministratorGroup>", "state": "enabled",
          "createdDateTime": "2024-01-01T00:00:00Z", "templateId": null,
          "conditions": {
            "users": { "includeGroups": [ "<AdministratorGroup>" ], "excludeGroups": [ "<EmergencyAccessAccountsGroup>" ] },
            "applications": { "includeAuthenticationContextClassReferences": [ "c1" ] },
            "locations": [], "platforms": null, "deviceStates": null
          },
          "grantControls": { "operator": "OR", "builtInControls": [ "mfa" ] }
        }
        """;

    private const string IpLocation = """
        { "@odata.type": "#microsoft.graph.ipNamedLocation", "id": "loc1", "displayName": "Office", "isTrusted": true,
          "ipRanges": [ { "@odata.type": "#microsoft.graph.iPv4CidrRange", "cidrAddress": "203.0.113.0/24" } ] }
        """;

    private const string CountryLocation = """
        { "@odata.type": "#microsoft.graph.countryNamedLocation", "id": "loc2", "displayName": "Home countries",
          "countriesAndRegions": [ "DE", "FR" ], "includeUnknownCountriesAndRegions": false, "countryLookupMethod": "clientIpAddress" }
        """;

    private const string Strength = """
        { "id": "s1", "displayName": "FIDO2 only", "policyType": "custom", "allowedCombinations": [ "fido2" ] }
        """;

    [Test]
    public void One_policy_object_is_imported_with_placeholders_kept_as_opaque_ids()
    {
        var result = ProtectedActionsDocument.ParseGraphExport(Policy, "p.json");

        result.HasErrors.Should().BeFalse(string.Join("\n", result.Issues));
        var p = result.Options.ConditionalAccessPolicies.Single();
        p.Conditions!.Users!.IncludeGroups.Should().Equal("<AdministratorGroup>");
        p.Conditions.Users.ExcludeGroups.Should().Equal("<EmergencyAccessAccountsGroup>");
        p.Conditions.Locations.Should().BeNull("an empty array where Graph means 'no condition' is read as absent");
        result.Issues.Select(i => i.Path).Should().BeEquivalentTo(
            ["p.json#$.createdDateTime", "p.json#$.templateId", "p.json#$.conditions.locations", "p.json#$.conditions.deviceStates"],
            "unknown properties and empty containers are listed, never silently dropped (null templateId is unknown, so listed too)");
        result.Issues.Should().OnlyContain(i => i.Severity == ConfigurationSeverity.Information);
    }

    [Test]
    public void An_array_of_mixed_objects_is_sorted_by_kind()
    {
        var result = ProtectedActionsDocument.ParseGraphExport($"[ {Policy}, {IpLocation}, {CountryLocation}, {Strength} ]");

        result.HasErrors.Should().BeFalse();
        result.Options.ConditionalAccessPolicies.Should().ContainSingle();
        result.Options.NamedLocations.Select(l => l.Id).Should().Equal("loc1", "loc2");
        result.Options.NamedLocations[0].IpRanges!.Single().CidrAddress.Should().Be("203.0.113.0/24");
        result.Options.NamedLocations[1].CountriesAndRegions.Should().Equal("DE", "FR");
        result.Options.AuthenticationStrengthPolicies.Single().AllowedCombinations.Should().Equal("fido2");
    }

    [Test]
    public void A_list_response_is_read_and_a_next_page_link_is_a_warning()
    {
        var result = ProtectedActionsDocument.ParseGraphExport(
            $$"""{ "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#identity/conditionalAccess/policies", "@odata.nextLink": "https://graph/next", "value": [ {{Policy}}, {{Policy}} ] }""",
            "list.json");

        result.HasErrors.Should().BeFalse();
        result.Options.ConditionalAccessPolicies.Should().HaveCount(2);
        result.Issues.Should().Contain(i => i.Severity == ConfigurationSeverity.Warning && i.Message.Contains("more pages", StringComparison.Ordinal));
    }

    [TestCase("""{ "@odata.type": "#microsoft.graph.conditionalAccessPolicy", "displayName": "no conditions yet" }""", 1, 0, 0)]
    [TestCase("""{ "@odata.type": "#microsoft.graph.ipNamedLocation", "displayName": "empty" }""", 0, 1, 0)]
    [TestCase("""{ "@odata.type": "#microsoft.graph.authenticationStrengthPolicy", "id": "x" }""", 0, 0, 1)]
    [TestCase("""{ "grantControls": { "builtInControls": [ "block" ] } }""", 1, 0, 0)]
    [TestCase("""{ "countriesAndRegions": [ "US" ] }""", 0, 1, 0)]
    [TestCase("""{ "allowedCombinations": [ "fido2" ] }""", 0, 0, 1)]
    public void The_kind_comes_from_odata_type_else_from_the_shape(string json, int policies, int locations, int strengths)
    {
        var result = ProtectedActionsDocument.ParseGraphExport(json);

        result.HasErrors.Should().BeFalse(string.Join("\n", result.Issues));
        result.Options.ConditionalAccessPolicies.Should().HaveCount(policies);
        result.Options.NamedLocations.Should().HaveCount(locations);
        result.Options.AuthenticationStrengthPolicies.Should().HaveCount(strengths);
    }

    [TestCase("""{ "@odata.type": "#microsoft.graph.user", "id": "u" }""", "$", "Graph type '#microsoft.graph.user'")]
    [TestCase("""{ "displayName": "what am I" }""", "$", "cannot tell what this object is")]
    [TestCase("""[ 1 ]""", "$[0]", "expected a Graph object, found a number")]
    [TestCase("\"text\"", "$", "must be an object, an array or a list response")]
    public void Objects_that_cannot_be_used_are_rejected_with_a_reason(string json, string path, string reason)
    {
        var result = ProtectedActionsDocument.ParseGraphExport(json, "x.json");

        result.Errors.Should().Contain(i => i.Path == "x.json#" + path && i.Message.Contains("rejected", StringComparison.Ordinal) && i.Message.Contains(reason, StringComparison.Ordinal),
            string.Join("\n", result.Issues));
        result.Options.ConditionalAccessPolicies.Should().BeEmpty();
    }

    [Test]
    public void A_bad_object_is_rejected_and_the_rest_of_the_file_still_loads()
    {
        var bad = """{ "displayName": "bad", "state": "enabled", "conditions": { "users": { "includeUsers": "All" } } }""";

        var result = ProtectedActionsDocument.ParseGraphExport($"{{ \"value\": [ {bad}, {Policy} ] }}", "mixed.json");

        result.Options.ConditionalAccessPolicies.Should().ContainSingle().Which.Id.Should().Be("0a1b");
        result.Errors.Select(e => e.Path).Should().Equal("mixed.json#$.value[0].conditions.users.includeUsers", "mixed.json#$.value[0]");
    }

    [Test]
    public void A_folder_of_exports_and_documents_is_read_recursively_in_ordinal_order_and_merged()
    {
        using var temp = new TempFolder();
        temp.Write("b/policies.json", $"{{ \"value\": [ {Policy} ] }}");
        temp.Write("a/locations.json", $"[ {IpLocation} ]");
        temp.Write("config.json", """{ "authenticationContexts": [ { "id": "c1" } ], "protectedActions": [ { "permission": "x/y/z", "authenticationContextId": "c1" } ] }""");
        temp.Write("notes.txt", "not json and not read");

        var result = ProtectedActionsDocument.LoadPaths([temp.Path]);

        result.HasErrors.Should().BeFalse(string.Join("\n", result.Issues));
        result.Files.Select(f => Path.GetRelativePath(temp.Path, f).Replace('\\', '/')).Should().Equal("a/locations.json", "b/policies.json", "config.json");
        result.Options.AuthenticationContexts.Should().ContainSingle();
        result.Options.NamedLocations.Should().ContainSingle();
        result.Options.ConditionalAccessPolicies.Should().ContainSingle();
        result.Locate("ProtectedActions:ConditionalAccessPolicies[0]:conditions:users:includeGroups[0]")
            .Should().Be(Path.Combine(temp.Path, "b/policies.json") + "#$.value[0].conditions.users.includeGroups[0]");
        result.Locate("ProtectedActions:NamedLocations[0]").Should().EndWith("locations.json#$[0]");
        result.Locate("ProtectedActions:ProtectedActions[0]:permission").Should().EndWith("config.json#$.protectedActions[0].permission");
        result.Locate("ProtectedActions:ConditionalAccessPolicies[7]").Should().BeNull();
    }

    [Test]
    public void Settings_set_in_two_documents_are_an_error()
    {
        using var temp = new TempFolder();
        var a = temp.Write("a.json", """{ "settings": { "strictMode": true } }""");
        var b = temp.Write("b.json", """{ "Settings": { "strictMode": false } }""");

        var result = ProtectedActionsDocument.LoadPaths([a, b]);

        var error = result.Errors.Should().ContainSingle().Subject;
        error.Code.Should().Be("PA6012");
        error.Path.Should().Be(b + "#$.Settings");
        error.Message.Should().EndWith("(line 1, position 3).");
        error.Message.Should().Contain(a);
        result.Options.Settings.StrictMode.Should().BeTrue("the first document's settings stay");
        result.Locate("ProtectedActions:Settings:strictMode").Should().Be(a + "#$.settings.strictMode");
    }

    [Test]
    public void Lists_of_two_documents_are_concatenated_and_emergency_accounts_united()
    {
        using var temp = new TempFolder();
        var a = temp.Write("a.json", """{ "authenticationContexts": [ { "id": "c1" } ], "emergencyAccessAccounts": { "userIds": [ "u1" ] } }""");
        var b = temp.Write("b.json", """{ "authenticationContexts": [ { "id": "c2" } ], "emergencyAccessAccounts": { "groupIds": [ "g1" ] } }""");

        var result = ProtectedActionsDocument.LoadPaths([a, b]);

        result.Options.AuthenticationContexts.Select(c => c.Id).Should().Equal("c1", "c2");
        result.Options.EmergencyAccessAccounts.UserIds.Should().Equal("u1");
        result.Options.EmergencyAccessAccounts.GroupIds.Should().Equal("g1");
        result.Locate("ProtectedActions:AuthenticationContexts[1]:id").Should().Be(b + "#$.authenticationContexts[0].id");
    }

    [Test]
    public void Every_file_of_the_corpus_loads_or_is_rejected_with_a_reason()
    {
        var files = Directory.GetFiles(RepositoryPaths.Corpus, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        files.Should().NotBeEmpty();
        var loaded = 0;
        var rejected = new List<string>();
        foreach (var file in files)
        {
            var result = ProtectedActionsDocument.LoadPaths([file]);

            result.Files.Should().Equal(file);
            if (result.HasErrors)
            {
                // Rejected: every error names this file and a JSON path, and says why.
                result.Errors.Should().OnlyContain(e => e.Path.StartsWith(file + "#$", StringComparison.Ordinal) && e.Message.Length > 20, file);
                result.Options.ConditionalAccessPolicies.Should().BeEmpty(file);
                rejected.Add(Path.GetFileName(file));
            }
            else
            {
                (result.Options.ConditionalAccessPolicies.Count + result.Options.NamedLocations.Count + result.Options.AuthenticationStrengthPolicies.Count)
                    .Should().BeGreaterThan(0, file);
                loaded++;
            }
        }

        TestContext.Out.WriteLine($"corpus: {loaded} loaded, {rejected.Count} rejected: {string.Join("; ", rejected)}");
        loaded.Should().BeGreaterThanOrEqualTo(55, "all but the ambiguous exports load");
        rejected.Should().Contain("LICENSE", "a file that is not JSON is rejected with a reason, not a crash");
        rejected.Should().Contain(f => f.StartsWith("209 ", StringComparison.Ordinal), "209 has sessionControls twice, which is ambiguous");
    }

    [Test]
    public void The_whole_corpus_folder_merges_into_one_configuration()
    {
        var result = ProtectedActionsDocument.LoadPaths([RepositoryPaths.Corpus]);

        result.Files.Should().HaveCount(59, "LICENSE is not *.json and is not read from a folder");
        result.Options.ConditionalAccessPolicies.Should().HaveCount(58);
        result.Errors.Should().OnlyContain(e => e.Path.Contains("/209 - RING", StringComparison.Ordinal));
        result.Options.ConditionalAccessPolicies.SelectMany(p => p.Conditions?.Users?.ExcludeGroups ?? []).Should().Contain("<EmergencyAccessAccountsGroup>");
    }
}

public class LargeImportTests
{
    [Test]
    public void A_large_import_is_written_compact_so_that_it_reads_back()
    {
        var policy = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Directory.GetFiles(RepositoryPaths.Corpus, "100 - *.json", SearchOption.AllDirectories).Single()))!.ToJsonString();
        var export = "[" + string.Join(",", Enumerable.Repeat(policy, 3000)) + "]";
        var imported = ProtectedActionsDocument.ParseGraphExport(export);
        imported.HasErrors.Should().BeFalse();
        imported.Options.ConditionalAccessPolicies.Should().HaveCount(3000);

        var written = ProtectedActionsDocument.Serialize(imported.Options);

        System.Text.Encoding.UTF8.GetByteCount(written).Should().BeLessThanOrEqualTo(16 * 1024 * 1024);
        written.Should().NotContain("\n  ", "indenting would have exceeded the bound");
        ProtectedActionsDocument.Parse(written).Options.ConditionalAccessPolicies.Should().HaveCount(3000);
    }

    [Test]
    public void A_graph_export_string_larger_than_16_MiB_is_refused()
    {
        var result = ProtectedActionsDocument.ParseGraphExport("[" + new string(' ', 16 * 1024 * 1024) + "]");

        result.Errors.Should().ContainSingle().Which.Code.Should().Be("PA6001");
    }
}
