using Microsoft.Extensions.Configuration;

namespace ProtectedActions;

/// <summary>
/// A named location in the Graph shape: <c>#microsoft.graph.ipNamedLocation</c> (IP ranges),
/// <c>#microsoft.graph.countryNamedLocation</c> (countries and regions) or
/// <c>#microsoft.graph.compliantNetworkNamedLocation</c> (Global Secure Access compliant network, whose
/// membership a resource server cannot see: always unknown).
/// </summary>
public sealed class NamedLocation
{
    /// <summary>The Graph type, <c>#microsoft.graph.ipNamedLocation</c> or <c>#microsoft.graph.countryNamedLocation</c>. When absent the kind follows from which of <see cref="IpRanges"/> or <see cref="CountriesAndRegions"/> is set.</summary>
    [ConfigurationKeyName("@odata.type")]
    public string? ODataType { get; set; }
    /// <summary>The id policies reference.</summary>
    public string? Id { get; set; }
    /// <summary>The display name.</summary>
    public string? DisplayName { get; set; }
    /// <summary>Whether the location is trusted (<c>AllTrusted</c>).</summary>
    public bool IsTrusted { get; set; }
    /// <summary>IPv4 and IPv6 CIDR ranges.</summary>
    public List<IpRange>? IpRanges { get; set; }
    /// <summary>ISO 3166 alpha-2 codes.</summary>
    public List<string>? CountriesAndRegions { get; set; }
    /// <summary>Whether addresses that map to no country match.</summary>
    public bool IncludeUnknownCountriesAndRegions { get; set; }
    /// <summary>
    /// For <c>#microsoft.graph.compliantNetworkNamedLocation</c>: the Graph <c>compliantNetworkType</c>, for example
    /// <c>allTenantCompliantNetworks</c>. Whether a sign-in came through the compliant network is known only to
    /// Entra, so membership of such a location is always unknown here.
    /// </summary>
    public string? CompliantNetworkType { get; set; }
    /// <summary><c>clientIpAddress</c> (default) or <c>authenticatorAppGps</c> (not available to a resource server).</summary>
    public string? CountryLookupMethod { get; set; }
}
