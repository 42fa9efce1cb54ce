using System.Text;

namespace ProtectedActions.Configuration.Documents;

/// <summary>
/// Reads a JSON file or stream within a size bound and turns it into UTF-8 without a byte-order mark:
/// UTF-8 (with or without a BOM) and UTF-16 LE/BE with a BOM are accepted; UTF-32 is refused.
/// </summary>
internal static class JsonInput
{
    /// <summary>Reads at most <paramref name="maxBytes"/> from a file; returns an error message instead of throwing.</summary>
    public static byte[]? ReadFile(string path, int maxBytes, out string? error)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.SequentialScan);
            if (stream.Length > maxBytes)
            {
                error = $"the file is {stream.Length} bytes, more than the {maxBytes} bytes allowed";
                return null;
            }

            return ReadStream(stream, maxBytes, out error);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException or System.Security.SecurityException)
        {
            error = ex is FileNotFoundException or DirectoryNotFoundException ? "the file does not exist" : "the file cannot be read (" + ex.GetType().Name + ")";
            return null;
        }
    }

    /// <summary>Reads at most <paramref name="maxBytes"/> from a stream; more is an error.</summary>
    public static byte[]? ReadStream(Stream stream, int maxBytes, out string? error)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                error = $"the input is larger than the {maxBytes} bytes allowed";
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        error = null;
        return buffer.ToArray();
    }

    /// <summary>Returns the UTF-8 text of <paramref name="raw"/> without a BOM, or an error message.</summary>
    public static ReadOnlyMemory<byte> Decode(byte[] raw, out string? error)
    {
        error = null;
        var span = raw.AsSpan();
        if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return raw.AsMemory(3);
        }

        if (span.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0x00, 0x00]) || span.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]))
        {
            error = "UTF-32 text is not supported; save the file as UTF-8 or UTF-16";
            return ReadOnlyMemory<byte>.Empty;
        }

        var bigEndian = span.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]);
        if (bigEndian || span.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            if (span.Length % 2 != 0)
            {
                error = "the UTF-16 text has an odd number of bytes";
                return ReadOnlyMemory<byte>.Empty;
            }

            try
            {
                var utf16 = new UnicodeEncoding(bigEndian, byteOrderMark: false, throwOnInvalidBytes: true);
                var text = utf16.GetString(raw, 2, raw.Length - 2);
                return new UTF8Encoding(false, true).GetBytes(text);
            }
            catch (ArgumentException)
            {
                error = "the UTF-16 text is not well-formed";
                return ReadOnlyMemory<byte>.Empty;
            }
        }

        // No BOM: UTF-8. The JSON reader validates the encoding.
        return raw;
    }
}
