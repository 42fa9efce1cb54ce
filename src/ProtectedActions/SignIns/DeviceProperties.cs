namespace ProtectedActions;

/// <summary>
/// What is known about the device a sign-in comes from, named as Conditional Access device filter rules name
/// the properties (<c>device.isCompliant</c>, <c>device.trustType</c>, ...). Every property is optional; an
/// unknown or unregistered device has every property <see langword="null"/>.
/// </summary>
public sealed class DeviceProperties
{
    /// <summary><c>deviceId</c>: the Entra device object's device id.</summary>
    public string? DeviceId { get; init; }
    /// <summary><c>mdmAppId</c>: the application id of the MDM that manages the device.</summary>
    public string? MdmAppId { get; init; }
    /// <summary><c>displayName</c>.</summary>
    public string? DisplayName { get; init; }
    /// <summary><c>enrollmentProfileName</c>.</summary>
    public string? EnrollmentProfileName { get; init; }
    /// <summary><c>manufacturer</c>.</summary>
    public string? Manufacturer { get; init; }
    /// <summary><c>model</c>.</summary>
    public string? Model { get; init; }
    /// <summary><c>operatingSystem</c>.</summary>
    public string? OperatingSystem { get; init; }
    /// <summary><c>operatingSystemVersion</c>.</summary>
    public string? OperatingSystemVersion { get; init; }
    /// <summary><c>deviceOwnership</c>: <c>Personal</c> or <c>Company</c>.</summary>
    public string? DeviceOwnership { get; init; }
    /// <summary><c>isCompliant</c>.</summary>
    public bool? IsCompliant { get; init; }
    /// <summary><c>profileType</c> (for example <c>RegisteredDevice</c>, <c>SecureVM</c>, <c>Printer</c>).</summary>
    public string? ProfileType { get; init; }
    /// <summary><c>trustType</c>: <c>AzureAD</c>, <c>ServerAD</c> (hybrid joined) or <c>Workplace</c> (registered).</summary>
    public string? TrustType { get; init; }
    /// <summary><c>physicalIds</c>: a collection, matched element by element.</summary>
    public IReadOnlyList<string>? PhysicalIds { get; init; }
    /// <summary><c>systemLabels</c>: a collection, matched element by element.</summary>
    public IReadOnlyList<string>? SystemLabels { get; init; }
    /// <summary><c>extensionAttribute1</c>.</summary>
    public string? ExtensionAttribute1 { get; init; }
    /// <summary><c>extensionAttribute2</c>.</summary>
    public string? ExtensionAttribute2 { get; init; }
    /// <summary><c>extensionAttribute3</c>.</summary>
    public string? ExtensionAttribute3 { get; init; }
    /// <summary><c>extensionAttribute4</c>.</summary>
    public string? ExtensionAttribute4 { get; init; }
    /// <summary><c>extensionAttribute5</c>.</summary>
    public string? ExtensionAttribute5 { get; init; }
    /// <summary><c>extensionAttribute6</c>.</summary>
    public string? ExtensionAttribute6 { get; init; }
    /// <summary><c>extensionAttribute7</c>.</summary>
    public string? ExtensionAttribute7 { get; init; }
    /// <summary><c>extensionAttribute8</c>.</summary>
    public string? ExtensionAttribute8 { get; init; }
    /// <summary><c>extensionAttribute9</c>.</summary>
    public string? ExtensionAttribute9 { get; init; }
    /// <summary><c>extensionAttribute10</c>.</summary>
    public string? ExtensionAttribute10 { get; init; }
    /// <summary><c>extensionAttribute11</c>.</summary>
    public string? ExtensionAttribute11 { get; init; }
    /// <summary><c>extensionAttribute12</c>.</summary>
    public string? ExtensionAttribute12 { get; init; }
    /// <summary><c>extensionAttribute13</c>.</summary>
    public string? ExtensionAttribute13 { get; init; }
    /// <summary><c>extensionAttribute14</c>.</summary>
    public string? ExtensionAttribute14 { get; init; }
    /// <summary><c>extensionAttribute15</c>.</summary>
    public string? ExtensionAttribute15 { get; init; }

    /// <summary>A device about which nothing is known (every property null).</summary>
    public static DeviceProperties Unknown { get; } = new();
}
