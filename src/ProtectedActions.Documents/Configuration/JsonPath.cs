using System.Globalization;
using System.Text;

namespace ProtectedActions.Configuration.Documents;

/// <summary>Builds JSONPath-style locations (<c>$.conditionalAccessPolicies[2].conditions</c>) for issues.</summary>
internal static class JsonPath
{
    public const string Root = "$";

    public static string Property(string parent, string name)
    {
        if (IsSimple(name))
        {
            return parent + "." + name;
        }

        var sb = new StringBuilder(parent.Length + name.Length + 6).Append(parent).Append("['");
        foreach (var c in name)
        {
            if (c is '\'' or '\\')
            {
                sb.Append('\\');
            }

            sb.Append(c < ' ' ? '?' : c);
        }

        return sb.Append("']").ToString();
    }

    public static string Index(string parent, int index) => parent + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";

    private static bool IsSimple(string name)
    {
        if (name.Length == 0 || !(char.IsAsciiLetter(name[0]) || name[0] == '_'))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                return false;
            }
        }

        return true;
    }
}
