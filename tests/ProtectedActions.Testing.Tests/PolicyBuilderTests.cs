namespace ProtectedActions.Testing.Tests;

public sealed class PolicyBuilderTests
{
    private static ConditionalAccessPolicy Policy(Action<PolicyBuilder> configure) =>
        new ProtectedActionsConfigurationBuilder().AddPolicy("p1", configure).Build().ConditionalAccessPolicies.Single();

    [Test]
    public void A_policy_is_enabled_named_by_its_id_and_targets_its_contexts()
    {
        var policy = Policy(p => p.ForContext("c1", "c2"));

        policy.Id.Should().Be("p1");
        policy.DisplayName.Should().Be("p1");
        policy.State.Should().Be("enabled");
        policy.Conditions!.Applications!.IncludeAuthenticationContextClassReferences.Should().Equal("c1", "c2");
        policy.GrantControls.Should().BeNull();
    }

    [Test]
    public void States_use_Graph_spelling()
    {
        Policy(p => p.Disabled()).State.Should().Be("disabled");
        Policy(p => p.ReportOnly()).State.Should().Be("enabledForReportingButNotEnforced");
        Policy(p => p.ReportOnly().Enabled()).State.Should().Be("enabled");
        Policy(p => p.Named("Approvals")).DisplayName.Should().Be("Approvals");
    }

    [Test]
    public void Users_groups_roles_and_guests_go_to_their_lists()
    {
        var users = Policy(p => p.IncludeAllUsers().IncludeUsers("u1").Exclude("bg1", "bg2").IncludeGuestsOrExternalUsers()
            .IncludeGroups("g1").ExcludeGroups("g2").IncludeRoles("r1").ExcludeRoles("r2")).Conditions!.Users!;

        users.IncludeUsers.Should().Equal("All", "u1", "GuestsOrExternalUsers");
        users.ExcludeUsers.Should().Equal("bg1", "bg2");
        users.IncludeGroups.Should().Equal("g1");
        users.ExcludeGroups.Should().Equal("g2");
        users.IncludeRoles.Should().Equal("r1");
        users.ExcludeRoles.Should().Equal("r2");
        Policy(p => p.ExcludeGuestsOrExternalUsers()).Conditions!.Users!.ExcludeUsers.Should().Equal("GuestsOrExternalUsers");
    }

    [Test]
    public void Conditions_use_Graph_spelling()
    {
        var c = Policy(p => p.ForPlatforms(DevicePlatform.IOS, DevicePlatform.Android, DevicePlatform.WindowsPhone)
            .ForClientApps(ClientAppType.Browser, ClientAppType.MobileAppsAndDesktopClients)
            .FromLocations("AllTrusted")
            .ForSignInRisk(RiskLevel.Medium, RiskLevel.High)
            .ForUserRisk(RiskLevel.Hidden)
            .ForDevicesMatching("device.isCompliant -eq False")).Conditions!;

        c.Platforms!.IncludePlatforms.Should().Equal("iOS", "android", "windowsPhone");
        c.ClientAppTypes.Should().Equal("browser", "mobileAppsAndDesktopClients");
        c.Locations!.IncludeLocations.Should().Equal("AllTrusted");
        c.SignInRiskLevels.Should().Equal("medium", "high");
        c.UserRiskLevels.Should().Equal("hidden");
        c.Devices!.DeviceFilter!.Mode.Should().Be("include");
        c.Devices.DeviceFilter.Rule.Should().Be("device.isCompliant -eq False");
    }

    [Test]
    public void Exceptions_include_everything_else()
    {
        var c = Policy(p => p.ExceptPlatforms(DevicePlatform.Linux).ExceptLocations("trusted-office").ExceptDevicesMatching("device.trustType -eq \"ServerAD\"")).Conditions!;

        c.Platforms!.IncludePlatforms.Should().Equal("all");
        c.Platforms.ExcludePlatforms.Should().Equal("linux");
        c.Locations!.IncludeLocations.Should().Equal("All");
        c.Locations.ExcludeLocations.Should().Equal("trusted-office");
        c.Devices!.DeviceFilter!.Mode.Should().Be("exclude");
    }

    [Test]
    public void Grant_controls_combine_with_OR_unless_all_are_required()
    {
        var any = Policy(p => p.RequireMfa().RequireCompliantDevice()).GrantControls!;
        any.Operator.Should().Be("OR");
        any.BuiltInControls.Should().Equal("mfa", "compliantDevice");

        var all = Policy(p => p.RequireStrength(BuiltInStrengths.PhishingResistant).RequireDomainJoinedDevice().RequireControl("passwordChange").RequireAllControls()).GrantControls!;
        all.Operator.Should().Be("AND");
        all.AuthenticationStrength!.Id.Should().Be("00000000-0000-0000-0000-000000000004");
        all.BuiltInControls.Should().Equal("domainJoinedDevice", "passwordChange");

        Policy(p => p.Block().RequireAllControls().RequireAnyControl()).GrantControls!.Operator.Should().Be("OR");
    }

    [TestCase(1, 1, "hours")]
    [TestCase(23, 23, "hours")]
    [TestCase(24, 1, "days")]
    [TestCase(48, 2, "days")]
    [TestCase(365 * 24, 365, "days")]
    public void Sign_in_frequency_is_written_in_hours_or_days(int hours, int value, string type)
    {
        var frequency = Policy(p => p.RequireSignInWithin(TimeSpan.FromHours(hours))).SessionControls!.SignInFrequency!;

        frequency.IsEnabled.Should().BeTrue();
        frequency.Value.Should().Be(value);
        frequency.Type.Should().Be(type);
        frequency.FrequencyInterval.Should().Be("timeBased");
    }

    [TestCase(0)]
    [TestCase(30)]
    [TestCase(90)]
    [TestCase(36 * 60)]
    [TestCase(366 * 24 * 60)]
    public void Sign_in_frequency_that_Graph_cannot_express_throws_where_it_is_written(int minutes)
    {
        var builder = new ProtectedActionsConfigurationBuilder();
        var act = () => builder.AddPolicy("p1", p => p.RequireSignInWithin(TimeSpan.FromMinutes(minutes)));

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*1 to 23 whole hours or 1 to 365 whole days*");
    }

    [Test]
    public void Every_time_frequency_has_no_value()
    {
        var frequency = Policy(p => p.RequireSignInEveryTime()).SessionControls!.SignInFrequency!;

        frequency.FrequencyInterval.Should().Be("everyTime");
        frequency.Value.Should().BeNull();
    }

    [Test]
    public void Configure_reaches_the_Graph_shaped_policy()
    {
        Policy(p => p.Configure(x => x.GrantControls = new() { TermsOfUse = ["tou-1"] })).GrantControls!.TermsOfUse.Should().Equal("tou-1");
    }
}
