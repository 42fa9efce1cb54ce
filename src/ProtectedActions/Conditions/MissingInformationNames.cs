using ProtectedActions.Model;

namespace ProtectedActions.Conditions;

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
