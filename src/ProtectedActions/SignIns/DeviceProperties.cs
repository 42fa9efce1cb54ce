namespace ProtectedActions;

/// <summary>
/// What is known about the device a sign-in comes from, named as Conditional Access device filter rules name
/// the properties (<c>device.isCompliant</c>, <c>device.trustType</c>, ...). Every property is optional.
/// </summary>
/// <remarks>
/// <para>
/// What a <see langword="null"/> property means depends on how much is known about the device:
/// </para>
/// <list type="bullet">
/// <item>A device built with an object initializer (by the host or an <see cref="IDeviceInformationProvider"/>)
/// is <see cref="IsComplete">complete</see>: a <see langword="null"/> property is one the device does not have,
/// read by device filter rules as documented for absent properties.</item>
/// <item><see cref="FromDeviceId"/> (what a token's <c>deviceid</c> claim gives), <see cref="Unknown"/> and
/// <see cref="AsPartial"/> copies are
/// <em>partial</em>: their <see langword="null"/> properties are unknown, and a filter that needs one is unknown,
/// so its policy applies with <c>notEnoughInformation</c>.</item>
/// <item><see cref="Unregistered"/> is a device known not to be registered: every property reads as absent
/// and <see cref="IsCompliant"/> is <see langword="false"/>.</item>
/// </list>
/// <para><see cref="IsCompliant"/> = <see langword="null"/> always means compliance is unknown to the
/// <c>compliantDevice</c> control.</para>
/// </remarks>
public sealed class DeviceProperties
{
    private bool _partial;
    private bool _unregistered;

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

    /// <summary>
    /// Whether every property is known, so that a <see langword="null"/> property is one the device does not
    /// have. <see langword="true"/> for a device built with an object initializer and for <see cref="Unregistered"/>;
    /// <see langword="false"/> for <see cref="FromDeviceId"/> and <see cref="Unknown"/>, whose
    /// <see langword="null"/> properties are unknown.
    /// </summary>
    public bool IsComplete => !_partial;

    /// <summary>
    /// <see langword="false"/> only for <see cref="Unregistered"/>: a device known not to be registered in the
    /// directory, whose properties all read as absent (semantics of the unregistered device in device filters).
    /// </summary>
    public bool IsRegistered => !_unregistered;

    /// <summary>A device about which nothing is known: every property is unknown (not absent).</summary>
    public static DeviceProperties Unknown { get; } = new() { _partial = true };

    /// <summary>
    /// A device known not to be registered (no device object in the directory): every property reads as absent in
    /// device filter rules, and <see cref="IsCompliant"/> is <see langword="false"/> (known not compliant).
    /// Return it from an <see cref="IDeviceInformationProvider"/>, or set it on a sign-in, to say "unregistered".
    /// </summary>
    public static DeviceProperties Unregistered { get; } = new() { IsCompliant = false, _unregistered = true };

    /// <summary>
    /// A registered device known only by its id (what a token's <c>deviceid</c> claim proves): <see cref="DeviceId"/>
    /// is known, every other property is unknown.
    /// </summary>
    /// <param name="deviceId">The Entra device id.</param>
    /// <returns>A partial device.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="deviceId"/> is null.</exception>
    public static DeviceProperties FromDeviceId(string deviceId)
    {
        ArgumentNullException.ThrowIfNull(deviceId);
        return new() { DeviceId = deviceId, _partial = true };
    }

    /// <summary>
    /// A copy of this device whose <see langword="null"/> properties are unknown rather than absent: for an
    /// <see cref="IDeviceInformationProvider"/> that knows only some properties (for example compliance but not the
    /// extension attributes). A filter that needs an unknown property is then unknown, never a known miss.
    /// </summary>
    /// <returns>A partial copy (<see cref="IsComplete"/> is <see langword="false"/>).</returns>
    public DeviceProperties AsPartial()
    {
        var copy = (DeviceProperties)MemberwiseClone();
        copy._partial = true;
        return copy;
    }

    /// <summary>Whether a property whose value is <paramref name="value"/> (null or not) is known.</summary>
    internal bool Knows(object? value) => value is not null || !_partial;

    /// <summary>As <see cref="Knows(object?)"/> for a nullable flag, without boxing it (this runs on every device-filter evaluation).</summary>
    internal bool Knows(bool? value) => value.HasValue || !_partial;
}
