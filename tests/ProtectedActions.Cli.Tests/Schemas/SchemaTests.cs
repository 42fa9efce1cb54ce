using System.Text.Json;

namespace ProtectedActions.Cli.Tests.Schemas;

public class SchemaTests
{
    private static readonly string[] SkippedFolders = ["bin", "obj", ".git", "artifacts", "schemas", "invalid", "node_modules"];

    /// <summary>Every configuration document in the repository (bare or an appsettings section), found by content.</summary>
    public static IEnumerable<TestCaseData> RepositoryConfigurations() =>
        RepositoryJsonFiles()
            .Where(f => { using var d = SchemaFixture.ParseFile(f); return ProtectedActionsDocument.LooksLikeDocument(d.RootElement); })
            .Select(f => new TestCaseData(f).SetArgDisplayNames(Path.GetRelativePath(RepositoryPaths.Root, f)));

    /// <summary>Every sign-in in the repository: files in a <c>signins</c> folder.</summary>
    public static IEnumerable<TestCaseData> RepositorySignIns() =>
        RepositoryJsonFiles()
            .Where(f => Path.GetFileName(Path.GetDirectoryName(f)) == "signins")
            .Select(f => new TestCaseData(f).SetArgDisplayNames(Path.GetRelativePath(RepositoryPaths.Root, f)));

    [Test]
    public void The_repository_has_configurations_and_sign_ins_to_check()
    {
        RepositoryConfigurations().Should().HaveCountGreaterThanOrEqualTo(3, "samples/policy-tests, the console sample and the test data");
        RepositorySignIns().Should().HaveCountGreaterThanOrEqualTo(2);
    }

    [TestCaseSource(nameof(RepositoryConfigurations))]
    public void Every_configuration_in_the_repository_validates_against_the_schema(string file)
    {
        using var doc = SchemaFixture.ParseFile(file);
        var root = doc.RootElement;
        var body = root.EnumerateObject().FirstOrDefault(p => p.Name.Equals("ProtectedActions", StringComparison.OrdinalIgnoreCase) && p.Value.ValueKind == JsonValueKind.Object);
        var document = body.Value.ValueKind == JsonValueKind.Object ? body.Value : root;

        SchemaFixture.Failures(SchemaFixture.Document, document).Should().BeEmpty();
        var loaded = ProtectedActionsDocument.LoadFile(file);
        loaded.HasErrors.Should().BeFalse("what the schema accepts the loader reads: " + string.Join("\n", loaded.Errors));
        ProtectedActionsConfiguration.Validate(loaded.Options).IsValid.Should().BeTrue();
    }

    [TestCaseSource(nameof(RepositorySignIns))]
    public void Every_sign_in_in_the_repository_validates_against_the_schema(string file)
    {
        using var doc = SchemaFixture.ParseFile(file);

        SchemaFixture.Failures(SchemaFixture.SignIn, doc.RootElement).Should().BeEmpty();
        SignInDocument.LoadFile(file).HasErrors.Should().BeFalse();
    }

    [Test]
    public void Inline_sign_ins_of_the_policy_tests_validate_against_the_schema()
    {
        var count = 0;
        foreach (var file in Directory.GetFiles(RepositoryPaths.PolicyTests, "*.json"))
        {
            using var doc = SchemaFixture.ParseFile(file);
            var cases = doc.RootElement.ValueKind == JsonValueKind.Array ? doc.RootElement.EnumerateArray().ToList() : [doc.RootElement];
            foreach (var c in cases.Where(c => c.ValueKind == JsonValueKind.Object && c.TryGetProperty("signin", out var s) && s.ValueKind == JsonValueKind.Object))
            {
                SchemaFixture.Failures(SchemaFixture.SignIn, c.GetProperty("signin")).Should().BeEmpty(file);
                count++;
            }
        }

        count.Should().BeGreaterThan(0);
    }

    [TestCase("unknown-top-level.json", "/colour")]
    [TestCase("bad-context-id.json", "/authenticationContexts/0/id")]
    [TestCase("bad-state.json", "/conditionalAccessPolicies/0/state")]
    [TestCase("bad-challenge-format.json", "/settings/challengeFormat")]
    [TestCase("bad-clock-skew.json", "/settings/clockSkew")]
    public void Invalid_configurations_fail_the_schema_at_the_right_place(string name, string location)
    {
        using var doc = SchemaFixture.ParseFile(Path.Combine(RepositoryPaths.TestData, "invalid", name));

        SchemaFixture.Failures(SchemaFixture.Document, doc.RootElement).Should().Contain(f => f.StartsWith(location + ":", StringComparison.Ordinal));
    }

    [TestCase("""{ "amr": ["pwd"], "amrs": ["pwd"] }""", "/amrs")]
    [TestCase("""{ "userType": "admin" }""", "/userType")]
    [TestCase("""{ "authenticationTime": "yesterday" }""", "/authenticationTime")]
    [TestCase("""{ "device": { "isCompliant": "yes" } }""", "/device/isCompliant")]
    [TestCase("""{ "device": { "colour": "red" } }""", "/device/colour")]
    public void Invalid_sign_ins_fail_the_schema(string json, string location)
    {
        using var doc = JsonDocument.Parse(json);

        SchemaFixture.Failures(SchemaFixture.SignIn, doc.RootElement).Should().Contain(f => f.StartsWith(location + ":", StringComparison.Ordinal));
    }

    [TestCase(typeof(ProtectedActionsOptions), new string[0])]
    [TestCase(typeof(ProtectedActionsSettings), new[] { "$defs", "settings" })]
    [TestCase(typeof(AuthenticationContextDefinition), new[] { "$defs", "authenticationContext" })]
    [TestCase(typeof(ProtectedActionAssignment), new[] { "$defs", "protectedAction" })]
    [TestCase(typeof(EmergencyAccessAccounts), new[] { "$defs", "emergencyAccessAccounts" })]
    [TestCase(typeof(ConditionalAccessPolicy), new[] { "$defs", "conditionalAccessPolicy" })]
    [TestCase(typeof(ConditionalAccessConditions), new[] { "$defs", "conditions" })]
    [TestCase(typeof(AuthenticationStrengthPolicy), new[] { "$defs", "authenticationStrengthPolicy" })]
    [TestCase(typeof(NamedLocation), new[] { "$defs", "namedLocation" })]
    public void The_schema_declares_every_property_of_the_options_model(Type type, string[] location)
    {
        var declared = SchemaFixture.DeclaredProperties("protected-actions.schema.json", location);

        declared.Should().Contain(SchemaFixture.SettableProperties(type), "a property the binder reads must be in the published schema");
    }

    [Test]
    public void The_sign_in_schema_declares_every_device_property()
    {
        var declared = SchemaFixture.DeclaredProperties("signin.schema.json", "properties", "device");

        declared.Should().BeEquivalentTo(SchemaFixture.SettableProperties(typeof(DeviceProperties)));
    }

    private static IEnumerable<string> RepositoryJsonFiles()
    {
        var files = new List<string>();
        Walk(new DirectoryInfo(RepositoryPaths.Root), files, 0);
        return files.Order(StringComparer.Ordinal);
    }

    private static void Walk(DirectoryInfo dir, List<string> files, int depth)
    {
        if (depth > 12)
        {
            return;
        }

        files.AddRange(dir.GetFiles("*.json").Select(f => f.FullName).Where(f => Path.GetFileName(f) != "global.json"));
        foreach (var sub in dir.GetDirectories().Where(d => !SkippedFolders.Contains(d.Name)))
        {
            Walk(sub, files, depth + 1);
        }
    }
}

public class SchemaSpellingTests
{
    [Test]
    public void PascalCase_keys_as_appsettings_writes_them_validate_and_a_missing_required_key_does_not()
    {
        using var pascal = JsonDocument.Parse("""{ "AuthenticationContexts": [ { "Id": "c1" } ], "ProtectedActions": [ { "Permission": "a/b/c", "AuthenticationContextId": "c1" } ], "Settings": { "StrictMode": true } }""");
        using var missing = JsonDocument.Parse("""{ "protectedActions": [ { "permission": "a/b/c" } ] }""");

        SchemaFixture.Failures(SchemaFixture.Document, pascal.RootElement).Should().BeEmpty();
        SchemaFixture.Failures(SchemaFixture.Document, missing.RootElement).Should().NotBeEmpty();
    }
}
