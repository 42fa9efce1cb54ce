namespace ProtectedActions.Documents.Tests.FailClosed;

/// <summary>Item 11: a Global Secure Access compliant network location in a Graph export is accepted, not rejected.</summary>
public class CompliantNetworkImportTests
{
    private const string GsaId = "3d46dbda-8382-466a-856d-eb00cbc6b910";

    private const string Location = """
        {
          "@odata.type": "#microsoft.graph.compliantNetworkNamedLocation",
          "id": "3d46dbda-8382-466a-856d-eb00cbc6b910",
          "displayName": "All Compliant Network locations",
          "createdDateTime": "2024-01-01T00:00:00Z",
          "modifiedDateTime": null,
          "compliantNetworkType": "allTenantCompliantNetworks",
          "isTrusted": true
        }
        """;

    [Test]
    public void The_export_object_is_read_as_a_named_location()
    {
        var result = ProtectedActionsDocument.ParseGraphExport(Location, "gsa.json");
        result.HasErrors.Should().BeFalse(string.Join("\n", result.Issues));
        var location = result.Options.NamedLocations.Should().ContainSingle().Subject;
        location.Id.Should().Be(GsaId);
        location.CompliantNetworkType.Should().Be("allTenantCompliantNetworks");
        result.Issues.Should().NotContain(i => i.Code == "PA6010" || i.Code == "PA6030");
    }

    [Test]
    public void Without_odata_type_the_shape_says_it_is_a_named_location() =>
        ProtectedActionsDocument.ParseGraphExport(Location.Replace("\"@odata.type\": \"#microsoft.graph.compliantNetworkNamedLocation\",", "", StringComparison.Ordinal))
            .Options.NamedLocations.Should().ContainSingle();

    [Test]
    public void The_corpus_block_outside_GSA_policy_validates_with_the_location_and_a_warning()
    {
        using var temp = new TempFolder();
        var location = temp.Write("gsa-location.json", Location);
        var policy = Path.Combine(RepositoryPaths.Corpus, "alexfilipin", "PolicyRepository", "Global Secure Access",
            "800 - RING - Global Secure Access - All Apps Block Access outside of GSA.json");
        var result = ProtectedActionsDocument.LoadPaths([location, policy]);
        result.HasErrors.Should().BeFalse(string.Join("\n", result.Issues));
        var validation = ProtectedActionsConfiguration.Validate(result.Options);
        validation.Errors.Should().NotContain(i => i.Message.Contains(GsaId, StringComparison.Ordinal), "the location the policy excludes is defined");
        validation.Warnings.Should().Contain(i => i.Code == "PA3020");
    }
}
