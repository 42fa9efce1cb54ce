using System.Reflection;
using System.Text.RegularExpressions;

namespace ProtectedActions.Tests.Packaging;

/// <summary>
/// The package split of docs/design.md: the core holds the engine; reading documents, Graph exports and sign-in
/// files is ProtectedActions.Documents; reading challenges is ProtectedActions.Client, which needs no engine.
/// </summary>
public class PackageBoundaryTests
{
    private static readonly Assembly Core = typeof(ProtectedActionEvaluator).Assembly;

    [TestCase("ProtectedActions.ProtectedActionsDocument", "ProtectedActions.Documents")]
    [TestCase("ProtectedActions.ProtectedActionsDocumentResult", "ProtectedActions.Documents")]
    [TestCase("ProtectedActions.SignInDocument", "ProtectedActions.Documents")]
    [TestCase("ProtectedActions.SignInDocumentResult", "ProtectedActions.Documents")]
    [TestCase("ProtectedActions.ChallengeParser", "ProtectedActions.Client")]
    [TestCase("ProtectedActions.AuthenticationChallenge", "ProtectedActions.Client")]
    public void Moved_types_live_in_their_package_under_the_same_namespace(string typeName, string assembly)
    {
        Core.GetType(typeName).Should().BeNull("the core no longer holds " + typeName);
        var type = Type.GetType(typeName + ", " + assembly);
        type.Should().NotBeNull();
        type!.IsPublic.Should().BeTrue();
        type.Namespace.Should().Be("ProtectedActions", "user code keeps compiling with a package reference");
    }

    [Test]
    public void The_client_package_does_not_depend_on_the_engine() =>
        typeof(ChallengeParser).Assembly.GetReferencedAssemblies().Select(a => a.Name)
            .Should().NotContain(n => n!.StartsWith("ProtectedActions", StringComparison.Ordinal));

    [Test]
    public void The_documents_package_depends_only_on_the_core() =>
        typeof(ProtectedActionsDocument).Assembly.GetReferencedAssemblies().Select(a => a.Name)
            .Where(n => n!.StartsWith("ProtectedActions", StringComparison.Ordinal)).Should().Equal("ProtectedActions");

    [Test]
    public void The_core_exports_no_reflection_shape_reader_or_document_helpers() =>
        Core.GetExportedTypes().Select(t => t.Name).Should().NotContain(["ShapeReader", "JsonShape", "GraphImporter", "DocumentCodes", "Names"]);

    [Test]
    public void Each_graph_shaped_configuration_file_declares_one_public_type()
    {
        var folder = Path.Combine(RepositoryPaths.Root, "src", "ProtectedActions", "Configuration", "Graph");
        foreach (var file in Directory.GetFiles(folder, "*.cs"))
        {
            var types = Regex.Matches(File.ReadAllText(file), @"^public (?:sealed |static |abstract )*(?:class|record|enum|struct|interface) (\w+)", RegexOptions.Multiline, TimeSpan.FromSeconds(1));
            types.Should().ContainSingle(file);
            types[0].Groups[1].Value.Should().Be(Path.GetFileNameWithoutExtension(file));
        }
    }
}
