namespace ProtectedActions.Conditions.Locations;

/// <summary>
/// A set of ISO 3166 alpha-2 codes as a 676-bit map (AA..ZZ), case-insensitive; lookups allocate nothing.
/// Only the shape (two ASCII letters) is checked, not the assignment list, which changes over time.
/// </summary>
internal sealed class CountryCodeSet
{
    private readonly ulong[] _bits = new ulong[((26 * 26) + 63) / 64];

    public int Count { get; private set; }

    /// <summary>The index of a two-letter code, or -1 when <paramref name="code"/> is not two ASCII letters.</summary>
    public static int IndexOf(ReadOnlySpan<char> code)
    {
        if (code.Length != 2 || !char.IsAsciiLetter(code[0]) || !char.IsAsciiLetter(code[1]))
        {
            return -1;
        }

        return ((char.ToUpperInvariant(code[0]) - 'A') * 26) + (char.ToUpperInvariant(code[1]) - 'A');
    }

    /// <summary>Adds a code; false when it is not two ASCII letters.</summary>
    public bool Add(ReadOnlySpan<char> code)
    {
        var index = IndexOf(code);
        if (index < 0)
        {
            return false;
        }

        ref var word = ref _bits[index >> 6];
        var bit = 1UL << (index & 63);
        if ((word & bit) == 0)
        {
            word |= bit;
            Count++;
        }

        return true;
    }

    public bool Contains(int index) => index >= 0 && (_bits[index >> 6] & (1UL << (index & 63))) != 0;
}
