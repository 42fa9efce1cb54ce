using System.Net;
using BenchmarkDotNet.Attributes;
using ProtectedActions.Conditions;
using ProtectedActions.Conditions.Locations;
using ProtectedActions.Validation;

namespace ProtectedActions.Benchmarks;

/// <summary>
/// Entra's maximum configuration: 195 IP locations of 2000 ranges each (390,000 ranges). Each benchmark tests
/// one address against every location, as a policy with <c>includeLocations: ["All"]</c> minus many
/// exclusions would. Must not allocate.
/// </summary>
[MemoryDiagnoser]
public class IpMatchingBenchmarks
{
    private const int Locations = 195;
    private const int RangesPerLocation = 2000;

    private CompiledNamedLocation[] _locations = [];
    private IPAddress _miss = IPAddress.None;
    private IPAddress _hitInLast = IPAddress.None;
    private IPAddress _v6Miss = IPAddress.None;
    private IPAddress _mappedHit = IPAddress.None;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        var issues = new IssueCollector();
        _locations = new CompiledNamedLocation[Locations];
        for (var l = 0; l < Locations; l++)
        {
            var ranges = new List<IpRange>(RangesPerLocation);
            for (var r = 0; r < RangesPerLocation; r++)
            {
                // Mostly /24../32 IPv4 ranges in 100.0.0.0/8 and 11.0.0.0/8, a tenth IPv6 /48s; the last
                // location also holds 203.0.113.0/24, the only range the "hit" addresses fall in.
                var cidr = l == Locations - 1 && r == 0
                    ? "203.0.113.0/24"
                    : r % 10 == 9
                        ? $"2001:db8:{random.Next(0x10000):x}::/48"
                        : $"{(r % 2 == 0 ? 100 : 11)}.{random.Next(256)}.{random.Next(256)}.0/{random.Next(24, 33)}";
                ranges.Add(new IpRange { CidrAddress = cidr });
            }

            _locations[l] = CompiledNamedLocation.Compile(new NamedLocation { Id = "loc" + l, IpRanges = ranges }, "bench", issues)
                ?? throw new InvalidOperationException(string.Join("; ", issues.Issues));
        }

        _miss = IPAddress.Parse("198.51.100.7");
        _hitInLast = IPAddress.Parse("203.0.113.7");
        _v6Miss = IPAddress.Parse("2001:db9::1");
        _mappedHit = IPAddress.Parse("::ffff:203.0.113.7");
    }

    [Benchmark(Baseline = true)]
    public int Ipv4MissesAll() => CountMatches(_miss);

    [Benchmark]
    public int Ipv4HitsLast() => CountMatches(_hitInLast);

    [Benchmark]
    public int Ipv6MissesAll() => CountMatches(_v6Miss);

    [Benchmark]
    public int MappedIpv4HitsLast() => CountMatches(_mappedHit);

    [Benchmark]
    public int Ipv4MissesAllWithPreparedKey()
    {
        IpAddressKey.TryCreate(_miss, out var key);
        var matches = 0;
        foreach (var location in _locations)
        {
            matches += location.Contains(key, true, null, false) == ConditionMatch.Match ? 1 : 0;
        }

        return matches;
    }

    private int CountMatches(IPAddress address)
    {
        var matches = 0;
        foreach (var location in _locations)
        {
            matches += location.Contains(address, null, false) == ConditionMatch.Match ? 1 : 0;
        }

        return matches;
    }
}
