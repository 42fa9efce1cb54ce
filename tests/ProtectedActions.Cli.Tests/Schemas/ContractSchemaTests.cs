using System.Text.Json;

namespace ProtectedActions.Cli.Tests.Schemas;

/// <summary>The decision JSON and the policy-test files are contracts: their schemas are tested against real output and samples.</summary>
public class ContractSchemaTests
{
    private static readonly string[] Actions =
    [
        KnownPermissions.ConditionalAccessPoliciesDelete, KnownPermissions.NamedLocationsCreate, "contoso.wiki/pages/read",
    ];

    private static readonly string[] SignIns =
    [
        """{ "userId": "u", "amr": [ "pwd" ], "xms_cc": [ "cp1" ] }""",
        """{ "userId": "u", "authenticationMethods": [ "fido2" ], "authenticationTime": "2026-01-01T00:00:00Z", "now": "2026-01-01T00:10:00Z" }""",
        """{ "userId": "u", "authenticationMethods": [ "fido2" ], "authenticationTime": "2026-01-01T00:00:00Z", "now": "2026-01-01T05:00:00Z" }""",
        """{ "userId": "u", "acrs": [ "c1" ] }""",
        """{ "userId": "b0c4a9a4-6a3e-4c0e-9f53-000000000911" }""",
        """{ "userId": "g", "userType": "guest", "authenticationTime": "2030-01-01T00:00:00Z", "now": "2026-01-01T00:00:00Z" }""",
    ];

    [Test]
    public void Every_whatif_decision_validates_against_the_decision_schema()
    {
        using var temp = new TempFolder();
        var configs = new[] { RepositoryPaths.SampleConfig, temp.Write("block.json", Commands.Fixtures.ConfigWithBlock) };
        var outcomes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var config in configs)
        {
            foreach (var action in Actions.Append("contoso.billing/invoices/approve"))
            {
                for (var i = 0; i < SignIns.Length; i++)
                {
                    var signIn = temp.Write($"s{i}.json", SignIns[i]);

                    var r = Cli.Run("whatif", "--config", config, "--action", action, "--signin", signIn, "--format", "json");

                    r.Exit.Should().Be(0, r.ToString());
                    using var doc = JsonDocument.Parse(r.Out);
                    SchemaFixture.Failures(SchemaFixture.Decision, doc.RootElement).Should().BeEmpty(r.Out);
                    outcomes.Add(doc.RootElement.GetProperty("outcome").GetString()!);
                }
            }
        }

        outcomes.Should().BeEquivalentTo(["allowed", "stepUpRequired", "denied"], "the schema is exercised on every outcome");
    }

    [Test]
    public void The_decision_schema_rejects_a_decision_missing_a_field_or_with_an_extra_one()
    {
        var r = Cli.Run("whatif", "--config", RepositoryPaths.SampleConfig, "--action", "contoso.wiki/pages/read",
            "--signin", Path.Combine(RepositoryPaths.PolicyTests, "signins", "admin-fido2-recent.json"), "--format", "json");
        var missing = r.Out.Replace("\"clientCapable\": true,", "", StringComparison.Ordinal);
        var extra = r.Out.Replace("\"clientCapable\": true,", "\"clientCapable\": true, \"score\": 1,", StringComparison.Ordinal);

        using var a = JsonDocument.Parse(missing);
        using var b = JsonDocument.Parse(extra);
        SchemaFixture.Failures(SchemaFixture.Decision, a.RootElement).Should().NotBeEmpty();
        SchemaFixture.Failures(SchemaFixture.Decision, b.RootElement).Should().NotBeEmpty();
    }

    [Test]
    public void Every_sample_policy_test_file_validates_against_the_policy_test_schema()
    {
        var files = Directory.GetFiles(RepositoryPaths.PolicyTests, "*.json").Where(f => Path.GetFileName(f) != "config.json").ToList();
        files.Should().HaveCountGreaterThanOrEqualTo(3);

        foreach (var file in files)
        {
            using var doc = SchemaFixture.ParseFile(file);
            SchemaFixture.Failures(SchemaFixture.PolicyTest, doc.RootElement).Should().BeEmpty(file);
        }
    }

    [TestCase("""{ "action": "a/b/c", "expect": "allow" }""")]
    [TestCase("""{ "action": "a/b/c" }""")]
    [TestCase("""{ "action": "a/b/c", "expect": "allowed", "expectContext": "C1" }""")]
    [TestCase("""{ "action": "a/b/c", "expect": "allowed", "signin": { "amrs": [] } }""")]
    [TestCase("""[]""")]
    public void Malformed_policy_tests_fail_the_schema(string json)
    {
        using var doc = JsonDocument.Parse(json);

        SchemaFixture.Failures(SchemaFixture.PolicyTest, doc.RootElement).Should().NotBeEmpty();
    }
}
