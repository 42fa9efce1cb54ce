using Microsoft.Extensions.Configuration;

namespace ProtectedActions;

/// <summary>An IP range: <c>#microsoft.graph.iPv4CidrRange</c> or <c>#microsoft.graph.iPv6CidrRange</c>.</summary>
public sealed class IpRange
{
    /// <summary>The Graph type (optional; the address says which family it is).</summary>
    [ConfigurationKeyName("@odata.type")]
    public string? ODataType { get; set; }
    /// <summary>The range in CIDR notation, for example <c>203.0.113.0/24</c>.</summary>
    public string? CidrAddress { get; set; }
}
