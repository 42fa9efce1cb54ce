namespace ProtectedActions;

/// <summary>What a sign-in lacked for a policy's conditions (reported as <see cref="PolicyReason.NotEnoughInformation"/>); stable names, combined as flags.</summary>
[Flags]
#pragma warning disable CA1028 // The flags are packed into a 64-bit result code on the hot path.
public enum MissingInformation : ushort
#pragma warning restore CA1028
{
    /// <summary>Nothing was missing.</summary>
    None = 0,
    /// <summary>The user id (<c>oid</c>).</summary>
    User = 1 << 0,
    /// <summary>Group memberships (absent, or a groups overage).</summary>
    Groups = 1 << 1,
    /// <summary>Directory roles (<c>wids</c>).</summary>
    Roles = 1 << 2,
    /// <summary>Whether the user is a member or a guest.</summary>
    UserType = 1 << 3,
    /// <summary>The guest or external user kind.</summary>
    GuestType = 1 << 4,
    /// <summary>The home tenant.</summary>
    Tenant = 1 << 5,
    /// <summary>The device platform.</summary>
    DevicePlatform = 1 << 6,
    /// <summary>The client IP address.</summary>
    IpAddress = 1 << 7,
    /// <summary>The country of the IP address.</summary>
    Country = 1 << 8,
    /// <summary>The client app type.</summary>
    ClientAppType = 1 << 9,
    /// <summary>Device information (compliance, trust type, filter properties).</summary>
    Device = 1 << 10,
    /// <summary>The sign-in risk level.</summary>
    SignInRisk = 1 << 11,
    /// <summary>The user risk level.</summary>
    UserRisk = 1 << 12,
    /// <summary>The insider risk level.</summary>
    InsiderRisk = 1 << 13,
    /// <summary>The authentication flow (device code, transfer).</summary>
    AuthenticationFlow = 1 << 14,
}
