namespace ProtectedActions.TestSupport;

/// <summary>Test data kept in the repository: the files copied beside a test assembly and the Graph export corpus.</summary>
internal static partial class RepositoryPaths
{
    /// <summary>Test data copied beside the test assembly (<c>TestData</c>).</summary>
    public static string TestData => Path.Combine(AppContext.BaseDirectory, "TestData");

    /// <summary>The corpus of real Graph exports kept in the repository (<c>Fixtures/graph-policies</c>, with its licence).</summary>
    public static string Corpus => Path.Combine(Root, "tests", "ProtectedActions.Documents.Tests", "Fixtures", "graph-policies");
}
