using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace ProtectedActions.Conditions.Locations;

/// <summary>
/// An address reduced to a number for range lookups: IPv4 as a <see cref="uint"/>, IPv6 as a <see cref="UInt128"/>.
/// IPv4-mapped IPv6 addresses (<c>::ffff:203.0.113.7</c>) become their IPv4 address, so dual-stack servers
/// match IPv4 ranges. Create it once per request and test it against every location without allocating.
/// </summary>
internal readonly struct IpAddressKey
{
    private IpAddressKey(bool isV6, UInt128 value)
    {
        IsV6 = isV6;
        Value = value;
    }

    public bool IsV6 { get; }

    /// <summary>The address as a big-endian number; an IPv4 address uses the low 32 bits.</summary>
    public UInt128 Value { get; }

    public static IpAddressKey FromV4(uint value) => new(false, value);

    public static IpAddressKey FromV6(UInt128 value) => new(true, value);

    /// <summary>Converts <paramref name="address"/>; false for null and for families other than IPv4/IPv6.</summary>
    public static bool TryCreate(IPAddress? address, out IpAddressKey key)
    {
        key = default;
        if (address is null)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[16];
        switch (address.AddressFamily)
        {
            case AddressFamily.InterNetwork:
                if (!address.TryWriteBytes(bytes, out var written) || written != 4)
                {
                    return false;
                }

                key = FromV4(BinaryPrimitives.ReadUInt32BigEndian(bytes));
                return true;

            case AddressFamily.InterNetworkV6:
                if (!address.TryWriteBytes(bytes, out written) || written != 16)
                {
                    return false;
                }

                key = address.IsIPv4MappedToIPv6
                    ? FromV4(BinaryPrimitives.ReadUInt32BigEndian(bytes[12..]))
                    : FromV6(BinaryPrimitives.ReadUInt128BigEndian(bytes));
                return true;

            default:
                return false;
        }
    }
}
