namespace ProtectedActions.Tests.SignIns;

/// <summary>
/// The request-path work packs the nullable enums and the authentication time of <see cref="SignInContext"/> into plain fields
/// and "has a value" bits: every property must still read back exactly what was set, including null, undefined
/// enum values and a time with a non-zero offset.
/// </summary>
public class SignInContextStorageTests
{
    [Test]
    public void Unset_optional_values_read_as_unknown()
    {
        var signIn = new SignInContext();

        signIn.UserType.Should().BeNull();
        signIn.AuthenticationMethods.Should().BeNull();
        signIn.AuthenticationTime.Should().BeNull();
        signIn.DevicePlatform.Should().BeNull();
        signIn.ClientAppType.Should().BeNull();
        signIn.SignInRiskLevel.Should().BeNull();
        signIn.UserRiskLevel.Should().BeNull();
        signIn.GuestOrExternalUserTypes.Should().Be(GuestOrExternalUserTypes.None);
    }

    [Test]
    public void Zero_values_are_known_values_not_unknown()
    {
        var signIn = new SignInContext
        {
            UserType = (UserType)0, AuthenticationMethods = AuthenticationMethodModes.None, DevicePlatform = (DevicePlatform)0,
            ClientAppType = (ClientAppType)0, SignInRiskLevel = (RiskLevel)0, UserRiskLevel = (RiskLevel)0,
            AuthenticationTime = default(DateTimeOffset),
        };

        signIn.UserType.Should().Be((UserType)0);
        signIn.AuthenticationMethods.Should().Be(AuthenticationMethodModes.None);
        signIn.DevicePlatform.Should().Be((DevicePlatform)0);
        signIn.ClientAppType.Should().Be((ClientAppType)0);
        signIn.SignInRiskLevel.Should().Be((RiskLevel)0);
        signIn.UserRiskLevel.Should().Be((RiskLevel)0);
        signIn.AuthenticationTime.Should().Be(default(DateTimeOffset));
    }

    [TestCase(int.MinValue)]
    [TestCase(-1)]
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(12345)]
    [TestCase(int.MaxValue)]
    public void Every_enum_value_reads_back_exactly_as_set_each_independently(int value)
    {
        var signIn = new SignInContext
        {
            UserType = (UserType)value, AuthenticationMethods = (AuthenticationMethodModes)value, DevicePlatform = (DevicePlatform)(value ^ 1),
            ClientAppType = (ClientAppType)(value ^ 2), SignInRiskLevel = (RiskLevel)(value ^ 3), UserRiskLevel = (RiskLevel)(value ^ 4),
            GuestOrExternalUserTypes = (GuestOrExternalUserTypes)value,
        };

        signIn.UserType.Should().Be((UserType)value);
        signIn.AuthenticationMethods.Should().Be((AuthenticationMethodModes)value);
        signIn.DevicePlatform.Should().Be((DevicePlatform)(value ^ 1));
        signIn.ClientAppType.Should().Be((ClientAppType)(value ^ 2));
        signIn.SignInRiskLevel.Should().Be((RiskLevel)(value ^ 3));
        signIn.UserRiskLevel.Should().Be((RiskLevel)(value ^ 4));
        signIn.GuestOrExternalUserTypes.Should().Be((GuestOrExternalUserTypes)value);
        signIn.AuthenticationTime.Should().BeNull();
    }

    [Test]
    public void Setting_one_value_leaves_the_others_unknown()
    {
        new SignInContext { ClientAppType = ClientAppType.ModernAuthentication }.Should().BeEquivalentTo(new
        {
            UserType = (UserType?)null, AuthenticationMethods = (AuthenticationMethodModes?)null, AuthenticationTime = (DateTimeOffset?)null,
            DevicePlatform = (DevicePlatform?)null, ClientAppType = (ClientAppType?)ClientAppType.ModernAuthentication,
            SignInRiskLevel = (RiskLevel?)null, UserRiskLevel = (RiskLevel?)null,
        });
        new SignInContext { UserRiskLevel = RiskLevel.High }.SignInRiskLevel.Should().BeNull();
        new SignInContext { SignInRiskLevel = RiskLevel.High }.UserRiskLevel.Should().BeNull();
    }

    [Test]
    public void A_time_with_an_offset_reads_back_with_the_same_instant_offset_and_ticks()
    {
        var time = new DateTimeOffset(2026, 12, 2, 13, 14, 15, 16, TimeSpan.FromMinutes(-330)).AddTicks(7);
        var signIn = new SignInContext { AuthenticationTime = time };

        signIn.AuthenticationTime.Should().Be(time);
        signIn.AuthenticationTime!.Value.Offset.Should().Be(time.Offset);
        signIn.AuthenticationTime!.Value.Ticks.Should().Be(time.Ticks);
    }

    [Test]
    public void The_copy_with_device_country_and_notes_keeps_every_packed_value()
    {
        var time = DateTimeOffset.UnixEpoch.AddSeconds(1_700_000_000);
        var signIn = new SignInContext
        {
            UserType = UserType.Guest, AuthenticationTime = time, ClientAppType = ClientAppType.ModernAuthentication,
            SignInRiskLevel = RiskLevel.Medium, AuthenticationMethods = AuthenticationMethodModes.Password,
        };

        var copy = signIn.With(null, "NL", []);

        copy.UserType.Should().Be(UserType.Guest);
        copy.AuthenticationTime.Should().Be(time);
        copy.ClientAppType.Should().Be(ClientAppType.ModernAuthentication);
        copy.SignInRiskLevel.Should().Be(RiskLevel.Medium);
        copy.AuthenticationMethods.Should().Be(AuthenticationMethodModes.Password);
        copy.UserRiskLevel.Should().BeNull();
        copy.DevicePlatform.Should().BeNull();
        copy.Country.Should().Be("NL");
    }
}
