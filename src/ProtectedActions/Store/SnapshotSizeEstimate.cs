namespace ProtectedActions.Store;

/// <summary>
/// A structural estimate of the memory one cached tenant keeps alive (its compiled snapshot, evaluator and cache
/// entry), counted against <see cref="ProtectedActionsStoreOptions.MaxCachedSnapshotBytes"/>: a fixed part plus a
/// cost per context, permission, policy, value listed in a policy's conditions, named location and range, and
/// strength, plus two bytes per character of the strings the snapshot keeps. The constants were calibrated by
/// measuring retained memory (<c>GC.GetTotalMemory(true)</c> before and after caching a few hundred tenants) for
/// documents that vary one dimension at a time, and rounded up; the calibration test
/// (<c>TenantMemoryTests</c>) keeps the estimate within a factor of the measurement. Walking the document is
/// linear in its size and far cheaper than the compile it accompanies.
/// </summary>
internal static class SnapshotSizeEstimate
{
    /// <summary>The snapshot, evaluator, frozen collections, challenge builder and lookup slots of any tenant.</summary>
    internal const long Base = 3_200;

    /// <summary>The cache entry, its dictionary node and the tenant id's string header.</summary>
    internal const long PerEntry = 200;

    /// <summary>A compiled context with its prepared challenges (header strings, base64 claims).</summary>
    internal const long PerContext = 1_500;

    /// <summary>A compiled assignment and its frozen-dictionary slot.</summary>
    internal const long PerPermission = 700;

    /// <summary>A compiled policy with its condition objects and sets.</summary>
    internal const long PerPolicy = 150;

    /// <summary>A value listed in a policy's conditions or controls (a user, group, role, application, location id).</summary>
    internal const long PerListedValue = 65;

    /// <summary>A compiled named location.</summary>
    internal const long PerNamedLocation = 200;

    /// <summary>A compiled IP range or country.</summary>
    internal const long PerRange = 16;

    /// <summary>A compiled authentication strength.</summary>
    internal const long PerStrength = 400;

    /// <summary>The estimate for a tenant cached as unconfigured (no snapshot).</summary>
    public static long UnconfiguredBytes(string tenant) => PerEntry + Chars(tenant);

    /// <summary>The estimate for a tenant whose compiled snapshot came from <paramref name="document"/>.</summary>
    public static long Bytes(string tenant, ProtectedActionsOptions document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var bytes = Base + PerEntry + Chars(tenant);
        foreach (var context in document.AuthenticationContexts ?? [])
        {
            bytes += PerContext + Chars(context?.Id) + Chars(context?.DisplayName);
        }

        foreach (var assignment in document.ProtectedActions ?? [])
        {
            bytes += PerPermission + Chars(assignment?.Permission);
        }

        foreach (var policy in document.ConditionalAccessPolicies ?? [])
        {
            bytes += PerPolicy + (policy is null ? 0 : Chars(policy.Id) + Chars(policy.DisplayName) + Listed(policy));
        }

        foreach (var location in document.NamedLocations ?? [])
        {
            bytes += PerNamedLocation + Chars(location?.Id) + Chars(location?.DisplayName)
                + (PerRange * ((location?.IpRanges?.Count ?? 0) + (location?.CountriesAndRegions?.Count ?? 0)));
        }

        foreach (var strength in document.AuthenticationStrengthPolicies ?? [])
        {
            bytes += PerStrength + Chars(strength?.Id) + Chars(strength?.DisplayName) + Values(strength?.AllowedCombinations);
        }

        var settings = document.Settings;
        if (settings is not null)
        {
            bytes += Chars(settings.AuthorizationUri) + Chars(settings.Realm) + Chars(settings.ErrorDescription) + Values(settings.TrustedIssuers)
                + Values(settings.UnprotectedPermissions);
        }

        return bytes;
    }

    private static long Listed(ConditionalAccessPolicy policy)
    {
        var c = policy.Conditions;
        var bytes = Values(policy.GrantControls?.BuiltInControls) + Values(policy.GrantControls?.AuthenticationStrength?.AllowedCombinations);
        if (c is null)
        {
            return bytes;
        }

        bytes += Values(c.Users?.IncludeUsers) + Values(c.Users?.ExcludeUsers) + Values(c.Users?.IncludeGroups) + Values(c.Users?.ExcludeGroups)
            + Values(c.Users?.IncludeRoles) + Values(c.Users?.ExcludeRoles)
            + Values(c.Applications?.IncludeApplications) + Values(c.Applications?.ExcludeApplications)
            + Values(c.Applications?.IncludeAuthenticationContextClassReferences)
            + Values(c.Locations?.IncludeLocations) + Values(c.Locations?.ExcludeLocations)
            + Values(c.Platforms?.IncludePlatforms) + Values(c.Platforms?.ExcludePlatforms)
            + Values(c.ClientAppTypes) + Values(c.SignInRiskLevels) + Values(c.UserRiskLevels)
            + Chars(c.Devices?.DeviceFilter?.Rule);
        return bytes;
    }

    private static long Values(IReadOnlyCollection<string?>? values)
    {
        if (values is null)
        {
            return 0;
        }

        var bytes = 0L;
        foreach (var value in values)
        {
            bytes += PerListedValue + Chars(value);
        }

        return bytes;
    }

    /// <summary>A string's characters at two bytes each (its header is part of the per-item constants).</summary>
    private static long Chars(string? value) => 2L * (value?.Length ?? 0);
}
