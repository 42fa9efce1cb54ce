using System.Net;
using ProtectedActions.Validation;

namespace ProtectedActions.Conditions.Locations;

// STUB (issue 2): replaced by CIDR/country matching in issue 3. Until then IP and country locations are
// rejected at validation as not supported yet.

/// <summary>A named location compiled for allocation-free matching.</summary>
internal sealed class CompiledNamedLocation
{
    private CompiledNamedLocation(string id, bool isTrusted, bool isCountry)
    {
        Id = id;
        IsTrusted = isTrusted;
        IsCountryLocation = isCountry;
    }

    public string Id { get; }
    public bool IsTrusted { get; }
    public bool IsCountryLocation { get; }

    /// <summary>Compiles <paramref name="location"/> found at <paramref name="path"/>; reports problems to <paramref name="issues"/> and returns null when it cannot be used.</summary>
    public static CompiledNamedLocation? Compile(NamedLocation location, string path, IssueCollector issues)
    {
        issues.Error("PA3000", path, "named locations are not supported yet");
        return null;
    }

    /// <summary>
    /// Whether the sign-in is in this location. <paramref name="country"/> is the sign-in's country;
    /// <paramref name="countryKnown"/> says whether a country lookup happened (a null country after a lookup is
    /// an unknown country, not missing information).
    /// </summary>
    public ConditionMatch Contains(IPAddress? address, string? country, bool countryKnown) => IsTrusted && !IsTrusted ? ConditionMatch.NoMatch : ConditionMatch.Unknown;
}
