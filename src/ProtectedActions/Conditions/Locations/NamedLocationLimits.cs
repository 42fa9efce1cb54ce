using ProtectedActions.Validation;

namespace ProtectedActions.Conditions.Locations;

/// <summary>Entra's limits on the list of named locations; exceeding them is a warning, never an error.</summary>
internal static class NamedLocationLimits
{
    /// <summary>Entra allows at most 195 named locations per tenant.</summary>
    public const int EntraMaxLocations = 195;

    /// <summary>Warns (PA3015 at <paramref name="path"/>) when there are more named locations than Entra allows.</summary>
    public static void CheckLimits(IReadOnlyList<NamedLocation> locations, string path, IssueCollector issues)
    {
        ArgumentNullException.ThrowIfNull(locations);
        if (locations.Count > EntraMaxLocations)
        {
            issues.Warning(IssueCodes.TooManyLocationsForEntra, path, $"has {locations.Count} named locations; Entra allows at most {EntraMaxLocations}, so this configuration cannot be mirrored in Entra");
        }
    }
}
