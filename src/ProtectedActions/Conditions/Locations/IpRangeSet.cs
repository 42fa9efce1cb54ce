namespace ProtectedActions.Conditions.Locations;

/// <summary>
/// The ranges of an IP location, sorted and merged into disjoint intervals per family, looked up by binary
/// search: O(log n) per address and no allocation. IPv4 bounds are kept as <see cref="uint"/> so the common
/// case compares machine words.
/// </summary>
internal sealed class IpRangeSet
{
    private readonly uint[] _v4Starts;
    private readonly uint[] _v4Ends;
    private readonly UInt128[] _v6Starts;
    private readonly UInt128[] _v6Ends;

    public IpRangeSet(IReadOnlyList<CidrRange> ranges)
    {
        var v4 = new List<(UInt128 Start, UInt128 End)>();
        var v6 = new List<(UInt128 Start, UInt128 End)>();
        foreach (var range in ranges)
        {
            (range.IsV6 ? v6 : v4).Add((range.Start, range.End));
        }

        var mergedV4 = Merge(v4);
        _v4Starts = new uint[mergedV4.Count];
        _v4Ends = new uint[mergedV4.Count];
        for (var i = 0; i < mergedV4.Count; i++)
        {
            _v4Starts[i] = (uint)mergedV4[i].Start;
            _v4Ends[i] = (uint)mergedV4[i].End;
        }

        var mergedV6 = Merge(v6);
        _v6Starts = new UInt128[mergedV6.Count];
        _v6Ends = new UInt128[mergedV6.Count];
        for (var i = 0; i < mergedV6.Count; i++)
        {
            _v6Starts[i] = mergedV6[i].Start;
            _v6Ends[i] = mergedV6[i].End;
        }
    }

    /// <summary>Disjoint intervals after merging (for tests and diagnostics).</summary>
    public int IntervalCount => _v4Starts.Length + _v6Starts.Length;

    public bool Contains(in IpAddressKey address)
    {
        if (!address.IsV6)
        {
            var value = (uint)address.Value;
            var index = LastStartAtOrBelow(_v4Starts, value);
            return index >= 0 && value <= _v4Ends[index];
        }

        var wide = address.Value;
        var i = LastStartAtOrBelow(_v6Starts, wide);
        return i >= 0 && wide <= _v6Ends[i];
    }

    /// <summary>Index of the last range starting at or below <paramref name="value"/>, or -1 (binary search; starts are strictly increasing).</summary>
    private static int LastStartAtOrBelow<T>(T[] starts, T value)
        where T : System.Numerics.IComparisonOperators<T, T, bool>
    {
        int low = 0, high = starts.Length - 1, found = -1;
        while (low <= high)
        {
            var mid = low + ((high - low) >> 1);
            if (starts[mid] <= value)
            {
                found = mid;
                low = mid + 1;
            }
            else
            {
                high = mid - 1;
            }
        }

        return found;
    }

    // Sorts by start and joins overlapping or adjacent intervals, so the starts are strictly increasing and
    // the last start at or below an address identifies the only interval that can contain it.
    private static List<(UInt128 Start, UInt128 End)> Merge(List<(UInt128 Start, UInt128 End)> intervals)
    {
        intervals.Sort(static (a, b) => a.Start.CompareTo(b.Start));
        var merged = new List<(UInt128 Start, UInt128 End)>(intervals.Count);
        foreach (var interval in intervals)
        {
            if (merged.Count > 0)
            {
                var last = merged[^1];
                // last.End + 1 cannot overflow past the end of the address space here unless last.End is the
                // maximum, in which case everything after is already covered.
                if (last.End == UInt128.MaxValue || interval.Start <= last.End + 1)
                {
                    if (interval.End > last.End)
                    {
                        merged[^1] = (last.Start, interval.End);
                    }

                    continue;
                }
            }

            merged.Add(interval);
        }

        return merged;
    }
}
