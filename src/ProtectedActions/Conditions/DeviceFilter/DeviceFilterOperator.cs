namespace ProtectedActions.Conditions.DeviceFilter;

/// <summary>The comparison operators of the device filter rule language (docs/reference/device-filters.md).</summary>
internal enum DeviceFilterOperator : byte
{
    Eq,
    Ne,
    StartsWith,
    NotStartsWith,
    EndsWith,
    NotEndsWith,
    Contains,
    NotContains,
    In,
    NotIn,
}

/// <summary>Spellings and the positive/negative split of <see cref="DeviceFilterOperator"/>.</summary>
internal static class DeviceFilterOperators
{
    private static readonly string[] Spellings =
        ["-eq", "-ne", "-startsWith", "-notStartsWith", "-endsWith", "-notEndsWith", "-contains", "-notContains", "-in", "-notIn"];

    /// <summary>The canonical spelling, for example <c>-notStartsWith</c>.</summary>
    public static string Spelling(DeviceFilterOperator op) => Spellings[(int)op];

    /// <summary>
    /// Negative operators match when the property is null (unknown device, property not reported): Entra
    /// documents that <c>-ne</c>, <c>-notStartsWith</c>, <c>-notEndsWith</c>, <c>-notContains</c> and <c>-notIn</c> do.
    /// </summary>
    public static bool IsNegative(DeviceFilterOperator op) =>
        op is DeviceFilterOperator.Ne or DeviceFilterOperator.NotStartsWith or DeviceFilterOperator.NotEndsWith
            or DeviceFilterOperator.NotContains or DeviceFilterOperator.NotIn;

    /// <summary>Looks an operator up by its spelling, ignoring case (operators and keywords are case-insensitive).</summary>
    public static bool TryFind(ReadOnlySpan<char> spelling, out DeviceFilterOperator op)
    {
        for (var i = 0; i < Spellings.Length; i++)
        {
            if (spelling.Equals(Spellings[i], StringComparison.OrdinalIgnoreCase))
            {
                op = (DeviceFilterOperator)i;
                return true;
            }
        }

        op = default;
        return false;
    }
}
