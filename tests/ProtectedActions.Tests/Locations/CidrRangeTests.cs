using ProtectedActions.Conditions.Locations;

namespace ProtectedActions.Tests.Locations;

internal sealed class CidrRangeTests
{
    [TestCase("203.0.113.0/24", "203.0.113.0/24", false)]
    [TestCase("10.0.0.0/8", "10.0.0.0/8", false)]
    [TestCase("203.0.113.7/32", "203.0.113.7/32", false)]
    [TestCase(" 203.0.113.0/24 ", "203.0.113.0/24", false)]
    [TestCase("203.0.113.7/24", "203.0.113.0/24", true)]
    [TestCase("255.255.255.255/8", "255.0.0.0/8", true)]
    [TestCase("2001:db8::/32", "2001:db8::/32", false)]
    [TestCase("2001:DB8::1/128", "2001:db8::1/128", false)]
    [TestCase("2001:db8::1/32", "2001:db8::/32", true)]
    [TestCase("64:ff9b::192.0.2.0/120", "64:ff9b::c000:200/120", false)]
    public void Valid_ranges_parse_to_their_network(string text, string network, bool hostBits)
    {
        CidrRange.TryParse(text, out var range, out _).Should().Be(CidrError.None);
        range.Network.Should().Be(network);
        range.HostBitsSet.Should().Be(hostBits);
    }

    [Test]
    public void Bounds_are_inclusive_network_and_broadcast()
    {
        CidrRange.TryParse("203.0.113.0/24", out var range, out _).Should().Be(CidrError.None);
        range.IsV6.Should().BeFalse();
        range.Start.Should().Be((UInt128)0xCB007100u);
        range.End.Should().Be((UInt128)0xCB0071FFu);

        CidrRange.TryParse("2001:db8::/32", out var v6, out _).Should().Be(CidrError.None);
        v6.IsV6.Should().BeTrue();
        v6.Start.Should().Be(new UInt128(0x20010DB800000000, 0));
        v6.End.Should().Be(new UInt128(0x20010DB8FFFFFFFF, ulong.MaxValue));
    }

    [TestCase("203.0.113.0", "has no prefix length; write a single address as /32 (IPv4) or /128 (IPv6)")]
    [TestCase("203.0.113/24", "is not a CIDR range: the IPv4 address must be four decimal numbers 0-255 such as 203.0.113.0")]
    [TestCase("203.0.113.0.1/24", "is not a CIDR range: the IPv4 address must be four decimal numbers 0-255 such as 203.0.113.0")]
    [TestCase("203.0.113.256/24", "is not a CIDR range: the IPv4 address must be four decimal numbers 0-255 such as 203.0.113.0")]
    [TestCase("203.0.113.01/24", "is not a CIDR range: the IPv4 address must be four decimal numbers 0-255 such as 203.0.113.0")]
    [TestCase("0x0a.0.0.0/8", "is not a CIDR range: the IPv4 address must be four decimal numbers 0-255 such as 203.0.113.0")]
    [TestCase("203..113.0/24", "is not a CIDR range: the IPv4 address must be four decimal numbers 0-255 such as 203.0.113.0")]
    [TestCase("1.2.3.4 /24", "is not a CIDR range: the IPv4 address must be four decimal numbers 0-255 such as 203.0.113.0")]
    [TestCase("\u0661.0.0.0/8", "is not a CIDR range: the IPv4 address must be four decimal numbers 0-255 such as 203.0.113.0")]
    [TestCase("203.0.113.0/33", "is not a CIDR range: the prefix length must be a number from 0 to 32")]
    [TestCase("203.0.113.0/024", "is not a CIDR range: the prefix length must be a number from 0 to 32")]
    [TestCase("203.0.113.0/", "is not a CIDR range: the prefix length must be a number from 0 to 32")]
    [TestCase("203.0.113.0/+24", "is not a CIDR range: the prefix length must be a number from 0 to 32")]
    [TestCase("203.0.113.0/24/1", "is not a CIDR range: the prefix length must be a number from 0 to 32")]
    [TestCase("/24", "is not a CIDR range: the IPv4 address must be four decimal numbers 0-255 such as 203.0.113.0")]
    [TestCase("2001:db8::/129", "is not a CIDR range: the prefix length must be a number from 0 to 128")]
    [TestCase("fe80::1%eth0/64", "is not a CIDR range: the IPv6 address is malformed")]
    [TestCase("[2001:db8::]/32", "is not a CIDR range: the IPv6 address is malformed")]
    [TestCase("2001:db8:::/32", "is not a CIDR range: the IPv6 address is malformed")]
    [TestCase("2001:db8::g/32", "is not a CIDR range: the IPv6 address is malformed")]
    [TestCase("::ffff:10.0.0.0/104", "is an IPv4-mapped IPv6 range; write the IPv4 range instead")]
    [TestCase("", "is not a CIDR range such as 203.0.113.0/24 or 2001:db8::/48")]
    [TestCase("2001:0db8:0000:0000:0000:0000:0000:0000:0000:0000:0000:0000:0000:0000/32", "is not a CIDR range such as 203.0.113.0/24 or 2001:db8::/48")]
    public void Malformed_ranges_are_rejected(string text, string message)
    {
        CidrRange.TryParse(text, out _, out var actual).Should().Be(CidrError.Malformed);
        actual.Should().Be(message);
    }

    [TestCase("10.0.0.0/7", 7)]
    [TestCase("0.0.0.0/0", 0)]
    [TestCase("2001::/7", 7)]
    [TestCase("::/0", 0)]
    public void Masks_wider_than_slash_8_are_rejected(string text, int prefix)
    {
        CidrRange.TryParse(text, out _, out var message).Should().Be(CidrError.TooWide);
        message.Should().Be($"has a /{prefix} mask; masks wider than /8 are not allowed");
    }

    [TestCase("10.0.0.0/8")]
    [TestCase("2001::/8")]
    public void A_slash_8_mask_is_accepted(string text) =>
        CidrRange.TryParse(text, out _, out _).Should().Be(CidrError.None);
}
