using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ProtectedActions.Configuration.Documents;

namespace ProtectedActions;

/// <summary>
/// Reads the configuration document, the same JSON that <c>AddProtectedActions(IConfiguration)</c> binds, bare
/// or as the <c>ProtectedActions</c> section of an appsettings.json, and Microsoft Graph exports of policies,
/// named locations and authentication strengths, into <see cref="ProtectedActionsOptions"/>. Never throws for
/// bad input: every problem becomes a <see cref="ConfigurationIssue"/> naming the file, JSON path and line.
/// </summary>
/// <remarks>
/// Property names are case-insensitive; JSON <c>null</c> means absent; <c>@odata.*</c> annotations are ignored;
/// unknown properties are ignored and reported: a warning with a did-you-mean (PA6030) in the library's own
/// sections or when Graph does not define them either, information summarised once per name (PA6004) for Graph
/// properties that are not evaluated; comments and trailing commas are accepted as
/// appsettings.json accepts them. UTF-8 (with or without a byte-order mark) and UTF-16 with a byte-order mark
/// are read. Bounds: 16 MiB per file, nesting depth 64, 10,000 entries per array, 10,000 files per folder.
/// The result is not validated: pass <see cref="ProtectedActionsDocumentResult.Options"/> to
/// <c>ProtectedActionsConfiguration.Validate</c> for the semantic rules.
/// </remarks>
public static class ProtectedActionsDocument
{
    /// <summary>Reads a configuration document from a string.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="source">A name for the text in issue paths (for example a file name); optional.</param>
    public static ProtectedActionsDocumentResult Parse(string json, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        return ParseText(json, source, static (root, src, merger) => merger.AddDocument(root, src));
    }

    // Parse and ParseGraphExport differ only in what they do with the parsed root.
    private static ProtectedActionsDocumentResult ParseText(string json, string? source, Action<JsonElement, DocumentSource, DocumentMerger> add)
    {
        var merger = new DocumentMerger();
        var src = merger.NewSource(source);
        if (TooLarge(json, src))
        {
            return new ProtectedActionsDocumentResult(merger);
        }

        using (var document = JsonText.Parse(Encoding.UTF8.GetBytes(json), src))
        {
            if (document is not null)
            {
                add(document.RootElement, src, merger);
            }
        }

        return new ProtectedActionsDocumentResult(merger);
    }

    /// <summary>Reads a configuration document from a stream (UTF-8, or UTF-16 with a byte-order mark).</summary>
    /// <param name="stream">The stream; read to its end (at most 16 MiB), not disposed.</param>
    /// <param name="source">A name for the stream in issue paths; optional.</param>
    public static ProtectedActionsDocumentResult Load(Stream stream, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var merger = new DocumentMerger();
        var src = merger.NewSource(source);
        var raw = JsonInput.ReadStream(stream, DocumentLimits.MaxDocumentBytes, out var error);
        if (raw is null)
        {
            src.Error(DocumentCodes.Unreadable, JsonPath.Root, error!);
            return new ProtectedActionsDocumentResult(merger);
        }

        using (var document = JsonText.ParseBytes(raw, src))
        {
            if (document is not null)
            {
                merger.AddDocument(document.RootElement, src);
            }
        }

        return new ProtectedActionsDocumentResult(merger);
    }

    /// <summary>Reads a configuration document file.</summary>
    public static ProtectedActionsDocumentResult LoadFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var merger = new DocumentMerger();
        AddFile(merger, path, graphOnly: false, documentOnly: true);
        return new ProtectedActionsDocumentResult(merger);
    }

    /// <summary>Reads a Microsoft Graph export from a string: one object, an array, or a list response <c>{"value":[...]}</c>.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="source">A name for the text in issue paths; optional.</param>
    public static ProtectedActionsDocumentResult ParseGraphExport(string json, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        return ParseText(json, source, static (root, src, merger) => GraphImporter.AddExport(root, src, merger));
    }

    /// <summary>
    /// Reads files and folders (every <c>*.json</c> below a folder, recursively, in ordinal path order) of
    /// configuration documents and Graph exports, mixed, and merges them into one set of options. A file is a
    /// configuration document when its root object has one of the document's top-level keys or a
    /// <c>ProtectedActions</c> section; otherwise it is read as a Graph export.
    /// </summary>
    public static ProtectedActionsDocumentResult LoadPaths(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var merger = new DocumentMerger();
        foreach (var path in paths)
        {
            foreach (var file in ExpandPath(path, merger))
            {
                AddFile(merger, file, graphOnly: false, documentOnly: false);
            }
        }

        return new ProtectedActionsDocumentResult(merger);
    }

    /// <summary>
    /// Whether a parsed JSON root is a configuration document (an object with one of the document's top-level
    /// keys, a <c>ProtectedActions</c> section, or nothing but <c>$schema</c>) rather than a Graph export.
    /// </summary>
    public static bool LooksLikeDocument(JsonElement root) => DocumentMerger.IsDocument(root);

    /// <summary>
    /// Writes <paramref name="options"/> as a configuration document (indented UTF-8 JSON, compact when indenting
    /// would exceed the 16 MiB the reader accepts; camelCase names as <c>AddProtectedActions(IConfiguration)</c>
    /// binds them; absent values left out).
    /// </summary>
    public static string Serialize(ProtectedActionsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var indented = Write(options, indented: true);
        // Indentation must not push a document past what the reader accepts: write large ones compact.
        var bytes = indented.Length <= DocumentLimits.MaxDocumentBytes ? indented : Write(options, indented: false);
        return Encoding.UTF8.GetString(bytes) + "\n";
    }

    private static byte[] Write(ProtectedActionsOptions options, bool indented)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            DocumentWriter.Write(writer, options, JsonShape.For(typeof(ProtectedActionsOptions)));
        }

        return buffer.ToArray();
    }

    private static bool TooLarge(string json, DocumentSource source)
    {
        if (Encoding.UTF8.GetMaxByteCount(json.Length) <= DocumentLimits.MaxDocumentBytes || Encoding.UTF8.GetByteCount(json) <= DocumentLimits.MaxDocumentBytes)
        {
            return false;
        }

        source.Error(DocumentCodes.Unreadable, JsonPath.Root, $"the text is larger than the {DocumentLimits.MaxDocumentBytes} bytes allowed");
        return true;
    }

    /// <summary>The files a path names: the file itself, or the <c>*.json</c> files below a folder.</summary>
    internal static IEnumerable<string> ExpandPath(string path, DocumentMerger merger)
    {
        if (!Directory.Exists(path))
        {
            return [path];
        }

        try
        {
            var files = Directory.EnumerateFiles(path, "*.json", new EnumerationOptions
            {
                RecurseSubdirectories = true,
                MaxRecursionDepth = DocumentLimits.MaxFolderDepth,
                MatchCasing = MatchCasing.CaseInsensitive,
                AttributesToSkip = FileAttributes.ReparsePoint | FileAttributes.System,
                IgnoreInaccessible = false,
            }).Take(DocumentLimits.MaxFilesPerFolder + 1).ToList();
            if (files.Count > DocumentLimits.MaxFilesPerFolder)
            {
                merger.NewSource(path).Error(DocumentCodes.FolderProblem, JsonPath.Root, $"the folder holds more than {DocumentLimits.MaxFilesPerFolder} JSON files");
                return [];
            }

            files.Sort(StringComparer.Ordinal);
            return files;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            merger.NewSource(path).Error(DocumentCodes.Unreadable, JsonPath.Root, "the folder cannot be read (" + ex.GetType().Name + ")");
            return [];
        }
    }

    internal static void AddFile(DocumentMerger merger, string file, bool graphOnly, bool documentOnly)
    {
        var source = merger.NewSource(file);
        merger.Files.Add(file);
        using var document = JsonText.ParseFile(file, DocumentLimits.MaxDocumentBytes, source);
        if (document is null)
        {
            return;
        }

        if (documentOnly || (!graphOnly && DocumentMerger.IsDocument(document.RootElement)))
        {
            merger.AddDocument(document.RootElement, source);
        }
        else
        {
            GraphImporter.AddExport(document.RootElement, source, merger);
        }
    }
}
