namespace ProtectedActions.AspNetCore;

/// <summary>
/// Checks a permission's shape where it is declared (start-up), so that a typo fails the host at start
/// rather than silently leaving an endpoint unprotected-looking.
/// </summary>
internal static class PermissionName
{
    // The same bounds the core's configuration validation applies to assignments (docs/decisions.md, Model 2).
    internal const int MaxLength = 512;
    internal const int MinSegments = 3;
    internal const int MaxSegments = 10;

    public static void ThrowIfInvalid(string permission)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(permission);
        if (!IsValid(permission))
        {
            throw new ArgumentException(
                "A permission has the shape namespace/entity[/property]/verb: 3 to 10 non-empty '/'-separated segments of ASCII letters, digits, '.', '-' or '_', at most 512 characters.",
                nameof(permission));
        }
    }

    public static bool IsValid(string permission)
    {
        if (permission.Length is 0 or > MaxLength)
        {
            return false;
        }

        var segments = 1;
        var segmentLength = 0;
        foreach (var c in permission)
        {
            if (c == '/')
            {
                if (segmentLength == 0)
                {
                    return false;
                }

                if (++segments > MaxSegments)
                {
                    return false;
                }

                segmentLength = 0;
                continue;
            }

            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_'))
            {
                return false;
            }

            segmentLength++;
        }

        return segmentLength > 0 && segments >= MinSegments;
    }
}
