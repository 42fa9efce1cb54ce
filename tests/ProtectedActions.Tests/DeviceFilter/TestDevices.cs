namespace ProtectedActions.Tests.DeviceFilter;

/// <summary>Named devices the table-driven tests refer to by key.</summary>
internal static class TestDevices
{
    /// <summary>A compliant, Entra-joined, company-owned privileged access workstation.</summary>
    public static readonly DeviceProperties Paw = new()
    {
        DeviceId = "3f1c0f2a-7b55-4c1e-9f0e-2d7a1b6c9e01",
        MdmAppId = "0000000a-0000-0000-c000-000000000000",
        DisplayName = "PAW-Contoso-042",
        EnrollmentProfileName = "PAW Autopilot",
        Manufacturer = "Microsoft Corporation",
        Model = "Surface Laptop 5",
        OperatingSystem = "Windows",
        OperatingSystemVersion = "10.0.22631.3447",
        DeviceOwnership = "Company",
        IsCompliant = true,
        ProfileType = "RegisteredDevice",
        TrustType = "AzureAD",
        PhysicalIds = ["[ZTDId]:a1b2c3", "[OrderId]:PAW-2024", "[GID]:g:6966"],
        SystemLabels = ["AzureResource", "M365Managed"],
        ExtensionAttribute1 = "PAW",
        ExtensionAttribute15 = "tier0",
    };

    /// <summary>A personal, registered, non-compliant phone with an empty physicalIds collection.</summary>
    public static readonly DeviceProperties Phone = new()
    {
        DisplayName = "Alice's iPhone",
        Manufacturer = "Apple",
        Model = "iPhone 15",
        OperatingSystem = "iOS",
        OperatingSystemVersion = "17.4",
        DeviceOwnership = "Personal",
        IsCompliant = false,
        TrustType = "Workplace",
        PhysicalIds = [],
    };

    /// <summary>A hybrid-joined workstation with awkward characters in an extension attribute.</summary>
    public static readonly DeviceProperties Hybrid = new()
    {
        DisplayName = "CORP-WS-17",
        TrustType = "ServerAD",
        IsCompliant = true,
        DeviceOwnership = "Company",
        OperatingSystem = "Windows",
        ExtensionAttribute7 = "say \"hi\" \\ bye",
    };

    public static DeviceProperties? Get(string key) => key switch
    {
        "paw" => Paw,
        "phone" => Phone,
        "hybrid" => Hybrid,
        "unknown" => null,
        "empty" => DeviceProperties.Unknown,
        _ => throw new ArgumentOutOfRangeException(nameof(key), key, "no such test device"),
    };
}
