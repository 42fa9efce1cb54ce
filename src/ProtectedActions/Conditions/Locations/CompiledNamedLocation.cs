using System.Globalization;
using System.Net;
using ProtectedActions.Validation;

namespace ProtectedActions.Conditions.Locations;

/// <summary>
/// A named location compiled for allocation-free matching: an IP location holds its ranges as sorted,
/// merged intervals; a country location holds its codes as a bit map. Validation codes PA3001-PA3016 are
/// listed in docs/decisions/device-filters-and-locations.md.
/// </summary>
internal sealed class CompiledNamedLocation
{
    /// <summary>Entra's limit on ranges per IP location; more is a warning, not an error.</summary>
    public const int EntraMaxRanges = 2000;

    /// <summary>A hard bound that keeps a runaway configuration from exhausting memory at start-up.</summary>
    public const int MaxRanges = 50_000;

    private const int MaxReportedRangeErrors = 20;
    private const string IpODataType = "#microsoft.graph.ipNamedLocation";
    private const string CountryODataType = "#microsoft.graph.countryNamedLocation";
    private const string CompliantNetworkODataType = "#microsoft.graph.compliantNetworkNamedLocation";
    private const string V4RangeODataType = "#microsoft.graph.iPv4CidrRange";
    private const string V6RangeODataType = "#microsoft.graph.iPv6CidrRange";

    private readonly IpRangeSet? _ranges;
    private readonly CountryCodeSet? _countries;
    private readonly bool _includeUnknownCountries;
    private readonly bool _countryNotEvaluable;
    private readonly bool _membershipUnknowable;

    private CompiledNamedLocation(string id, bool isTrusted, IpRangeSet ranges)
    {
        Id = id;
        IsTrusted = isTrusted;
        _ranges = ranges;
    }

    private CompiledNamedLocation(string id, CountryCodeSet countries, bool includeUnknown, bool notEvaluable)
    {
        Id = id;
        IsCountryLocation = true;
        _countries = countries;
        _includeUnknownCountries = includeUnknown;
        _countryNotEvaluable = notEvaluable;
    }

    /// <summary>A location whose membership only Entra knows (a Global Secure Access compliant network): always Unknown.</summary>
    private CompiledNamedLocation(string id, bool isTrusted)
    {
        Id = id;
        IsTrusted = isTrusted;
        _membershipUnknowable = true;
    }

    public string Id { get; }

    /// <summary>Whether membership can never be told here (a compliant network location); every sign-in is Unknown.</summary>
    public bool IsMembershipUnknowable => _membershipUnknowable;

    /// <summary>Whether the location counts for <c>AllTrusted</c>; only IP locations can be trusted.</summary>
    public bool IsTrusted { get; }

    public bool IsCountryLocation { get; }

    /// <summary>
    /// Whether the location needs the sign-in's country (a country location with the client-IP lookup). A
    /// location whose lookup method is <c>authenticatorAppGps</c> never needs it: it is always Unknown.
    /// </summary>
    public bool NeedsCountry => IsCountryLocation && !_countryNotEvaluable;

    /// <summary>Disjoint IP intervals after merging; 0 for country locations.</summary>
    internal int IntervalCount => _ranges?.IntervalCount ?? 0;

    /// <summary>Compiles <paramref name="location"/> found at <paramref name="path"/>; reports problems to <paramref name="issues"/> and returns null when it cannot be used.</summary>
    public static CompiledNamedLocation? Compile(NamedLocation location, string path, IssueCollector issues)
    {
        ArgumentNullException.ThrowIfNull(location);
        var ok = true;
        if (string.IsNullOrWhiteSpace(location.Id))
        {
            issues.Error(IssueCodes.NamedLocationIdMissing, path + ":id", "a named location needs an id");
            ok = false;
        }

        var hasRanges = location.IpRanges is { Count: > 0 };
        var hasCountries = location.CountriesAndRegions is { Count: > 0 };
        bool isCountry;
        var odataType = string.IsNullOrWhiteSpace(location.ODataType) ? null : location.ODataType;
        if (string.Equals(odataType, CompliantNetworkODataType, StringComparison.OrdinalIgnoreCase)
            || (odataType is null && !string.IsNullOrWhiteSpace(location.CompliantNetworkType) && !hasRanges && !hasCountries))
        {
            return CompileCompliantNetwork(location, path, issues, hasRanges || hasCountries, ok);
        }

        // An empty @odata.type (as configuration binding can produce) is treated as absent.
        if (location.ODataType is { } type && !string.IsNullOrWhiteSpace(type))
        {
            if (string.Equals(type, IpODataType, StringComparison.OrdinalIgnoreCase))
            {
                isCountry = false;
            }
            else if (string.Equals(type, CountryODataType, StringComparison.OrdinalIgnoreCase))
            {
                isCountry = true;
            }
            else
            {
                issues.Error(IssueCodes.NamedLocationTypeUnknown, path + ":@odata.type", $"'{Shorten(type)}' is not {IpODataType}, {CountryODataType} or {CompliantNetworkODataType}");
                return null;
            }

            if (isCountry ? hasRanges : hasCountries)
            {
                issues.Error(IssueCodes.NamedLocationKindMismatch, path, isCountry
                    ? "a country location must not have ipRanges"
                    : "an IP location must not have countriesAndRegions");
                return null;
            }
        }
        else if (hasRanges && hasCountries)
        {
            issues.Error(IssueCodes.NamedLocationKindMismatch, path, $"a named location has either ipRanges or countriesAndRegions, not both; set @odata.type to {IpODataType} or {CountryODataType}");
            return null;
        }
        else if (!hasRanges && !hasCountries && !location.IncludeUnknownCountriesAndRegions)
        {
            issues.Error(IssueCodes.NamedLocationEmpty, path, "a named location needs ipRanges or countriesAndRegions");
            return null;
        }
        else
        {
            isCountry = !hasRanges;
        }

        var compiled = isCountry ? CompileCountry(location, path, issues) : CompileIp(location, path, issues);
        return ok ? compiled : null;
    }

    /// <summary>
    /// A Global Secure Access compliant network location (PA3020, warning): accepted, never matched or unmatched —
    /// whether the sign-in came through the tenant's compliant network is known only to Entra, so a policy that
    /// includes or excludes it applies with <c>notEnoughInformation</c> (an exclusion never exempts).
    /// </summary>
    private static CompiledNamedLocation? CompileCompliantNetwork(NamedLocation location, string path, IssueCollector issues, bool hasAddresses, bool ok)
    {
        if (hasAddresses)
        {
            issues.Error(IssueCodes.NamedLocationKindMismatch, path, $"a {CompliantNetworkODataType} has neither ipRanges nor countriesAndRegions");
            return null;
        }

        issues.Warning(IssueCodes.CompliantNetworkNotEvaluable, path, "a Global Secure Access compliant network location cannot be evaluated by a resource server (only Entra sees the network); membership is always unknown, so policies that include or exclude it apply with notEnoughInformation");
        return ok ? new CompiledNamedLocation(location.Id!, location.IsTrusted) : null;
    }

    private static CompiledNamedLocation? CompileIp(NamedLocation location, string path, IssueCollector issues)
    {
        var ranges = location.IpRanges;
        if (ranges is not { Count: > 0 })
        {
            issues.Error(IssueCodes.NamedLocationEmpty, path + ":ipRanges", "an IP location needs at least one range");
            return null;
        }

        if (ranges.Count > MaxRanges)
        {
            issues.Error(IssueCodes.TooManyRanges, path + ":ipRanges", $"has {ranges.Count} ranges; at most {MaxRanges} are accepted (Entra allows {EntraMaxRanges})");
            return null;
        }

        if (ranges.Count > EntraMaxRanges)
        {
            issues.Warning(IssueCodes.TooManyRangesForEntra, path + ":ipRanges", $"has {ranges.Count} ranges; Entra allows at most {EntraMaxRanges} per location, so this configuration cannot be mirrored in Entra");
        }

        var parsed = new List<CidrRange>(ranges.Count);
        var errors = 0;
        for (var i = 0; i < ranges.Count; i++)
        {
            var rangePath = path + ":ipRanges[" + i.ToString(CultureInfo.InvariantCulture) + "]";
            if (!TryCompileRange(ranges[i], rangePath, issues, errors < MaxReportedRangeErrors, out var range))
            {
                errors++;
                continue;
            }

            parsed.Add(range);
        }

        if (errors > MaxReportedRangeErrors)
        {
            issues.Error(IssueCodes.IpRangeInvalid, path + ":ipRanges", $"{errors - MaxReportedRangeErrors} more invalid ranges not listed");
        }

        if (errors > 0)
        {
            return null;
        }

        return new CompiledNamedLocation(location.Id!, location.IsTrusted, new IpRangeSet(parsed));
    }

    private static bool TryCompileRange(IpRange? item, string rangePath, IssueCollector issues, bool report, out CidrRange range)
    {
        range = default;
        if (item is null || string.IsNullOrWhiteSpace(item.CidrAddress))
        {
            if (report)
            {
                issues.Error(IssueCodes.IpRangeMissingAddress, rangePath + ":cidrAddress", "cidrAddress is required");
            }

            return false;
        }

        var error = CidrRange.TryParse(item.CidrAddress, out range, out var message);
        if (error != CidrError.None)
        {
            if (report)
            {
                issues.Error(error == CidrError.TooWide ? IssueCodes.IpRangeTooWide : IssueCodes.IpRangeInvalid, rangePath + ":cidrAddress", $"'{Shorten(item.CidrAddress)}' {message}");
            }

            return false;
        }

        if (item.ODataType is { } type && !string.IsNullOrWhiteSpace(type))
        {
            var v4 = string.Equals(type, V4RangeODataType, StringComparison.OrdinalIgnoreCase);
            var v6 = string.Equals(type, V6RangeODataType, StringComparison.OrdinalIgnoreCase);
            if ((!v4 && !v6) || v6 != range.IsV6)
            {
                if (report)
                {
                    issues.Error(IssueCodes.IpRangeTypeMismatch, rangePath + ":@odata.type", v4 || v6
                        ? $"'{Shorten(type)}' does not match the {(range.IsV6 ? "IPv6" : "IPv4")} address in cidrAddress"
                        : $"'{Shorten(type)}' is not {V4RangeODataType} or {V6RangeODataType}");
                }

                return false;
            }
        }

        if (range.HostBitsSet && report)
        {
            issues.Warning(IssueCodes.IpRangeHostBits, rangePath + ":cidrAddress", $"'{Shorten(item.CidrAddress)}' has bits set after the prefix; it is treated as {range.Network}");
        }

        return true;
    }

    private static CompiledNamedLocation? CompileCountry(NamedLocation location, string path, IssueCollector issues)
    {
        var ok = true;
        var countries = new CountryCodeSet();
        var list = location.CountriesAndRegions;
        if (list is not null)
        {
            for (var i = 0; i < list.Count; i++)
            {
                if (!countries.Add(list[i]))
                {
                    issues.Error(IssueCodes.InvalidCountryCode, path + ":countriesAndRegions[" + i.ToString(CultureInfo.InvariantCulture) + "]",
                        $"'{Shorten(list[i] ?? string.Empty)}' is not an ISO 3166 alpha-2 code such as US or DE");
                    ok = false;
                }
            }
        }

        if (ok && countries.Count == 0 && !location.IncludeUnknownCountriesAndRegions)
        {
            issues.Error(IssueCodes.NamedLocationEmpty, path + ":countriesAndRegions", "a country location needs at least one country or includeUnknownCountriesAndRegions: true");
            ok = false;
        }

        var notEvaluable = false;
        var method = location.CountryLookupMethod;
        if (!string.IsNullOrWhiteSpace(method) && !string.Equals(method, "clientIpAddress", StringComparison.OrdinalIgnoreCase))
        {
            if (string.Equals(method, "authenticatorAppGps", StringComparison.OrdinalIgnoreCase))
            {
                // The GPS location is known only to Entra and the Authenticator app; a resource server cannot see it.
                issues.Warning(IssueCodes.GpsLocationNotEvaluable, path + ":countryLookupMethod",
                    "authenticatorAppGps cannot be evaluated by a resource server; the location is always unknown, so policies that depend on it fail closed with notEnoughInformation");
                notEvaluable = true;
            }
            else
            {
                issues.Error(IssueCodes.UnknownCountryLookupMethod, path + ":countryLookupMethod", $"'{Shorten(method)}' is not clientIpAddress or authenticatorAppGps");
                ok = false;
            }
        }

        if (location.IsTrusted)
        {
            issues.Warning(IssueCodes.CountryLocationTrusted, path + ":isTrusted", "only IP locations can be trusted (as in Entra); isTrusted is ignored for a country location");
        }

        return ok ? new CompiledNamedLocation(location.Id!, countries, location.IncludeUnknownCountriesAndRegions, notEvaluable) : null;
    }

    /// <summary>
    /// Whether the sign-in is in this location. <paramref name="country"/> is the sign-in's country;
    /// <paramref name="countryKnown"/> says whether a country lookup happened (a null country after a lookup is
    /// an unknown country, not missing information).
    /// </summary>
    public ConditionMatch Contains(IPAddress? address, string? country, bool countryKnown)
    {
        if (_membershipUnknowable)
        {
            return ConditionMatch.Unknown;
        }

        if (IsCountryLocation)
        {
            return ContainsCountry(country, countryKnown);
        }

        return IpAddressKey.TryCreate(address, out var key) ? ContainsAddress(key) : ConditionMatch.Unknown;
    }

    /// <summary>
    /// As <see cref="Contains(IPAddress?, string?, bool)"/> with the address converted once by the caller
    /// (<paramref name="hasAddress"/> false when the sign-in has none).
    /// </summary>
    public ConditionMatch Contains(in IpAddressKey address, bool hasAddress, string? country, bool countryKnown)
    {
        if (_membershipUnknowable)
        {
            return ConditionMatch.Unknown;
        }

        if (IsCountryLocation)
        {
            return ContainsCountry(country, countryKnown);
        }

        return hasAddress ? ContainsAddress(address) : ConditionMatch.Unknown;
    }

    private ConditionMatch ContainsAddress(in IpAddressKey key) =>
        _ranges!.Contains(key) ? ConditionMatch.Match : ConditionMatch.NoMatch;

    private ConditionMatch ContainsCountry(string? country, bool countryKnown)
    {
        if (_countryNotEvaluable)
        {
            return ConditionMatch.Unknown;
        }

        if (country is not null)
        {
            var index = CountryCodeSet.IndexOf(country);
            if (index < 0)
            {
                // Not a two-letter code: a broken resolver or claim. Fail closed rather than guess.
                return ConditionMatch.Unknown;
            }

            return _countries!.Contains(index) ? ConditionMatch.Match : ConditionMatch.NoMatch;
        }

        if (countryKnown)
        {
            return _includeUnknownCountries ? ConditionMatch.Match : ConditionMatch.NoMatch;
        }

        return ConditionMatch.Unknown;
    }

    internal static string Shorten(string value)
    {
        var text = value.Length <= 60 ? value : string.Concat(value.AsSpan(0, 57), "...");
        return string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? ' ' : source[i];
            }
        });
    }
}
