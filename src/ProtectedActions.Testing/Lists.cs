namespace ProtectedActions.Testing;

/// <summary>Small list helpers shared by the builders.</summary>
internal static class Lists
{
    /// <summary>Appends <paramref name="values"/> to <paramref name="list"/>, skipping values already present (ordinal).</summary>
    public static List<string> AddDistinct(List<string>? list, IEnumerable<string> values)
    {
        list ??= [];
        foreach (var value in values)
        {
            ArgumentException.ThrowIfNullOrEmpty(value, nameof(values));
            if (!list.Contains(value, StringComparer.Ordinal))
            {
                list.Add(value);
            }
        }

        return list;
    }
}
