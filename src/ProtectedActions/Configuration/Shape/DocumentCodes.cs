namespace ProtectedActions.Configuration.Shape;

/// <summary>Issue codes of the document readers, the Graph import and the CLI (range PA6xxx).</summary>
internal static class DocumentCodes
{
    /// <summary>A file or folder could not be read (missing, too large, access denied).</summary>
    public const string Unreadable = IssueCodes.Unreadable;
    /// <summary>The text is not valid JSON (syntax, encoding, nesting too deep).</summary>
    public const string InvalidJson = IssueCodes.InvalidJson;
    /// <summary>A value has the wrong JSON kind (for example a number where a string belongs).</summary>
    public const string WrongKind = IssueCodes.WrongJsonKind;
    /// <summary>A Microsoft Graph property the library does not evaluate (summarised once per name), or an empty container of the wrong kind; it is ignored.</summary>
    public const string UnknownProperty = IssueCodes.UnevaluatedProperty;
    /// <summary>A property appears twice in one object (also when only the case differs).</summary>
    public const string DuplicateProperty = IssueCodes.DuplicateProperty;
    /// <summary>An array has more entries than allowed.</summary>
    public const string ListTooLong = IssueCodes.ArrayTooLong;
    /// <summary>An array entry is null.</summary>
    public const string NullEntry = IssueCodes.NullEntry;
    /// <summary>A value is of the right kind but not allowed (unknown enum name, malformed time span, out of range).</summary>
    public const string InvalidValue = IssueCodes.InvalidValue;
    /// <summary>The document's root is not a JSON object.</summary>
    public const string RootNotObject = IssueCodes.RootNotObject;
    /// <summary>A Graph export object whose kind cannot be told or is not supported; it is rejected.</summary>
    public const string UnsupportedGraphObject = IssueCodes.UnsupportedGraphObject;
    /// <summary>A Graph export file whose root is neither an object, an array nor a list response; it is rejected.</summary>
    public const string UnsupportedGraphFile = IssueCodes.UnsupportedGraphFile;
    /// <summary>More than one configuration document sets <c>settings</c>.</summary>
    public const string DuplicateSettings = IssueCodes.DuplicateSettings;
    /// <summary>A folder holds more files than allowed, or no usable file.</summary>
    public const string FolderProblem = IssueCodes.FolderProblem;
    /// <summary>A configuration document with properties but none of the document's keys (probably a Graph export read as a document).</summary>
    public const string NotADocument = IssueCodes.NotADocument;
    /// <summary>
    /// A property the library does not define in its own sections, or in a Graph-shaped object when Microsoft
    /// Graph does not define it either (a typo such as <c>grantControl</c>): a warning with a did-you-mean.
    /// </summary>
    public const string UnknownPropertyWarning = IssueCodes.UnknownPropertyWarning;
    /// <summary>A Conditional Access template imported as a policy.</summary>
    public const string TemplateImported = IssueCodes.TemplateImported;
    /// <summary>A sign-in file property that the sign-in contract does not define.</summary>
    public const string UnknownSignInProperty = IssueCodes.UnknownSignInProperty;
}
