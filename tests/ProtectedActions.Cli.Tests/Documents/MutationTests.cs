using System.Text;

namespace ProtectedActions.Cli.Tests.Documents;

/// <summary>
/// Property-style tests with fixed seeds: mangled documents, exports and sign-ins never make a reader throw; they
/// load or come back with errors, and whatever loads without errors can be written and read back unchanged.
/// </summary>
public class MutationTests
{
    private static readonly string SampleConfig = File.ReadAllText(RepositoryPaths.SampleConfig);
    private static readonly string SampleSignIn = File.ReadAllText(Path.Combine(RepositoryPaths.PolicyTests, "signins", "admin-fido2-recent.json"));
    private static readonly string GraphExport = File.ReadAllText(Directory.GetFiles(RepositoryPaths.Corpus, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal).First());

    private static readonly string[] Fragments = ["null", "[]", "{}", "\"\"", "\"x\"", "1", "-1", "1e400", "true", ",", ":", "[", "]", "{", "}", "\"@odata.type\"", "\\u0000", "\"\\ud800\""];

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void Mangled_configuration_documents_never_throw(int seed)
    {
        var random = new Random(seed);
        var loaded = 0;
        for (var i = 0; i < 300; i++)
        {
            var text = Mutate(SampleConfig, random);

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
            var result = ProtectedActionsDocument.ParseGraphExport(Mutate(GraphExport, random), "export.json");

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
            var result = SignInDocument.Parse(Mutate(SampleSignIn, random), "signin.json");

            (result.SignIn is null).Should().Be(result.HasErrors);
        }
    }

    [TestCase(8)]
    public void Mangled_sign_ins_through_the_cli_exit_0_or_2_never_with_a_stack_trace(int seed)
    {
        var random = new Random(seed);
        using var temp = new TempFolder();
        for (var i = 0; i < 60; i++)
        {
            var file = temp.Write("s.json", Mutate(SampleSignIn, random));

            var r = Cli.Run("whatif", "--config", RepositoryPaths.SampleConfig, "--action", "microsoft.directory/namedLocations/delete", "--signin", file, "--format", "json");

            r.Exit.Should().BeOneOf(0, 2);
            (r.Exit == 0 ? r.Err : r.Out).Should().BeEmpty();
            r.Err.Should().NotContain("   at ").And.NotContain("unexpected failure");
        }
    }

    private static string Mutate(string text, Random random)
    {
        var sb = new StringBuilder(text);
        var edits = random.Next(1, 4);
        for (var e = 0; e < edits && sb.Length > 0; e++)
        {
            var at = random.Next(sb.Length);
            switch (random.Next(4))
            {
                case 0:
                    sb.Remove(at, Math.Min(sb.Length - at, random.Next(1, 12)));
                    break;
                case 1:
                    sb.Insert(at, Fragments[random.Next(Fragments.Length)]);
                    break;
                case 2:
                    sb[at] = (char)random.Next(0x20, 0x7F);
                    break;
                default:
                    // Replace a JSON value after a colon with a fragment: wrong kinds, nulls, empty containers.
                    var colon = text.IndexOf(':', at % text.Length);
                    if (colon > 0 && colon < sb.Length - 1)
                    {
                        var end = colon + 1;
                        while (end < sb.Length && sb[end] is not (',' or '}' or ']'))
                        {
                            end++;
                        }

                        sb.Remove(colon + 1, end - colon - 1).Insert(colon + 1, " " + Fragments[random.Next(Fragments.Length)]);
                    }

                    break;
            }
        }

        return sb.ToString();
    }
}
