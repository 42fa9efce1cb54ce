using System.Net;
using ProtectedActions.Conditions;
using ProtectedActions.Conditions.Locations;
using ProtectedActions.Validation;

namespace ProtectedActions.Tests.Locations;

internal sealed class IpNamedLocationTests
{
    private const string Path = "ProtectedActions:NamedLocations[0]";

    internal static CompiledNamedLocation CompileIp(bool trusted, params string[] cidrs)
    {
        var issues = new IssueCollector();
        var location = CompiledNamedLocation.Compile(new NamedLocation
        {
            ODataType = "#microsoft.graph.ipNamedLocation",
            Id = "loc",
            IsTrusted = trusted,
            IpRanges = cidrs.Select(c => new IpRange { CidrAddress = c }).ToList(),
        }, Path, issues);
        issues.HasErrors.Should().BeFalse(string.Join("; ", issues.Issues));
        return location!;
    }

    [TestCase("203.0.113.0", ConditionMatch.Match)]
    [TestCase("203.0.113.255", ConditionMatch.Match)]
    [TestCase("203.0.113.77", ConditionMatch.Match)]
    [TestCase("203.0.112.255", ConditionMatch.NoMatch)]
    [TestCase("203.0.114.0", ConditionMatch.NoMatch)]
    [TestCase("198.51.100.9", ConditionMatch.Match)]
    [TestCase("198.51.100.8", ConditionMatch.NoMatch)]
    [TestCase("198.51.100.10", ConditionMatch.NoMatch)]
    [TestCase("2001:db8:abcd::1", ConditionMatch.Match)]
    [TestCase("2001:db8:abcd:ffff:ffff:ffff:ffff:ffff", ConditionMatch.Match)]
    [TestCase("2001:db8:abce::", ConditionMatch.NoMatch)]
    [TestCase("2001:db8:abcc:ffff:ffff:ffff:ffff:ffff", ConditionMatch.NoMatch)]
    [TestCase("::ffff:203.0.113.5", ConditionMatch.Match)]
    [TestCase("::ffff:203.0.114.5", ConditionMatch.NoMatch)]
    [TestCase("::203.0.113.5", ConditionMatch.NoMatch)] // IPv4-compatible (deprecated) is IPv6, not IPv4
    [TestCase("fe80::1%3", ConditionMatch.NoMatch)]
    public void Addresses_match_their_ranges(string address, ConditionMatch expected)
    {
        var location = CompileIp(false, "203.0.113.0/24", "198.51.100.9/32", "2001:db8:abcd::/48");
        location.Contains(IPAddress.Parse(address), null, false).Should().Be(expected);
        IpAddressKey.TryCreate(IPAddress.Parse(address), out var key).Should().BeTrue();
        location.Contains(key, true, null, false).Should().Be(expected);
    }

    [Test]
    public void A_missing_address_is_unknown_not_a_miss()
    {
        var location = CompileIp(false, "203.0.113.0/24");
        location.Contains(null, "US", true).Should().Be(ConditionMatch.Unknown);
        location.Contains(default, false, null, false).Should().Be(ConditionMatch.Unknown);
    }

    [Test]
    public void Mapped_addresses_match_IPv4_ranges_and_not_IPv6_ones()
    {
        var v4 = CompileIp(false, "10.1.0.0/16");
        var v6 = CompileIp(false, "::/8");
        var mapped = IPAddress.Parse("10.1.2.3").MapToIPv6();
        v4.Contains(mapped, null, false).Should().Be(ConditionMatch.Match);
        v6.Contains(mapped, null, false).Should().Be(ConditionMatch.NoMatch);
    }

    [Test]
    public void The_ends_of_the_address_space_are_reachable()
    {
        var location = CompileIp(false, "0.0.0.0/8", "255.0.0.0/8", "ff00::/8");
        location.Contains(IPAddress.Parse("0.0.0.0"), null, false).Should().Be(ConditionMatch.Match);
        location.Contains(IPAddress.Parse("255.255.255.255"), null, false).Should().Be(ConditionMatch.Match);
        location.Contains(IPAddress.Parse("1.0.0.0"), null, false).Should().Be(ConditionMatch.NoMatch);
        location.Contains(IPAddress.Parse("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"), null, false).Should().Be(ConditionMatch.Match);
        location.Contains(IPAddress.Parse("::"), null, false).Should().Be(ConditionMatch.NoMatch);
    }

    [Test]
    public void Overlapping_and_adjacent_ranges_merge()
    {
        var location = CompileIp(false, "10.0.0.0/24", "10.0.1.0/24", "10.0.0.128/25", "10.0.3.0/24", "10.0.0.0/16");
        location.IntervalCount.Should().Be(1);
        location.Contains(IPAddress.Parse("10.0.255.255"), null, false).Should().Be(ConditionMatch.Match);
        location.Contains(IPAddress.Parse("10.1.0.0"), null, false).Should().Be(ConditionMatch.NoMatch);

        var split = CompileIp(false, "10.0.0.0/24", "10.0.1.0/24", "10.0.3.0/24");
        split.IntervalCount.Should().Be(2);
        split.Contains(IPAddress.Parse("10.0.2.1"), null, false).Should().Be(ConditionMatch.NoMatch);
    }

    [TestCase(true)]
    [TestCase(false)]
    public void IsTrusted_comes_from_the_configuration(bool trusted)
    {
        var location = CompileIp(trusted, "203.0.113.0/24");
        location.IsTrusted.Should().Be(trusted);
        location.IsCountryLocation.Should().BeFalse();
        location.Id.Should().Be("loc");
    }

    [Test]
    public void An_IP_location_ignores_the_country()
    {
        var location = CompileIp(false, "203.0.113.0/24");
        location.Contains(IPAddress.Parse("198.51.100.1"), "US", true).Should().Be(ConditionMatch.NoMatch);
        location.NeedsCountry.Should().BeFalse();
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void Random_IPv4_ranges_agree_with_a_linear_scan(int seed)
    {
        var random = new Random(seed);
        var ranges = Enumerable.Range(0, 300).Select(_ => ((uint)random.NextInt64(0, 1L << 32), random.Next(8, 33))).ToList();
        var location = CompileIp(false, ranges.Select(r => $"{new IPAddress(BitConverter.GetBytes(System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(r.Item1)))}/{r.Item2}").ToArray());
        var hits = 0;
        for (var i = 0; i < 5000; i++)
        {
            // Half the probes land on a range boundary (or one off it), where off-by-one errors live.
            uint address;
            if (i % 2 == 0)
            {
                address = (uint)random.NextInt64(0, 1L << 32);
            }
            else
            {
                var (start, prefix) = ranges[random.Next(ranges.Count)];
                var mask = prefix == 32 ? uint.MaxValue : ~(uint.MaxValue >> prefix);
                var network = start & mask;
                address = random.Next(4) switch
                {
                    0 => network,
                    1 => network | ~mask,
                    2 => network - 1,
                    _ => (network | ~mask) + 1,
                };
            }

            var expected = ranges.Any(r =>
            {
                var mask = r.Item2 == 32 ? uint.MaxValue : ~(uint.MaxValue >> r.Item2);
                return (address & mask) == (r.Item1 & mask);
            });
            var ip = new IPAddress(BitConverter.GetBytes(System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(address)));
            location.Contains(ip, null, false).Should().Be(expected ? ConditionMatch.Match : ConditionMatch.NoMatch, ip.ToString());
            hits += expected ? 1 : 0;
        }

        hits.Should().BeInRange(500, 4500);
    }

    [TestCase(4)]
    [TestCase(5)]
    public void Random_IPv6_ranges_agree_with_a_linear_scan(int seed)
    {
        var random = new Random(seed);
        UInt128 RandomV6() => new((ulong)random.NextInt64() ^ ((ulong)random.Next() << 40), (ulong)random.NextInt64());
        static UInt128 Mask(int prefix) => prefix == 0 ? UInt128.Zero : UInt128.MaxValue << (128 - prefix);
        static IPAddress ToIp(UInt128 value)
        {
            var bytes = new byte[16];
            System.Buffers.Binary.BinaryPrimitives.WriteUInt128BigEndian(bytes, value);
            return new IPAddress(bytes);
        }

        // Keep clear of ::ffff:0:0/96 so no generated range is an IPv4-mapped one.
        var ranges = Enumerable.Range(0, 200).Select(_ => (RandomV6() | ((UInt128)1 << 127), random.Next(8, 129))).ToList();
        var location = CompileIp(false, ranges.Select(r => $"{ToIp(r.Item1)}/{r.Item2}").ToArray());
        var hits = 0;
        for (var i = 0; i < 3000; i++)
        {
            var (start, prefix) = ranges[random.Next(ranges.Count)];
            var network = start & Mask(prefix);
            var address = random.Next(5) switch
            {
                0 => network,
                1 => network | ~Mask(prefix),
                2 => network - 1,
                3 => (network | ~Mask(prefix)) + 1,
                _ => RandomV6() | ((UInt128)1 << 127),
            };
            var expected = ranges.Any(r => (address & Mask(r.Item2)) == (r.Item1 & Mask(r.Item2)));
            location.Contains(ToIp(address), null, false).Should().Be(expected ? ConditionMatch.Match : ConditionMatch.NoMatch);
            hits += expected ? 1 : 0;
        }

        hits.Should().BeInRange(300, 2700);
    }

    [Test]
    public void Address_keys_reduce_mapped_addresses_to_IPv4()
    {
        IpAddressKey.TryCreate(null, out _).Should().BeFalse();
        IpAddressKey.TryCreate(IPAddress.Parse("::ffff:192.0.2.1"), out var mapped).Should().BeTrue();
        mapped.IsV6.Should().BeFalse();
        mapped.Value.Should().Be((UInt128)0xC0000201u);
        IpAddressKey.TryCreate(IPAddress.Parse("2001:db8::1"), out var v6).Should().BeTrue();
        v6.IsV6.Should().BeTrue();
    }
}
