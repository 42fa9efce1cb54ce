namespace ProtectedActions.Configuration.Documents;

/// <summary>The bounds every document reader enforces; inputs past them are refused with an error, never truncated.</summary>
internal static class DocumentLimits
{
    /// <summary>The largest configuration document or Graph export file read: 16 MiB.</summary>
    public const int MaxDocumentBytes = 16 * 1024 * 1024;

    /// <summary>The largest sign-in file read: 1 MiB.</summary>
    public const int MaxSignInBytes = 1024 * 1024;

    /// <summary>The deepest JSON nesting accepted (the Graph shape needs about 8).</summary>
    public const int MaxDepth = 64;

    /// <summary>The most entries one JSON array may have.</summary>
    public const int MaxListLength = 10_000;

    /// <summary>The most files read from one folder (recursively).</summary>
    public const int MaxFilesPerFolder = 10_000;

    /// <summary>How deep a folder is searched for files.</summary>
    public const int MaxFolderDepth = 32;

    /// <summary>The longest string value in a sign-in file.</summary>
    public const int MaxSignInStringLength = 4096;
}
