using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace ProtectedActions.Conditions.Locations;

/// <summary>Why a CIDR string was rejected.</summary>
internal enum CidrError : byte
{
    None,
    Malformed,
    TooWide,
}

/// <summary>
/// A parsed CIDR range as an inclusive [start, end] interval. Parsing is strict: dotted-quad IPv4 with four
/// decimal parts and no leading zeros (IPAddress.Parse would accept <c>10.1</c> or <c>0x0a.0.0.1</c>), IPv6
/// without zone ids or brackets, and a decimal prefix length is required.
/// </summary>
internal readonly struct CidrRange
{
    /// <summary>Masks wider than this are rejected, as Entra rejects them (applies to IPv4 and IPv6 alike).</summary>
    public const int MinPrefixLength = 8;

    private const int MaxTextLength = 64;

    private CidrRange(bool isV6, UInt128 start, UInt128 end, int prefixLength, bool hostBitsSet)
    {
        IsV6 = isV6;
        Start = start;
        End = end;
        PrefixLength = prefixLength;
        HostBitsSet = hostBitsSet;
    }

    public bool IsV6 { get; }
    public UInt128 Start { get; }
    public UInt128 End { get; }
    public int PrefixLength { get; }

    /// <summary>The address had bits set below the mask (<c>203.0.113.7/24</c>); the range is the enclosing network.</summary>
    public bool HostBitsSet { get; }

    /// <summary>The network in canonical CIDR form, for messages.</summary>
    public string Network
    {
        get
        {
            Span<byte> bytes = stackalloc byte[16];
            IPAddress address;
            if (IsV6)
            {
                BinaryPrimitives.WriteUInt128BigEndian(bytes, Start);
                address = new IPAddress(bytes);
            }
            else
            {
                BinaryPrimitives.WriteUInt32BigEndian(bytes, (uint)Start);
                address = new IPAddress(bytes[..4]);
            }

            return address + "/" + PrefixLength.ToString(CultureInfo.InvariantCulture);
        }
    }

    public static CidrError TryParse(string? text, out CidrRange range, out string message)
    {
        range = default;
        var span = text.AsSpan().Trim();
        if (span.IsEmpty || span.Length > MaxTextLength)
        {
            message = "is not a CIDR range such as 203.0.113.0/24 or 2001:db8::/48";
            return CidrError.Malformed;
        }

        var slash = span.IndexOf('/');
        if (slash < 0)
        {
            message = "has no prefix length; write a single address as /32 (IPv4) or /128 (IPv6)";
            return CidrError.Malformed;
        }

        var addressText = span[..slash];
        var prefixText = span[(slash + 1)..];
        var isV6 = addressText.Contains(':');
        UInt128 value;
        if (isV6)
        {
            if (!TryParseV6(addressText, out value, out var mapped))
            {
                message = "is not a CIDR range: the IPv6 address is malformed";
                return CidrError.Malformed;
            }

            if (mapped)
            {
                // Mapped addresses are matched as IPv4, so a mapped range would never match: ask for the IPv4 form.
                message = "is an IPv4-mapped IPv6 range; write the IPv4 range instead";
                return CidrError.Malformed;
            }
        }
        else if (TryParseV4(addressText, out var v4))
        {
            value = v4;
        }
        else
        {
            message = "is not a CIDR range: the IPv4 address must be four decimal numbers 0-255 such as 203.0.113.0";
            return CidrError.Malformed;
        }

        var bits = isV6 ? 128 : 32;
        if (!TryParsePrefix(prefixText, bits, out var prefix))
        {
            message = $"is not a CIDR range: the prefix length must be a number from 0 to {bits}";
            return CidrError.Malformed;
        }

        if (prefix < MinPrefixLength)
        {
            message = $"has a /{prefix} mask; masks wider than /{MinPrefixLength} are not allowed";
            return CidrError.TooWide;
        }

        var all = isV6 ? UInt128.MaxValue : uint.MaxValue;
        var hostMask = prefix == bits ? UInt128.Zero : all >> prefix;
        var start = value & ~hostMask & all;
        range = new CidrRange(isV6, start, start | hostMask, prefix, start != value);
        message = string.Empty;
        return CidrError.None;
    }

    private static bool TryParsePrefix(ReadOnlySpan<char> text, int bits, out int prefix)
    {
        prefix = 0;
        if (text.IsEmpty || text.Length > 3 || (text.Length > 1 && text[0] == '0'))
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            prefix = (prefix * 10) + (c - '0');
        }

        return prefix <= bits;
    }

    private static bool TryParseV4(ReadOnlySpan<char> text, out uint value)
    {
        value = 0;
        var parts = 0;
        while (true)
        {
            var dot = text.IndexOf('.');
            var part = dot < 0 ? text : text[..dot];
            if (part.IsEmpty || part.Length > 3 || (part.Length > 1 && part[0] == '0'))
            {
                return false;
            }

            var octet = 0;
            foreach (var c in part)
            {
                if (!char.IsAsciiDigit(c))
                {
                    return false;
                }

                octet = (octet * 10) + (c - '0');
            }

            if (octet > 255)
            {
                return false;
            }

            value = (value << 8) | (uint)octet;
            parts++;
            if (dot < 0)
            {
                return parts == 4;
            }

            if (parts == 4)
            {
                return false;
            }

            text = text[(dot + 1)..];
        }
    }

    private static bool TryParseV6(ReadOnlySpan<char> text, out UInt128 value, out bool mapped)
    {
        value = 0;
        mapped = false;
        // Only hex digits, colons and dots (embedded IPv4): no zone ids (%eth0), brackets or whitespace.
        foreach (var c in text)
        {
            if (!char.IsAsciiHexDigit(c) && c is not ':' and not '.')
            {
                return false;
            }
        }

        if (!IPAddress.TryParse(text, out var address) || address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[16];
        if (!address.TryWriteBytes(bytes, out var written) || written != 16)
        {
            return false;
        }

        mapped = address.IsIPv4MappedToIPv6;
        value = BinaryPrimitives.ReadUInt128BigEndian(bytes);
        return true;
    }
}
