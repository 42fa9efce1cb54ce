namespace ProtectedActions.Conditions.DeviceFilter;

/// <summary>
/// Reads a property from <see cref="DeviceProperties"/> without allocating, and says whether it is known: a
/// property of a null device (nothing known) or a null property of a partial device is unknown; every property of
/// the unregistered device is known absent. With <c>assumeComplete</c> every property is known (null = absent).
/// </summary>
internal static class DevicePropertyReader
{
    public static bool TryGetString(DeviceProperties? device, DeviceProperty property, bool assumeComplete, out string? value)
    {
        value = device is null || !device.IsRegistered ? null : GetString(device, property);
        return assumeComplete || (device is not null && (!device.IsRegistered || device.Knows(value)));
    }

    public static bool TryGetCollection(DeviceProperties? device, DeviceProperty property, bool assumeComplete, out IReadOnlyList<string>? value)
    {
        value = device is null || !device.IsRegistered ? null : GetCollection(device, property);
        return assumeComplete || (device is not null && (!device.IsRegistered || device.Knows(value)));
    }

    public static bool TryGetCompliance(DeviceProperties? device, bool assumeComplete, out bool? value)
    {
        // In filters the unregistered device's isCompliant reads as absent (documented semantics), although
        // the compliantDevice control reads it as known false.
        value = device is null || !device.IsRegistered ? null : device.IsCompliant;
        return assumeComplete || (device is not null && (!device.IsRegistered || device.Knows(value)));
    }

    private static string? GetString(DeviceProperties device, DeviceProperty property) => property switch
    {
        DeviceProperty.DeviceId => device.DeviceId,
        DeviceProperty.MdmAppId => device.MdmAppId,
        DeviceProperty.DisplayName => device.DisplayName,
        DeviceProperty.EnrollmentProfileName => device.EnrollmentProfileName,
        DeviceProperty.Manufacturer => device.Manufacturer,
        DeviceProperty.Model => device.Model,
        DeviceProperty.OperatingSystem => device.OperatingSystem,
        DeviceProperty.OperatingSystemVersion => device.OperatingSystemVersion,
        DeviceProperty.DeviceOwnership => device.DeviceOwnership,
        DeviceProperty.ProfileType => device.ProfileType,
        DeviceProperty.TrustType => device.TrustType,
        DeviceProperty.ExtensionAttribute1 => device.ExtensionAttribute1,
        DeviceProperty.ExtensionAttribute2 => device.ExtensionAttribute2,
        DeviceProperty.ExtensionAttribute3 => device.ExtensionAttribute3,
        DeviceProperty.ExtensionAttribute4 => device.ExtensionAttribute4,
        DeviceProperty.ExtensionAttribute5 => device.ExtensionAttribute5,
        DeviceProperty.ExtensionAttribute6 => device.ExtensionAttribute6,
        DeviceProperty.ExtensionAttribute7 => device.ExtensionAttribute7,
        DeviceProperty.ExtensionAttribute8 => device.ExtensionAttribute8,
        DeviceProperty.ExtensionAttribute9 => device.ExtensionAttribute9,
        DeviceProperty.ExtensionAttribute10 => device.ExtensionAttribute10,
        DeviceProperty.ExtensionAttribute11 => device.ExtensionAttribute11,
        DeviceProperty.ExtensionAttribute12 => device.ExtensionAttribute12,
        DeviceProperty.ExtensionAttribute13 => device.ExtensionAttribute13,
        DeviceProperty.ExtensionAttribute14 => device.ExtensionAttribute14,
        DeviceProperty.ExtensionAttribute15 => device.ExtensionAttribute15,
        _ => null,
    };

    private static IReadOnlyList<string>? GetCollection(DeviceProperties device, DeviceProperty property) => property switch
    {
        DeviceProperty.PhysicalIds => device.PhysicalIds,
        DeviceProperty.SystemLabels => device.SystemLabels,
        _ => null,
    };
}
