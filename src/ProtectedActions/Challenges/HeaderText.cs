using System.Text;

namespace ProtectedActions.Challenges;

/// <summary>Character classes of HTTP (RFC 9110) and Bearer (RFC 6750) header text, and quoted-string writing.</summary>
internal static class HeaderText
{
    /// <summary>RFC 9110 <c>tchar</c>.</summary>
    public static bool IsTokenChar(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9')
        or '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or '-' or '.' or '^' or '_' or '`' or '|' or '~';

    /// <summary>RFC 9110 <c>token68</c> characters (without the trailing <c>=</c> padding).</summary>
    public static bool IsToken68Char(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9')
        or '-' or '.' or '_' or '~' or '+' or '/';

    /// <summary>Printable ASCII (SP to <c>~</c>): what a quoted-string may carry once escaped.</summary>
    public static bool IsPrintableAscii(string value)
    {
        foreach (var c in value)
        {
            if (c is < ' ' or > '~')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// RFC 6750 §3 text for <c>error</c>/<c>error_description</c>: %x20-21 / %x23-5B / %x5D-7E (printable
    /// ASCII without <c>"</c> and <c>\</c>).
    /// </summary>
    public static bool IsBearerErrorText(string value)
    {
        foreach (var c in value)
        {
            if (c is < ' ' or > '~' or '"' or '\\')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether a header value is safe to send: printable ASCII only (no CR, LF, NUL or non-ASCII).</summary>
    public static bool IsSafeHeaderValue(string value) => IsPrintableAscii(value);

    /// <summary>Appends <c>name="value"</c>, escaping <c>"</c> and <c>\</c> (RFC 9110 quoted-pair).</summary>
    public static StringBuilder AppendQuotedParameter(this StringBuilder builder, string name, string value)
    {
        builder.Append(name).Append("=\"");
        foreach (var c in value)
        {
            if (c is < ' ' or > '~')
            {
                // Unreachable after validation; never let a control or non-ASCII character into a header.
                throw new InvalidOperationException("A challenge parameter contains a character that cannot appear in an HTTP header.");
            }

            if (c is '"' or '\\')
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.Append('"');
    }
}
