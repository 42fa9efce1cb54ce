using ProtectedActions.Model;

namespace ProtectedActions.Conditions;

/// <summary>What a sign-in lacked for a condition (reported as <c>notEnoughInformation</c>).</summary>
[Flags]
internal enum MissingInformation : ushort
{
    None = 0,
    User = 1 << 0,
    Groups = 1 << 1,
    Roles = 1 << 2,
    UserType = 1 << 3,
    GuestType = 1 << 4,
    Tenant = 1 << 5,
    DevicePlatform = 1 << 6,
    IpAddress = 1 << 7,
    Country = 1 << 8,
    ClientAppType = 1 << 9,
    Device = 1 << 10,
    SignInRisk = 1 << 11,
    UserRisk = 1 << 12,
    InsiderRisk = 1 << 13,
    AuthenticationFlow = 1 << 14,
}

internal static class MissingInformationNames
{
    private static readonly (MissingInformation Flag, string Name)[] All =
    [
        (MissingInformation.User, "user id"), (MissingInformation.Groups, "group memberships"),
        (MissingInformation.Roles, "directory roles"), (MissingInformation.UserType, "user type"),
        (MissingInformation.GuestType, "guest or external user kind"), (MissingInformation.Tenant, "home tenant"),
        (MissingInformation.DevicePlatform, "device platform"), (MissingInformation.IpAddress, "IP address"),
        (MissingInformation.Country, "country"), (MissingInformation.ClientAppType, "client app type"),
        (MissingInformation.Device, "device information"), (MissingInformation.SignInRisk, "sign-in risk"),
        (MissingInformation.UserRisk, "user risk"), (MissingInformation.InsiderRisk, "insider risk"),
        (MissingInformation.AuthenticationFlow, "authentication flow"),
    ];

    public static string? Describe(MissingInformation m) =>
        m == MissingInformation.None ? null : string.Join(", ", FlagNames.Of(All, m));
}
