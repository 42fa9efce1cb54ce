using System.Net;
using ProtectedActions.Tests.Support;

namespace ProtectedActions.Tests.DeviceFilter;

/// <summary>Sign-ins for the end-to-end tests of device filters and locations.</summary>
internal static class TestSignIns
{
    // Fixtures.Fido2 with the device/network fields set (SignInContext is init-only, not a record).
    public static SignInContext Fido2(DeviceProperties? device = null, IPAddress? address = null, string? country = null) => new()
    {
        UserId = Fixtures.Alice,
        GroupIds = [],
        RoleIds = [],
        UserType = UserType.Member,
        AuthenticationMethodReferences = ["fido", "mfa"],
        AuthenticationMethods = AuthenticationMethodModes.Fido2,
        AuthenticationTime = Fixtures.Now - TimeSpan.FromMinutes(10),
        Device = device,
        IpAddress = address,
        Country = country,
    };
}
