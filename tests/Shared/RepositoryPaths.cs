namespace ProtectedActions.TestSupport;

/// <summary>
/// Paths inside the repository, found from the test assembly by walking up to the folder that holds
/// <c>ProtectedActions.Library.sln</c>. The one "find the repository root" helper of every test project: it is
/// linked into each from <c>tests/Shared</c> (<c>&lt;Compile Include="../Shared/*.cs" LinkBase="Shared" /&gt;</c>).
/// Tests read only what is inside the repository.
/// </summary>
internal static partial class RepositoryPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The repository root.</summary>
    public static string Root => LazyRoot.Value;

    /// <summary>The <c>docs</c> folder.</summary>
    public static string Docs => Path.Combine(Root, "docs");

    /// <summary>The <c>src</c> folder.</summary>
    public static string Source => Path.Combine(Root, "src");

    /// <summary>The <c>samples</c> folder.</summary>
    public static string Samples => Path.Combine(Root, "samples");

    /// <summary>The <c>schemas</c> folder.</summary>
    public static string Schemas => Path.Combine(Root, "schemas");

    /// <summary>The policy-test sample (<c>samples/policy-tests</c>).</summary>
    public static string PolicyTests => Path.Combine(Samples, "policy-tests");

    /// <summary>The sample configuration (<c>samples/policy-tests/config.json</c>).</summary>
    public static string SampleConfig => Path.Combine(PolicyTests, "config.json");

    /// <summary>A path under the repository root.</summary>
    /// <param name="parts">The path segments below the root.</param>
    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

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
