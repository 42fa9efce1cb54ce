using System.Text;

namespace ProtectedActions.Documents.Tests.Configuration;

public class ProtectedActionsDocumentTests
{
    private const string Minimal = """
        {
          "authenticationContexts": [ { "id": "c1", "displayName": "Step-up" } ],
          "protectedActions": [ { "permission": "contoso.billing/invoices/approve", "authenticationContextId": "c1" } ],
          "conditionalAccessPolicies": [
            {
              "id": "p1",
              "state": "enabled",
              "conditions": {
                "applications": { "includeAuthenticationContextClassReferences": [ "c1" ] },
                "users": { "includeUsers": [ "All" ] }
              },
              "grantControls": { "operator": "OR", "builtInControls": [ "mfa" ] },
              "sessionControls": { "signInFrequency": { "isEnabled": true, "value": 4, "type": "hours" } }
            }
          ]
        }
        """;

    [Test]
    public void Bare_document_is_read_into_options()
    {
        var result = ProtectedActionsDocument.Parse(Minimal);

        result.HasErrors.Should().BeFalse(string.Join("\n", result.Issues));
        result.Issues.Should().BeEmpty();
        var o = result.Options;
        o.AuthenticationContexts.Should().ContainSingle().Which.Id.Should().Be("c1");
        o.ProtectedActions.Single().Permission.Should().Be("contoso.billing/invoices/approve");
        var p = o.ConditionalAccessPolicies.Single();
        p.Conditions!.Applications!.IncludeAuthenticationContextClassReferences.Should().Equal("c1");
        p.GrantControls!.BuiltInControls.Should().Equal("mfa");
        p.SessionControls!.SignInFrequency!.Value.Should().Be(4);
        p.SessionControls.SignInFrequency.IsEnabled.Should().BeTrue();
    }

    [Test]
    public void Appsettings_section_is_read_and_other_sections_are_ignored()
    {
        var json = "{ \"Logging\": { \"LogLevel\": { \"Default\": \"Warning\" } }, \"AllowedHosts\": \"*\", \"ProtectedActions\": " + Minimal + " }";

        var result = ProtectedActionsDocument.Parse(json, "appsettings.json");

        result.HasErrors.Should().BeFalse();
        result.Issues.Should().BeEmpty("sections other than ProtectedActions belong to the host, not to the document");
        result.Options.ConditionalAccessPolicies.Should().ContainSingle();
    }

    [Test]
    public void A_protectedActions_array_at_the_root_is_the_assignment_list_not_a_section()
    {
        var result = ProtectedActionsDocument.Parse("""{ "ProtectedActions": [ { "permission": "a/b/c", "authenticationContextId": "c2" } ] }""");

        result.HasErrors.Should().BeFalse();
        result.Options.ProtectedActions.Single().AuthenticationContextId.Should().Be("c2");
    }

    [Test]
    public void Property_names_are_case_insensitive()
    {
        var result = ProtectedActionsDocument.Parse("""{ "AUTHENTICATIONCONTEXTS": [ { "ID": "c3", "IsAvailable": false } ], "Settings": { "StrictMode": true, "ChallengeFormat": "RFC9470" } }""");

        result.HasErrors.Should().BeFalse();
        result.Options.AuthenticationContexts.Single().Id.Should().Be("c3");
        result.Options.AuthenticationContexts.Single().IsAvailable.Should().BeFalse();
        result.Options.Settings.StrictMode.Should().BeTrue();
        result.Options.Settings.ChallengeFormat.Should().Be(ChallengeFormat.Rfc9470);
    }

    [Test]
    public void Null_means_absent_and_keeps_defaults()
    {
        var result = ProtectedActionsDocument.Parse("""
            { "authenticationContexts": [ { "id": "c1", "isAvailable": null, "displayName": null } ],
              "conditionalAccessPolicies": null,
              "settings": { "clockSkew": null, "trustAcrsClaim": null, "acrValues": { "c1": null } } }
            """);

        result.HasErrors.Should().BeFalse();
        result.Options.AuthenticationContexts.Single().IsAvailable.Should().BeTrue("the default stays");
        result.Options.ConditionalAccessPolicies.Should().BeEmpty();
        result.Options.Settings.ClockSkew.Should().Be(TimeSpan.FromMinutes(5));
        result.Options.Settings.TrustAcrsClaim.Should().BeTrue();
        result.Options.Settings.AcrValues.Should().BeEmpty();
    }

    [Test]
    public void Settings_values_convert_like_the_binder()
    {
        var result = ProtectedActionsDocument.Parse("""
            { "settings": {
                "challengeFormat": "both", "clockSkew": "00:02:30", "providerTimeout": "00:00:10",
                "requireClientCapability": "true", "acrValues": { "c1": "urn:acr:phr" }, "amrMappings": { "hwk": "fido2" },
                "trustedIssuers": [ "https://login.microsoftonline.com/t/v2.0" ] } }
            """);

        result.HasErrors.Should().BeFalse(string.Join("\n", result.Issues));
        var s = result.Options.Settings;
        s.ChallengeFormat.Should().Be(ChallengeFormat.Both);
        s.ClockSkew.Should().Be(TimeSpan.FromSeconds(150));
        s.ProviderTimeout.Should().Be(TimeSpan.FromSeconds(10));
        s.RequireClientCapability.Should().BeTrue();
        s.AcrValues["C1"].Should().Be("urn:acr:phr", "the options' case-insensitive map is filled in place, as the binder does");
        s.AmrMappings.Should().ContainKey("hwk");
        s.TrustedIssuers.Should().ContainSingle();
    }

    [Test]
    public void Unknown_properties_of_own_sections_are_listed_as_warnings_with_path_and_line()
    {
        var result = ProtectedActionsDocument.Parse("{\n  \"authenticationContexts\": [ { \"id\": \"c1\", \"colour\": \"red\" } ],\n  \"extra\": 1\n}", "doc.json");

        result.HasErrors.Should().BeFalse("unknown properties are ignored, not errors");
        result.Issues.Should().HaveCount(2);
        result.Issues.Should().OnlyContain(i => i.Severity == ConfigurationSeverity.Warning && i.Code == "PA6030");
        result.Issues[0].Path.Should().Be("doc.json#$.authenticationContexts[0].colour");
        result.Issues[0].Message.Should().Contain("(line 2, position 45)");
        result.Issues[1].Path.Should().Be("doc.json#$.extra");
        result.Issues[1].Message.Should().Contain("line 3");
    }

    [Test]
    public void OData_annotations_are_ignored_silently_but_odata_type_of_named_locations_is_read()
    {
        var result = ProtectedActionsDocument.Parse("""
            { "@odata.context": "x", "namedLocations": [ { "@odata.type": "#microsoft.graph.countryNamedLocation", "id": "n1",
              "countriesAndRegions@odata.type": "#Collection(String)", "countriesAndRegions": [ "DE" ] } ] }
            """);

        result.Issues.Should().BeEmpty();
        result.Options.NamedLocations.Single().ODataType.Should().Be("#microsoft.graph.countryNamedLocation");
        result.Options.NamedLocations.Single().CountriesAndRegions.Should().Equal("DE");
    }

    [TestCase("""{ "authenticationContexts": { "id": "c1" } }""", "$.authenticationContexts", "PA6003", "expected an array, found an object")]
    [TestCase("""{ "authenticationContexts": [ { "id": 1 } ] }""", "$.authenticationContexts[0].id", "PA6003", "expected a string, found a number")]
    [TestCase("""{ "authenticationContexts": [ { "id": "c1", "isAvailable": "maybe" } ] }""", "$.authenticationContexts[0].isAvailable", "PA6003", "expected true or false")]
    [TestCase("""{ "settings": { "challengeFormat": "smoke" } }""", "$.settings.challengeFormat", "PA6008", "not one of: entra, rfc9470, both")]
    [TestCase("""{ "settings": { "clockSkew": "five minutes" } }""", "$.settings.clockSkew", "PA6008", "time span")]
    [TestCase("""{ "conditionalAccessPolicies": [ { "sessionControls": { "signInFrequency": { "value": 99999999999 } } } ] }""", "$.conditionalAccessPolicies[0].sessionControls.signInFrequency.value", "PA6008", "whole number")]
    [TestCase("""{ "authenticationContexts": [ null ] }""", "$.authenticationContexts[0]", "PA6007", "null")]
    [TestCase("""{ "settings": { "acrValues": { "c1": 5 } } }""", "$.settings.acrValues.c1", "PA6003", "expected a string")]
    [TestCase("""{ "settings": [ 1 ] }""", "$.settings", "PA6003", "expected an object, found an array")]
    [TestCase("""[ { "id": "c1" } ]""", "$", "PA6009", "must be a JSON object, found an array")]
    public void Wrong_values_are_errors_naming_the_path(string json, string path, string code, string message)
    {
        var result = ProtectedActionsDocument.Parse(json, "bad.json");

        result.HasErrors.Should().BeTrue();
        result.Errors.Should().Contain(i => i.Path == "bad.json#" + path && i.Code == code && i.Message.Contains(message, StringComparison.Ordinal),
            string.Join("\n", result.Issues));
    }

    [Test]
    public void A_list_with_a_bad_entry_is_left_out_entirely_not_shortened()
    {
        var result = ProtectedActionsDocument.Parse("""{ "emergencyAccessAccounts": { "userIds": [ "a", 2, "b" ] } }""");

        result.HasErrors.Should().BeTrue();
        result.Options.EmergencyAccessAccounts.UserIds.Should().BeEmpty("a shortened exclusion list would silently widen a policy");
    }

    [TestCase("""{ "settings": { "strictMode": true, "StrictMode": false } }""", "$.settings.StrictMode")]
    [TestCase("""{ "authenticationContexts": [], "authenticationContexts": [] }""", "$.authenticationContexts")]
    [TestCase("""{ "settings": { "acrValues": { "c1": "a", "C1": "b" } } }""", "$.settings.acrValues.C1")]
    public void Duplicate_properties_are_errors(string json, string path)
    {
        var result = ProtectedActionsDocument.Parse(json);

        result.Errors.Should().Contain(i => i.Code == "PA6005" && i.Path == path, string.Join("\n", result.Issues));
    }

    [Test]
    public void Invalid_json_names_line_and_position()
    {
        var result = ProtectedActionsDocument.Parse("{\n  \"authenticationContexts\": [\n    { \"id\": \"c1\" \n  ]\n}", "broken.json");

        var error = result.Errors.Should().ContainSingle().Subject;
        error.Code.Should().Be("PA6002");
        error.Path.Should().StartWith("broken.json#$");
        error.Message.Should().Contain("(line 4, position 3)");
    }

    [Test]
    public void A_graph_export_read_as_a_document_is_warned_about()
    {
        var result = ProtectedActionsDocument.Parse("""{ "displayName": "p", "conditions": {}, "grantControls": {} }""", "p.json");

        result.HasErrors.Should().BeFalse();
        result.Issues.Should().Contain(i => i.Severity == ConfigurationSeverity.Warning && i.Code == "PA6014" && i.Path == "p.json#$");
        ProtectedActionsDocument.Parse("{}").Issues.Should().BeEmpty("an empty document is a valid, empty configuration");
    }

    [Test]
    public void Comments_and_trailing_commas_are_accepted_as_in_appsettings()
    {
        var result = ProtectedActionsDocument.Parse("""
            {
              // contexts
              "authenticationContexts": [ { "id": "c1", }, ],
            }
            """);

        result.HasErrors.Should().BeFalse();
        result.Options.AuthenticationContexts.Should().ContainSingle();
    }

    [Test]
    public void Nesting_deeper_than_64_is_refused()
    {
        var json = "{\"x\":" + string.Concat(Enumerable.Repeat("[", 70)) + string.Concat(Enumerable.Repeat("]", 70)) + "}";

        var result = ProtectedActionsDocument.Parse(json);

        result.Errors.Should().ContainSingle().Which.Code.Should().Be("PA6002");
    }

    [Test]
    public void Lists_longer_than_10000_are_refused()
    {
        var json = "{ \"emergencyAccessAccounts\": { \"userIds\": [" + string.Join(",", Enumerable.Repeat("\"u\"", 10_001)) + "] } }";

        var result = ProtectedActionsDocument.Parse(json);

        result.Errors.Should().ContainSingle().Which.Code.Should().Be("PA6006");
        result.Options.EmergencyAccessAccounts.UserIds.Should().BeEmpty();
    }

    [Test]
    public void Streams_larger_than_16_MiB_are_refused_without_reading_them_whole()
    {
        using var stream = new EndlessStream();

        var result = ProtectedActionsDocument.Load(stream, "huge.json");

        result.Errors.Should().ContainSingle().Which.Code.Should().Be("PA6001");
        stream.BytesRead.Should().BeLessThan(17 * 1024 * 1024 + 100_000);
    }

    [Test]
    public void Oversized_files_are_refused()
    {
        using var temp = new TempFolder();
        var file = Path.Combine(temp.Path, "big.json");
        using (var f = File.Create(file))
        {
            f.SetLength(16 * 1024 * 1024 + 1);
        }

        var result = ProtectedActionsDocument.LoadFile(file);

        result.Errors.Should().ContainSingle().Which.Message.Should().Contain("more than the 16777216 bytes allowed");
    }

    [Test]
    public void A_missing_file_is_an_error_naming_the_file()
    {
        var result = ProtectedActionsDocument.LoadFile("/nonexistent/config.json");

        var error = result.Errors.Should().ContainSingle().Subject;
        error.Code.Should().Be("PA6001");
        error.Path.Should().Be("/nonexistent/config.json#$");
        error.Message.Should().Contain("does not exist");
    }

    [TestCase("utf-8")]
    [TestCase("utf-8-bom")]
    [TestCase("utf-16le")]
    [TestCase("utf-16be")]
    public void Encodings_with_byte_order_marks_are_read(string encoding)
    {
        var bytes = encoding switch
        {
            "utf-8" => Encoding.UTF8.GetBytes(Minimal),
            "utf-8-bom" => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(Minimal)],
            "utf-16le" => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Minimal)],
            _ => [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(Minimal)],
        };

        var result = ProtectedActionsDocument.Load(new MemoryStream(bytes));

        result.HasErrors.Should().BeFalse(string.Join("\n", result.Issues));
        result.Options.ConditionalAccessPolicies.Should().ContainSingle();
    }

    [Test]
    public void Utf32_and_utf16_without_bom_are_refused_with_a_reason()
    {
        byte[] utf32 = [.. new UTF32Encoding(false, true).GetPreamble(), .. new UTF32Encoding(false, false).GetBytes("{}")];
        ProtectedActionsDocument.Load(new MemoryStream(utf32)).Errors.Single().Message.Should().Contain("UTF-32");

        var noBom = Encoding.Unicode.GetBytes("{}");
        ProtectedActionsDocument.Load(new MemoryStream(noBom)).Errors.Single().Code.Should().Be("PA6002");
    }

    [Test]
    public void Invalid_utf8_is_an_error()
    {
        var result = ProtectedActionsDocument.Load(new MemoryStream([(byte)'{', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)':', (byte)'1', (byte)'}']));

        result.Errors.Should().ContainSingle().Which.Code.Should().Be("PA6002");
    }

    [Test]
    public void Serialize_round_trips_through_parse()
    {
        var first = ProtectedActionsDocument.Parse(File.ReadAllText(RepositoryPaths.SampleConfig));
        var json = ProtectedActionsDocument.Serialize(first.Options);

        var second = ProtectedActionsDocument.Parse(json);

        second.Issues.Should().BeEmpty();
        ProtectedActionsDocument.Serialize(second.Options).Should().Be(json);
        json.Should().Contain("\"challengeFormat\": \"entra\"").And.Contain("\"clockSkew\": \"00:05:00\"");
    }

    /// <summary>A stream that never ends: the reader must stop at its bound.</summary>
    private sealed class EndlessStream : Stream
    {
        public long BytesRead { get; private set; }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count)
        {
            Array.Fill(buffer, (byte)' ', offset, count);
            BytesRead += count;
            return count;
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

public class LoneSurrogateTests
{
    [Test]
    public void An_escaped_lone_surrogate_is_an_error_with_its_line_not_an_exception()
    {
        var result = ProtectedActionsDocument.Parse("{\n  \"authenticationContexts\": [ { \"id\": \"\\ud800\" } ]\n}", "s.json");

        var error = result.Errors.Should().ContainSingle().Subject;
        error.Code.Should().Be("PA6002");
        error.Message.Should().Contain("lone surrogate").And.EndWith("(line 2, position 39).");
    }

    [Test]
    public void An_escaped_lone_surrogate_in_a_property_name_is_an_error()
    {
        ProtectedActionsDocument.ParseGraphExport("{ \"\\udc00\": 1 }").Errors.Should().ContainSingle().Which.Code.Should().Be("PA6002");
        SignInDocument.Parse("{ \"userId\": \"\\ud800x\" }").HasErrors.Should().BeTrue();
    }

    [Test]
    public void A_sign_in_element_parsed_elsewhere_with_a_lone_surrogate_is_an_error()
    {
        using var doc = System.Text.Json.JsonDocument.Parse("{ \"userId\": \"\\ud800\" }");

        var result = SignInDocument.Read(doc.RootElement, "t.json", "$[0].signin");

        result.Issues.Single().Path.Should().Be("t.json#$[0].signin");
    }
}
