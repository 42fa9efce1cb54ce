namespace ProtectedActions.Documents.Tests.FailClosed;

/// <summary>Item 4: unknown properties are warnings with a did-you-mean; Graph properties not evaluated are summarised information.</summary>
public class UnknownPropertyTests
{
    private static ConfigurationIssue Single(ProtectedActionsDocumentResult result, string code) =>
        result.Issues.Should().ContainSingle(i => i.Code == code).Subject;

    [TestCase("""{ "conditionalAccessPolicies": [ { "id": "p1", "state": "enabled", "grantControl": { "builtInControls": [ "mfa" ] } } ] }""",
        "$.conditionalAccessPolicies[0].grantControl", "grantControls")]
    [TestCase("""{ "settings": { "strictMod": true } }""", "$.settings.strictMod", "strictMode")]
    [TestCase("""{ "settings": { "trustedIssuer": [ "https://x" ] } }""", "$.settings.trustedIssuer", "trustedIssuers")]
    [TestCase("""{ "protectedActions": [ { "permission": "a/b/c", "authenticationContext": "c1" } ] }""", "$.protectedActions[0].authenticationContext", "authenticationContextId")]
    [TestCase("""{ "authenticationContexts": [ { "id": "c1", "isAvailabe": false } ] }""", "$.authenticationContexts[0].isAvailabe", "isAvailable")]
    [TestCase("""{ "emergencyAccessAccounts": { "userId": [ "x" ] } }""", "$.emergencyAccessAccounts.userId", "userIds")]
    [TestCase("""{ "conditionalAccessPolicy": [ ] }""", "$.conditionalAccessPolicy", "conditionalAccessPolicies")]
    [TestCase("""{ "conditionalAccessPolicies": [ { "id": "p1", "conditions": { "user": { "includeUsers": [ "All" ] } } } ] }""", "$.conditionalAccessPolicies[0].conditions.user", "users")]
    [TestCase("""{ "conditionalAccessPolicies": [ { "id": "p1", "grantControls": { "builtinControl": [ "mfa" ] } } ] }""", "$.conditionalAccessPolicies[0].grantControls.builtinControl", "builtInControls")]
    public void A_misspelt_key_is_a_warning_with_a_did_you_mean_and_the_path(string json, string path, string suggestion)
    {
        var result = ProtectedActionsDocument.Parse(json, "doc.json");
        result.HasErrors.Should().BeFalse();
        var issue = Single(result, "PA6030");
        issue.Severity.Should().Be(ConfigurationSeverity.Warning);
        issue.Path.Should().Be("doc.json#" + path);
        issue.Message.Should().Contain($"did you mean '{suggestion}'?");
    }

    [Test]
    public void A_key_far_from_every_known_key_is_a_warning_without_a_suggestion()
    {
        var issue = Single(ProtectedActionsDocument.Parse("""{ "settings": { "zzzzzzzz": 1 } }"""), "PA6030");
        issue.Message.Should().StartWith("unknown property 'zzzzzzzz' is ignored (line 1,").And.NotContain("did you mean");
    }

    [Test]
    public void A_graph_property_that_is_not_evaluated_is_information_not_a_warning()
    {
        var result = ProtectedActionsDocument.Parse("""{ "conditionalAccessPolicies": [ { "id": "p1", "conditions": { "times": { "x": 1 } }, "partialEnablementStrategy": null, "templateId": "t" } ] }""");
        result.Issues.Should().NotContain(i => i.Severity == ConfigurationSeverity.Warning);
        result.Issues.Should().OnlyContain(i => i.Code == "PA6004" && i.Severity == ConfigurationSeverity.Information);
        result.Issues.Select(i => i.Message).Should().Contain(m => m.StartsWith("'times' appears in 1 policy", StringComparison.Ordinal));
    }

    [Test]
    public void Graph_properties_are_summarised_once_per_name_with_a_count()
    {
        var policy = """{ "id": "p{0}", "createdDateTime": "2024-01-01T00:00:00Z", "conditions": { "times": null, "deviceStates": { "includeStates": [ "All" ] }, "users": { "includeUsers": [ "All" ] } }, "grantControls": { "builtInControls": [ "mfa" ] } }""";
        var json = "{ \"value\": [ " + string.Join(", ", Enumerable.Range(0, 36).Select(i => policy.Replace("{0}", i.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal))) + " ] }";
        var result = ProtectedActionsDocument.ParseGraphExport(json, "export.json");

        result.Issues.Should().HaveCount(3);
        result.Issues[0].Message.Should().Be("'createdDateTime' appears in 36 policies (the first named here) and is not evaluated.");
        result.Issues[0].Path.Should().Be("export.json#$.value[0].createdDateTime");
        result.Issues[1].Message.Should().StartWith("'times' appears in 36 policies");
        result.Issues[2].Message.Should().StartWith("'deviceStates' appears in 36 policies");
    }

    [Test]
    public void The_real_corpus_prints_a_line_per_property_name_not_per_policy()
    {
        var result = ProtectedActionsDocument.LoadPaths([RepositoryPaths.Corpus]);
        var information = result.Issues.Where(i => i.Severity == ConfigurationSeverity.Information).ToList();
        information.Should().HaveCountLessThan(20);
        information.Select(i => i.Message).Should().Contain("'deviceStates' appears in 59 policies (the first named here) and is not evaluated.");
        information.GroupBy(i => i.Message.Split('\'')[1]).Should().OnlyContain(g => g.Count() == 1);
        result.Issues.Should().NotContain(i => i.Code == "PA6030", "every property of a real export is one Graph defines");
    }

    [Test]
    public void A_typo_in_a_graph_export_is_a_warning_too()
    {
        var result = ProtectedActionsDocument.ParseGraphExport("""{ "id": "p1", "conditions": { "users": { "includeUsers": [ "All" ], "excludeGroup": [ "g" ] } }, "grantControls": { "builtInControls": [ "mfa" ] } }""", "p.json");
        var issue = Single(result, "PA6030");
        issue.Path.Should().Be("p.json#$.conditions.users.excludeGroup");
        issue.Message.Should().Contain("did you mean 'excludeGroups'?");
    }

    [Test]
    public void Attacker_misspelling_grant_controls_cannot_hide_it()
    {
        // The inert-policy case of item 4: the misspelt key is named, with the fix, where it is.
        var result = ProtectedActionsDocument.Parse("""{ "conditionalAccessPolicies": [ { "id": "p1", "state": "enabled", "conditions": { "users": { "includeUsers": [ "All" ] }, "applications": { "includeAuthenticationContextClassReferences": [ "c1" ] } }, "GrantControl": { "builtInControls": [ "block" ] } } ] }""", "doc.json");
        result.Issues.Should().Contain(i => i.Severity == ConfigurationSeverity.Warning && i.Message.Contains("did you mean 'grantControls'?"));
    }
}
