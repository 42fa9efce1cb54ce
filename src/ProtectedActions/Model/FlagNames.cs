namespace ProtectedActions.Model;

/// <summary>Names of the flags set in a value, in table order (for reports; off the hot path).</summary>
internal static class FlagNames
{
    public static string[] Of<T>((T Flag, string Name)[] table, T value)
        where T : struct, Enum
    {
        var bits = Convert.ToUInt64(value, System.Globalization.CultureInfo.InvariantCulture);
        return table.Where(x => (bits & Convert.ToUInt64(x.Flag, System.Globalization.CultureInfo.InvariantCulture)) != 0).Select(x => x.Name).ToArray();
    }
}
