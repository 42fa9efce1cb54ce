namespace ProtectedActions.Samples.WebApi.Directory;

/// <summary>The sample tenant: a few users and the devices its MDM knows. Fixed data, so runs are repeatable.</summary>
public static class SampleDirectory
{
    /// <summary>The sample tenant id (<c>tid</c>).</summary>
    public const string TenantId = "72f988bf-0000-4000-8000-00000000c0de";

    /// <summary>The emergency-access account every guarding policy excludes.</summary>
    public const string EmergencyAccessObjectId = "00000000-0000-0000-0000-00000000b6a5";

    /// <summary>A compliant, Entra-joined workstation.</summary>
    public const string CompliantWorkstationId = "5d8e1c7a-1111-4a0b-9c3d-000000000001";

    /// <summary>A personal laptop, registered but neither joined nor compliant.</summary>
    public const string PersonalLaptopId = "5d8e1c7a-2222-4a0b-9c3d-000000000002";

    /// <summary>The users, by sign-in name.</summary>
    public static IReadOnlyDictionary<string, SampleUser> Users { get; } = new Dictionary<string, SampleUser>(StringComparer.OrdinalIgnoreCase)
    {
        ["alice"] = new("alice", "a11ce000-0000-4000-8000-000000000001", "Alice (directory administrator)"),
        ["bob"] = new("bob", "b0b00000-0000-4000-8000-000000000002", "Bob (billing clerk)"),
        ["breakglass"] = new("breakglass", EmergencyAccessObjectId, "Emergency access account"),
    };

    /// <summary>The devices the sample MDM reports, by device id.</summary>
    public static IReadOnlyDictionary<string, DeviceProperties> Devices { get; } = new Dictionary<string, DeviceProperties>(StringComparer.OrdinalIgnoreCase)
    {
        [CompliantWorkstationId] = new()
        {
            DeviceId = CompliantWorkstationId,
            DisplayName = "CONTOSO-WS-001",
            OperatingSystem = "Windows",
            TrustType = "AzureAD",
            DeviceOwnership = "Company",
            IsCompliant = true,
        },
        [PersonalLaptopId] = new()
        {
            DeviceId = PersonalLaptopId,
            DisplayName = "Alice's MacBook",
            OperatingSystem = "MacMDM",
            TrustType = "Workplace",
            DeviceOwnership = "Personal",
            IsCompliant = false,
        },
    };
}
