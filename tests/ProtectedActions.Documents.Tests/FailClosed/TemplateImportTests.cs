namespace ProtectedActions.Documents.Tests.FailClosed;

/// <summary>Item 11: Entra policy templates (conditionalAccessTemplate) import as report-only policies named after the template.</summary>
public class TemplateImportTests
{
    private const string TemplateId = DocumentSamples.TemplateId;
    private const string Template = DocumentSamples.Template;

    private static string WithState(string state) => Template.Replace("\"scenarios\"", $"\"state\": \"{state}\", \"scenarios\"", StringComparison.Ordinal);

    [Test]
    public void A_single_template_imports_as_a_report_only_policy_named_after_it()
    {
        var result = ProtectedActionsDocument.ParseGraphExport(Template, "template.json");
        result.HasErrors.Should().BeFalse(string.Join("\n", result.Issues));
        var policy = result.Options.ConditionalAccessPolicies.Should().ContainSingle().Subject;
        policy.Id.Should().Be(TemplateId);
        policy.DisplayName.Should().Be("Require multifactor authentication for admins");
        policy.State.Should().Be("enabledForReportingButNotEnforced");
        policy.GrantControls!.BuiltInControls.Should().Equal("mfa");
        policy.Conditions!.Users!.IncludeRoles.Should().HaveCount(2);
        result.Issues.Should().Contain(i => i.Code == "PA6031" && i.Severity == ConfigurationSeverity.Information && i.Message.Contains("enabledForReportingButNotEnforced", StringComparison.Ordinal));
    }

    [Test]
    public void An_array_and_a_list_response_of_templates_import_every_template()
    {
        ProtectedActionsDocument.ParseGraphExport("[" + Template + "," + Template.Replace(TemplateId, "t2", StringComparison.Ordinal) + "]")
            .Options.ConditionalAccessPolicies.Select(p => p.Id).Should().Equal(TemplateId, "t2");
        var list = "{ \"@odata.context\": \"https://graph.microsoft.com/v1.0/$metadata#identity/conditionalAccess/templates\", \"value\": [" + Template + "] }";
        ProtectedActionsDocument.ParseGraphExport(list).Options.ConditionalAccessPolicies.Should().ContainSingle().Which.State.Should().Be("enabledForReportingButNotEnforced");
    }

    [Test]
    public void The_odata_type_says_it_is_a_template()
    {
        var typed = Template.Replace("\"name\"", "\"@odata.type\": \"#microsoft.graph.conditionalAccessTemplate\", \"name\"", StringComparison.Ordinal);
        ProtectedActionsDocument.ParseGraphExport(typed).Options.ConditionalAccessPolicies.Should().ContainSingle().Which.Id.Should().Be(TemplateId);
    }

    [TestCase("enabled")]
    [TestCase("disabled")]
    public void A_state_in_the_document_is_kept(string state) =>
        ProtectedActionsDocument.ParseGraphExport(WithState(state)).Options.ConditionalAccessPolicies.Single().State.Should().Be(state);

    [Test]
    public void A_state_inside_details_is_kept_too()
    {
        var json = Template.Replace("\"sessionControls\": null", "\"sessionControls\": null, \"state\": \"enabled\"", StringComparison.Ordinal);
        ProtectedActionsDocument.ParseGraphExport(json).Options.ConditionalAccessPolicies.Single().State.Should().Be("enabled");
    }

    [Test]
    public void A_template_without_details_is_rejected_with_the_reason()
    {
        var result = ProtectedActionsDocument.ParseGraphExport("""{ "@odata.type": "#microsoft.graph.conditionalAccessTemplate", "id": "t", "name": "x" }""", "t.json");
        result.HasErrors.Should().BeTrue();
        result.Errors.Should().Contain(i => i.Code == "PA6010" && i.Message.Contains("details", StringComparison.Ordinal));
        result.Options.ConditionalAccessPolicies.Should().BeEmpty();
    }

    [Test]
    public void An_error_inside_details_rejects_the_template_with_the_path()
    {
        var bad = Template.Replace("\"operator\": \"OR\"", "\"operator\": 1", StringComparison.Ordinal);
        var result = ProtectedActionsDocument.ParseGraphExport(bad, "t.json");
        result.Errors.Should().Contain(i => i.Code == "PA6003" && i.Path == "t.json#$.details.grantControls.operator");
        result.Options.ConditionalAccessPolicies.Should().BeEmpty();
    }

    [Test]
    public void Validation_paths_of_an_imported_template_trace_back_to_details()
    {
        var result = ProtectedActionsDocument.ParseGraphExport(Template, "t.json");
        result.Locate("ProtectedActions:ConditionalAccessPolicies[0]:conditions:users").Should().Be("t.json#$.details.conditions.users");
    }

    [Test]
    public void An_unknown_template_property_is_a_warning_with_a_did_you_mean()
    {
        var json = Template.Replace("\"scenarios\"", "\"detail\": {}, \"scenarios\"", StringComparison.Ordinal);
        ProtectedActionsDocument.ParseGraphExport(json, "t.json").Issues.Should().Contain(i => i.Code == "PA6030" && i.Message.Contains("did you mean 'details'?", StringComparison.Ordinal));
    }
}
