namespace ProtectedActions.TestSupport;

/// <summary>Finds the repository root (the folder with ProtectedActions.Library.sln) from the test assembly.</summary>
internal static class RepositoryPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    public static string Root => LazyRoot.Value;

    public static string Samples => Path.Combine(Root, "samples");

    public static string PolicyTests => Path.Combine(Root, "samples", "policy-tests");

    public static string SampleConfig => Path.Combine(PolicyTests, "config.json");

    public static string Schemas => Path.Combine(Root, "schemas");

    public static string TestData => Path.Combine(AppContext.BaseDirectory, "TestData");

    /// <summary>The corpus of real Graph exports kept in the repository (<c>Fixtures/graph-policies</c>, with its licence).</summary>
    public static string Corpus => Path.Combine(Root, "tests", "ProtectedActions.Documents.Tests", "Fixtures", "graph-policies");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ProtectedActions.Library.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("ProtectedActions.Library.sln not found above " + AppContext.BaseDirectory);
    }
}
