using System.Net;
using Microsoft.Extensions.Time.Testing;

namespace ProtectedActions.Testing.Tests;

public sealed class SignInBuilderTests
{
    [Test]
    public void Default_sign_in_is_a_fully_known_member_who_used_a_password()
    {
        var signIn = new SignInBuilder().Build();

        signIn.UserId.Should().Be(TestIdentities.UserId);
        signIn.TenantId.Should().Be(TestIdentities.TenantId);
        signIn.Issuer.Should().Be(TestIdentities.Issuer);
        signIn.GroupIds.Should().NotBeNull().And.BeEmpty();
        signIn.RoleIds.Should().NotBeNull().And.BeEmpty();
        signIn.UserType.Should().Be(UserType.Member);
        signIn.GuestOrExternalUserTypes.Should().Be(GuestOrExternalUserTypes.None);
        signIn.AuthenticationMethodReferences.Should().Equal("pwd");
        signIn.AuthenticationMethods.Should().BeNull();
        signIn.AuthenticationTime.Should().BeNull();
        signIn.Device.Should().BeNull();
        signIn.IpAddress.Should().BeNull();
        signIn.SatisfiedContexts.Should().BeNull();
        signIn.ClientCapabilities.Should().BeNull();
        signIn.Notes.Should().BeEmpty();
    }

    [Test]
    public void Who_is_set_by_id_groups_roles_and_tenant()
    {
        var signIn = SignInBuilder.ForUser("alice")
            .InTenant("tenant-2").WithIssuer("https://issuer.example/")
            .InGroups("g1", "g2").InGroups("g2", "g3")
            .WithRoles("62e90394-69f5-4237-9190-012177145e10")
            .Build();

        signIn.UserId.Should().Be("alice");
        signIn.TenantId.Should().Be("tenant-2");
        signIn.Issuer.Should().Be("https://issuer.example/");
        signIn.GroupIds.Should().Equal("g1", "g2", "g3");
        signIn.RoleIds.Should().Equal("62e90394-69f5-4237-9190-012177145e10");
    }

    [Test]
    public void Unknown_groups_roles_and_user_type_are_null_not_empty()
    {
        var signIn = new SignInBuilder().InGroups("g1").WithUnknownGroups().WithUnknownRoles().WithUnknownUserType().Build();

        signIn.GroupIds.Should().BeNull();
        signIn.RoleIds.Should().BeNull();
        signIn.UserType.Should().BeNull();
    }

    [TestCase(GuestOrExternalUserTypes.B2bCollaborationGuest)]
    [TestCase(GuestOrExternalUserTypes.InternalGuest)]
    [TestCase(GuestOrExternalUserTypes.None)]
    public void Guest_carries_its_kind_and_member_resets_it(GuestOrExternalUserTypes kind)
    {
        var guest = new SignInBuilder().AsGuest(kind).Build();
        guest.UserType.Should().Be(UserType.Guest);
        guest.GuestOrExternalUserTypes.Should().Be(kind);

        var member = new SignInBuilder().AsGuest(kind).AsMember().Build();
        member.UserType.Should().Be(UserType.Member);
        member.GuestOrExternalUserTypes.Should().Be(GuestOrExternalUserTypes.None);
    }

    [Test]
    public void First_method_replaces_the_password_default_and_later_ones_add()
    {
        new SignInBuilder().WithFido2().Build().AuthenticationMethodReferences.Should().Equal("fido", "mfa");
        new SignInBuilder().WithPassword().WithMfa().Build().AuthenticationMethodReferences.Should().Equal("pwd", "mfa");
        new SignInBuilder().WithAmr("pwd", "otp").WithFido2().Build().AuthenticationMethodReferences.Should().Equal("pwd", "otp", "fido", "mfa");
    }

    [Test]
    public void WithAmr_without_values_makes_the_methods_a_known_empty_list()
    {
        new SignInBuilder().WithAmr().Build().AuthenticationMethodReferences.Should().NotBeNull().And.BeEmpty();
    }

    [Test]
    public void WithMethods_sets_explicit_modes_and_keeps_amr()
    {
        var signIn = new SignInBuilder().WithMethods(AuthenticationMethodModes.WindowsHelloForBusiness).Build();

        signIn.AuthenticationMethods.Should().Be(AuthenticationMethodModes.WindowsHelloForBusiness);
        signIn.AuthenticationMethodReferences.Should().Equal("pwd");
    }

    [Test]
    public void AuthenticatedAgo_counts_back_from_the_given_clock()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

        new SignInBuilder().AuthenticatedAgo(TimeSpan.FromMinutes(90), time).Build().AuthenticationTime
            .Should().Be(new DateTimeOffset(2026, 3, 1, 10, 30, 0, TimeSpan.Zero));
        new SignInBuilder().AuthenticatedAt(DateTimeOffset.UnixEpoch).Build().AuthenticationTime.Should().Be(DateTimeOffset.UnixEpoch);
    }

    [Test]
    public void AuthenticatedAgo_rejects_a_negative_age()
    {
        var act = () => new SignInBuilder().AuthenticatedAgo(TimeSpan.FromSeconds(-1), TimeProvider.System);
        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Test]
    public void Where_from_is_set_by_device_address_country_platform_and_client_app()
    {
        var signIn = new SignInBuilder()
            .FromCompliantDevice()
            .FromAddress("203.0.113.5")
            .FromCountry("NL")
            .OnPlatform(DevicePlatform.MacOS)
            .UsingClientApp(ClientAppType.Browser)
            .WithSignInRisk(RiskLevel.Low)
            .WithUserRisk(RiskLevel.High)
            .Build();

        signIn.Device!.IsCompliant.Should().BeTrue();
        signIn.Device.TrustType.Should().Be("AzureAD");
        signIn.Device.DeviceId.Should().NotBeNullOrEmpty();
        signIn.IpAddress.Should().Be(IPAddress.Parse("203.0.113.5"));
        signIn.Country.Should().Be("NL");
        signIn.DevicePlatform.Should().Be(DevicePlatform.MacOS);
        signIn.ClientAppType.Should().Be(ClientAppType.Browser);
        signIn.SignInRiskLevel.Should().Be(RiskLevel.Low);
        signIn.UserRiskLevel.Should().Be(RiskLevel.High);
    }

    [Test]
    public void FromDevice_keeps_the_given_device()
    {
        var device = new DeviceProperties { DeviceId = "d1", TrustType = "ServerAD" };
        new SignInBuilder().FromDevice(device).Build().Device.Should().BeSameAs(device);
    }

    [TestCase("203.0.113.5")]
    [TestCase("2001:db8::1")]
    public void FromAddress_accepts_v4_and_v6(string address)
    {
        new SignInBuilder().FromAddress(address).Build().IpAddress.Should().Be(IPAddress.Parse(address));
    }

    [TestCase("not-an-address")]
    [TestCase("203.0.113.5\r\nX: y")]
    public void FromAddress_rejects_text_that_is_not_an_address(string address)
    {
        var act = () => new SignInBuilder().FromAddress(address);
        act.Should().Throw<ArgumentException>().WithParameterName("ipAddress");
    }

    [Test]
    public void Token_extras_acrs_xms_cc_and_acr_are_set()
    {
        var signIn = new SignInBuilder().WithSatisfiedContexts("c1", "c2").WithClientCapability().WithClientCapability("cp1").WithAcr("1").Build();

        signIn.SatisfiedContexts.Should().Equal("c1", "c2");
        signIn.ClientCapabilities.Should().Equal("cp1");
        signIn.Acr.Should().Be("1");
    }

    [Test]
    public void Every_build_returns_an_independent_context()
    {
        var builder = new SignInBuilder().InGroups("g1");
        var first = builder.Build();
        builder.InGroups("g2");
        var second = builder.Build();

        first.GroupIds.Should().Equal("g1");
        second.GroupIds.Should().Equal("g1", "g2");
        first.Should().NotBeSameAs(second);
    }

    [Test]
    public void ToRequest_wraps_the_sign_in_with_the_permission()
    {
        var request = SignInBuilder.ForUser("bob").ToRequest("contoso.billing/invoices/approve");

        request.Permission.Should().Be("contoso.billing/invoices/approve");
        request.SignIn.UserId.Should().Be("bob");
    }

    [Test]
    public void Empty_values_are_rejected()
    {
        var builder = new SignInBuilder();
        builder.Invoking(b => b.WithUserId("")).Should().Throw<ArgumentException>();
        builder.Invoking(b => b.InGroups("g1", "")).Should().Throw<ArgumentException>();
        builder.Invoking(b => b.WithAmr(null!)).Should().Throw<ArgumentNullException>();
        builder.Invoking(b => b.WithClientCapability("")).Should().Throw<ArgumentException>();
    }
}
