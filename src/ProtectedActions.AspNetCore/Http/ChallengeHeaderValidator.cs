namespace ProtectedActions.AspNetCore;

/// <summary>
/// Checks a <c>WWW-Authenticate</c> value once more just before it is written: the core builds challenges only
/// from validated parts, but a header is where an injection would land, so the HTTP layer does not take that on
/// trust. Linear, no allocation.
/// </summary>
internal static class ChallengeHeaderValidator
{
    // Far above any real challenge (an Entra claims challenge is ~250 characters) and below server header limits.
    internal const int MaxLength = 4096;

    /// <summary>Whether <paramref name="value"/> is a Bearer challenge of visible ASCII and spaces whose quoted strings are closed.</summary>
    public static bool IsSafe(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxLength || !value.StartsWith("Bearer", StringComparison.Ordinal))
        {
            return false;
        }

        var inQuotes = false;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c is < ' ' or > '~')
            {
                return false; // CR, LF, NUL, other controls, DEL, non-ASCII
            }

            if (!inQuotes)
            {
                if (c == '"')
                {
                    inQuotes = true;
                }

                continue;
            }

            if (c == '\\')
            {
                if (++i >= value.Length || value[i] is < ' ' or > '~')
                {
                    return false;
                }
            }
            else if (c == '"')
            {
                inQuotes = false;
            }
        }

        return !inQuotes;
    }
}
