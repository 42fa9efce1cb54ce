namespace ProtectedActions.Conditions.DeviceFilter;

/// <summary>
/// Splits a rule into tokens in one linear pass. Whitespace is space, tab, CR and LF; any other character
/// outside a string that is not part of a word or punctuation is an error (no silent skipping).
/// </summary>
internal static class DeviceFilterLexer
{
    public static bool TryTokenize(string text, List<DeviceFilterToken> tokens, out DeviceFilterSyntaxError error)
    {
        var i = 0;
        while (true)
        {
            var space = false;
            while (i < text.Length && IsWhitespace(text[i]))
            {
                i++;
                space = true;
            }

            if (i >= text.Length)
            {
                tokens.Add(new DeviceFilterToken(DeviceFilterTokenKind.End, text.Length, 0, space, null));
                error = default;
                return true;
            }

            var c = text[i];
            var start = i;
            switch (c)
            {
                case '(':
                    tokens.Add(new DeviceFilterToken(DeviceFilterTokenKind.OpenParen, i++, 1, space, null));
                    continue;
                case ')':
                    tokens.Add(new DeviceFilterToken(DeviceFilterTokenKind.CloseParen, i++, 1, space, null));
                    continue;
                case '[':
                    tokens.Add(new DeviceFilterToken(DeviceFilterTokenKind.OpenBracket, i++, 1, space, null));
                    continue;
                case ']':
                    tokens.Add(new DeviceFilterToken(DeviceFilterTokenKind.CloseBracket, i++, 1, space, null));
                    continue;
                case ',':
                    tokens.Add(new DeviceFilterToken(DeviceFilterTokenKind.Comma, i++, 1, space, null));
                    continue;
                case '"':
                    if (!TryReadString(text, ref i, out var value, out error))
                    {
                        return false;
                    }

                    tokens.Add(new DeviceFilterToken(DeviceFilterTokenKind.String, start, i - start, space, value));
                    continue;
            }

            if (!IsWordChar(c))
            {
                error = new DeviceFilterSyntaxError(DeviceFilterErrorKind.Syntax, i + 1, UnexpectedCharacter(c));
                return false;
            }

            while (i < text.Length && IsWordChar(text[i]))
            {
                i++;
            }

            tokens.Add(new DeviceFilterToken(DeviceFilterTokenKind.Word, start, i - start, space, null));
        }
    }

    public static bool IsWhitespace(char c) => c is ' ' or '\t' or '\r' or '\n';

    private static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_';

    // On entry text[i] is the opening quote; on success i is just past the closing quote.
    private static bool TryReadString(string text, ref int i, out string value, out DeviceFilterSyntaxError error)
    {
        var open = i;
        i++;
        System.Text.StringBuilder? unescaped = null;
        var segmentStart = i;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '"')
            {
                value = unescaped is null
                    ? text.Substring(segmentStart, i - segmentStart)
                    : unescaped.Append(text, segmentStart, i - segmentStart).ToString();
                i++;
                error = default;
                return true;
            }

            if (c == '\\')
            {
                if (i + 1 >= text.Length)
                {
                    break; // unterminated
                }

                var next = text[i + 1];
                if (next is not ('"' or '\\'))
                {
                    value = string.Empty;
                    error = new DeviceFilterSyntaxError(DeviceFilterErrorKind.Syntax, i + 1,
                        "unsupported escape sequence in a string (only \\\" and \\\\ are allowed)");
                    return false;
                }

                unescaped ??= new System.Text.StringBuilder();
                unescaped.Append(text, segmentStart, i - segmentStart).Append(next);
                i += 2;
                segmentStart = i;
                continue;
            }

            if (char.IsControl(c))
            {
                value = string.Empty;
                error = new DeviceFilterSyntaxError(DeviceFilterErrorKind.Syntax, i + 1,
                    "control characters are not allowed in a string");
                return false;
            }

            i++;
        }

        value = string.Empty;
        error = new DeviceFilterSyntaxError(DeviceFilterErrorKind.Syntax, open + 1, "unterminated string (missing closing \")");
        return false;
    }

    private static string UnexpectedCharacter(char c)
    {
        var shown = c is >= ' ' and <= '~' ? "'" + c + "'" : "U+" + ((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture);
        var hint = c switch
        {
            '\'' => " (string values use double quotes)",
            '=' or '!' or '<' or '>' => " (compare with operators such as -eq and -ne)",
            '&' or '|' => " (combine comparisons with -and and -or)",
            _ => string.Empty,
        };
        return "unexpected character " + shown + hint;
    }
}
