namespace ProtectedActions.Configuration.Shape;

/// <summary>Text from a configuration or sign-in document made safe to print in an issue message.</summary>
internal static class PrintableText
{
    /// <summary>A property name or value shortened and stripped of control characters, safe to print.</summary>
    public static string Of(string text, int max = 64)
    {
        var s = text.Length > max ? text[..max] + "…" : text;
        return string.Create(s.Length, s, static (span, src) =>
        {
            for (var i = 0; i < src.Length; i++)
            {
                span[i] = char.IsControl(src[i]) ? '?' : src[i];
            }
        });
    }
}
