namespace ProtectedActions.Conditions.DeviceFilter;

internal enum DeviceFilterTokenKind : byte
{
    End,
    /// <summary>A run of ASCII letters, digits, <c>.</c>, <c>-</c>, <c>_</c>: <c>device.model</c>, <c>-eq</c>, <c>-and</c>, <c>True</c>.</summary>
    Word,
    /// <summary>A double-quoted string; <see cref="DeviceFilterToken.Value"/> holds it unescaped.</summary>
    String,
    OpenParen,
    CloseParen,
    OpenBracket,
    CloseBracket,
    Comma,
}

/// <summary>A token with its 0-based start and length in the rule, and whether whitespace precedes it.</summary>
internal readonly record struct DeviceFilterToken(DeviceFilterTokenKind Kind, int Start, int Length, bool SpaceBefore, string? Value);
