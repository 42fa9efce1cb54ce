namespace ProtectedActions.Documents.Tests.Configuration;

/// <summary>
/// Property-style tests with fixed seeds: mangled documents, exports and sign-ins never make a reader throw; they
/// load or come back with errors, and whatever loads without errors can be written and read back unchanged.
/// </summary>
public class MutationTests
{
    private static readonly string SampleConfig = File.ReadAllText(RepositoryPaths.SampleConfig);
    private static readonly string SampleSignIn = File.ReadAllText(Path.Combine(RepositoryPaths.PolicyTests, "signins", "admin-fido2-recent.json"));
    private static readonly string GraphExport = File.ReadAllText(Directory.GetFiles(RepositoryPaths.Corpus, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal).First());

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void Mangled_configuration_documents_never_throw(int seed)
    {
        var random = new Random(seed);
        var loaded = 0;
        for (var i = 0; i < 300; i++)
        {
            var text = DocumentSamples.Mutate(SampleConfig, random);

            var result = ProtectedActionsDocument.Parse(text, "mutant.json");

            result.Issues.Where(issue => !issue.Path.StartsWith("mutant.json#$", StringComparison.Ordinal)).Should().BeEmpty();
            if (!result.HasErrors)
            {
                loaded++;
                var written = ProtectedActionsDocument.Serialize(result.Options);
                ProtectedActionsDocument.Serialize(ProtectedActionsDocument.Parse(written).Options).Should().Be(written);
            }
        }

        loaded.Should().BeGreaterThan(0, "some mutations keep the document valid");
    }

    [TestCase(4)]
    [TestCase(5)]
    public void Mangled_graph_exports_never_throw(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < 300; i++)
        {
            var result = ProtectedActionsDocument.ParseGraphExport(DocumentSamples.Mutate(GraphExport, random), "export.json");

            if (result.HasErrors)
            {
                result.Options.ConditionalAccessPolicies.Should().BeEmpty("a single-object export with errors is rejected whole");
            }
        }
    }

    [TestCase(6)]
    [TestCase(7)]
    public void Mangled_sign_ins_never_throw_and_errors_mean_no_sign_in(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < 300; i++)
        {
            var result = SignInDocument.Parse(DocumentSamples.Mutate(SampleSignIn, random), "signin.json");

            (result.SignIn is null).Should().Be(result.HasErrors);
        }
    }
}
