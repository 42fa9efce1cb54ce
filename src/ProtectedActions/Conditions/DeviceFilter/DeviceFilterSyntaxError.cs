namespace ProtectedActions.Conditions.DeviceFilter;

/// <summary>Why a rule was rejected; decides the validation code.</summary>
internal enum DeviceFilterErrorKind : byte
{
    /// <summary>A syntax or type error: unknown property or operator, wrong value, unbalanced parentheses, ... (the default, so an unset error still reads as an error).</summary>
    Syntax,
    /// <summary>No rule text at all.</summary>
    Empty,
    /// <summary>Longer than <see cref="DeviceFilterParser.MaxLength"/>.</summary>
    TooLong,
    /// <summary>Syntax Entra's wider rule language has but device filters do not (<c>-not</c>, <c>-match</c>, <c>-notMatch</c>).</summary>
    Unsupported,
}

/// <summary>A rejected rule: the 1-based character position the problem was found at and what was expected.</summary>
internal readonly struct DeviceFilterSyntaxError
{
    public DeviceFilterSyntaxError(DeviceFilterErrorKind kind, int position, string message)
    {
        Kind = kind;
        Position = position;
        Message = message;
    }

    public DeviceFilterErrorKind Kind { get; }
    /// <summary>1-based index of the character where the problem starts (the first character is 1).</summary>
    public int Position { get; }
    /// <summary>The problem without the rule and position, for example <c>operator -contains is not allowed for isCompliant (allowed: -eq, -ne)</c>.</summary>
    public string Message { get; }

    /// <summary>
    /// <c>&lt;rule&gt;: &lt;message&gt; at &lt;position&gt;</c>. The rule is quoted verbatim up to 120 characters
    /// (longer rules are cut to 117 plus <c>...</c>) with control characters shown as spaces, so a message
    /// stays on one line; an empty rule has no prefix and no position.
    /// </summary>
    public string Format(string? rule)
    {
        if (Kind == DeviceFilterErrorKind.Empty)
        {
            return Message;
        }

        return string.Concat(Excerpt(rule ?? string.Empty), ": ", Message ?? "invalid rule", " at ",
            Position.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static string Excerpt(string rule)
    {
        const int Max = 120;
        var text = rule.Length <= Max ? rule : string.Concat(rule.AsSpan(0, Max - 3), "...");
        return string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? ' ' : source[i];
            }
        });
    }
}
