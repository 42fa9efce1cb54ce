namespace ProtectedActions.Tests.Support;

/// <summary>Finds the repository root (the folder holding ProtectedActions.Library.sln) from the test assembly.</summary>
internal static class RepositoryRoot
{
    public static string Path
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(System.IO.Path.Combine(dir.FullName, "ProtectedActions.Library.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("ProtectedActions.Library.sln not found above " + AppContext.BaseDirectory);
        }
    }
}
