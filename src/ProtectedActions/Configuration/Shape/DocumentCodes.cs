namespace ProtectedActions.Configuration.Shape;

/// <summary>Issue codes of the document readers, the Graph import and the CLI (range PA6xxx).</summary>
internal static class DocumentCodes
{
    /// <summary>A file or folder could not be read (missing, too large, access denied).</summary>
    public const string Unreadable = "PA6001";
    /// <summary>The text is not valid JSON (syntax, encoding, nesting too deep).</summary>
    public const string InvalidJson = "PA6002";
    /// <summary>A value has the wrong JSON kind (for example a number where a string belongs).</summary>
    public const string WrongKind = "PA6003";
    /// <summary>A Microsoft Graph property the library does not evaluate (summarised once per name), or an empty container of the wrong kind; it is ignored.</summary>
    public const string UnknownProperty = "PA6004";
    /// <summary>A property appears twice in one object (also when only the case differs).</summary>
    public const string DuplicateProperty = "PA6005";
    /// <summary>An array has more entries than allowed.</summary>
    public const string ListTooLong = "PA6006";
    /// <summary>An array entry is null.</summary>
    public const string NullEntry = "PA6007";
    /// <summary>A value is of the right kind but not allowed (unknown enum name, malformed time span, out of range).</summary>
    public const string InvalidValue = "PA6008";
    /// <summary>The document's root is not a JSON object.</summary>
    public const string RootNotObject = "PA6009";
    /// <summary>A Graph export object whose kind cannot be told or is not supported; it is rejected.</summary>
    public const string UnsupportedGraphObject = "PA6010";
    /// <summary>A Graph export file whose root is neither an object, an array nor a list response; it is rejected.</summary>
    public const string UnsupportedGraphFile = "PA6011";
    /// <summary>More than one configuration document sets <c>settings</c>.</summary>
    public const string DuplicateSettings = "PA6012";
    /// <summary>A folder holds more files than allowed, or no usable file.</summary>
    public const string FolderProblem = "PA6013";
    /// <summary>A configuration document with properties but none of the document's keys (probably a Graph export read as a document).</summary>
    public const string NotADocument = "PA6014";
    /// <summary>
    /// A property the library does not define in its own sections, or in a Graph-shaped object when Microsoft
    /// Graph does not define it either (a typo such as <c>grantControl</c>): a warning with a did-you-mean.
    /// </summary>
    public const string UnknownPropertyWarning = "PA6030";
    /// <summary>A Conditional Access template imported as a policy.</summary>
    public const string TemplateImported = "PA6031";
    /// <summary>A sign-in file property that the sign-in contract does not define.</summary>
    public const string UnknownSignInProperty = "PA6020";
}
