namespace ProtectedActions.TestSupport;

/// <summary>The CLI tests' own paths, beside the shared ones (tests/Shared/RepositoryPaths.cs).</summary>
internal static partial class RepositoryPaths
{
    /// <summary>Test data copied beside the test assembly.</summary>
    public static string TestData => Path.Combine(AppContext.BaseDirectory, "TestData");

    /// <summary>The corpus of real Graph exports kept in the repository (<c>Fixtures/graph-policies</c>, with its licence).</summary>
    public static string Corpus => Path.Combine(Root, "tests", "ProtectedActions.Cli.Tests", "Fixtures", "graph-policies");
}
