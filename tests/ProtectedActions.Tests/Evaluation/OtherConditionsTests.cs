using static ProtectedActions.Tests.Support.Fixtures;

namespace ProtectedActions.Tests.Evaluation;

public class OtherConditionsTests
{
    private static PolicyResult Run(Action<ConditionalAccessConditions> conditions, SignInContext signIn)
    {
        var o = Seed();
        conditions(o.ConditionalAccessPolicies[0].Conditions!);
        return Evaluate(o, signIn).Policies[0];
    }

    private static SignInContext S(DevicePlatform? platform = null, ClientAppType? app = null, RiskLevel? signInRisk = null, RiskLevel? userRisk = null) => new()
    {
        UserId = Alice, GroupIds = [], RoleIds = [], UserType = UserType.Member, AuthenticationMethods = AuthenticationMethodModes.Fido2,
        AuthenticationTime = Now, DevicePlatform = platform, ClientAppType = app, SignInRiskLevel = signInRisk, UserRiskLevel = userRisk,
    };

    [TestCase(DevicePlatform.Windows, true)]
    [TestCase(DevicePlatform.IOS, false)]
    public void Platform_inclusion(DevicePlatform platform, bool applies)
    {
        var r = Run(c => c.Platforms = new() { IncludePlatforms = ["windows", "macOS"] }, S(platform));
        r.Applies.Should().Be(applies);
        if (!applies)
        {
            r.Reason.Should().Be(PolicyReason.DevicePlatform);
        }
    }

    [Test]
    public void Platform_exclusion_beats_all() =>
        Run(c => c.Platforms = new() { IncludePlatforms = ["all"], ExcludePlatforms = ["linux"] }, S(DevicePlatform.Linux)).Reason.Should().Be(PolicyReason.DevicePlatform);

    [Test]
    public void Platform_all_covers_an_unknown_platform() =>
        Run(c => c.Platforms = new() { IncludePlatforms = ["all"] }, S()).Reason.Should().Be(PolicyReason.NotSet);

    [Test]
    public void Specific_platform_with_unknown_platform_applies_for_lack_of_information()
    {
        var r = Run(c => c.Platforms = new() { IncludePlatforms = ["android"] }, S());
        r.Applies.Should().BeTrue();
        r.Reason.Should().Be(PolicyReason.NotEnoughInformation);
        r.MissingInformation.Should().Be(MissingInformation.DevicePlatform);
    }

    [TestCase(ClientAppType.Browser, true)]
    [TestCase(ClientAppType.Other, false)]
    public void Client_app_types(ClientAppType app, bool applies)
    {
        var r = Run(c => c.ClientAppTypes = ["browser", "mobileAppsAndDesktopClients"], S(app: app));
        r.Applies.Should().Be(applies);
        if (!applies)
        {
            r.Reason.Should().Be(PolicyReason.ClientApps);
        }
    }

    [Test]
    public void Client_app_type_all_matches_unknown() =>
        Run(c => c.ClientAppTypes = ["all"], S()).Reason.Should().Be(PolicyReason.NotSet);

    [Test]
    public void Client_app_type_unknown_applies_for_lack_of_information() =>
        Run(c => c.ClientAppTypes = ["browser"], S()).Reason.Should().Be(PolicyReason.NotEnoughInformation);

    [TestCase(RiskLevel.High, true)]
    [TestCase(RiskLevel.Low, false)]
    public void Sign_in_risk(RiskLevel level, bool applies)
    {
        var r = Run(c => c.SignInRiskLevels = ["medium", "high"], S(signInRisk: level));
        r.Applies.Should().Be(applies);
        if (!applies)
        {
            r.Reason.Should().Be(PolicyReason.SignInRisk);
        }
    }

    [TestCase(RiskLevel.High, true)]
    [TestCase(RiskLevel.None, false)]
    public void User_risk(RiskLevel level, bool applies)
    {
        var r = Run(c => c.UserRiskLevels = ["high"], S(userRisk: level));
        r.Applies.Should().Be(applies);
        if (!applies)
        {
            r.Reason.Should().Be(PolicyReason.UserRisk);
        }
    }

    [Test]
    public void Risk_without_a_source_applies_for_lack_of_information()
    {
        var r = Run(c => c.SignInRiskLevels = ["high"], S());
        r.Reason.Should().Be(PolicyReason.NotEnoughInformation);
        r.MissingInformation.Should().Be(MissingInformation.SignInRisk);
    }

    [Test]
    public void Insider_risk_cannot_be_evaluated_and_applies_for_lack_of_information() =>
        Run(c => c.InsiderRiskLevels = "elevated", S()).Reason.Should().Be(PolicyReason.NotEnoughInformation);

    [Test]
    public void Authentication_flows_cannot_be_evaluated_and_apply_for_lack_of_information() =>
        Run(c => c.AuthenticationFlows = new() { TransferMethods = "deviceCodeFlow" }, S()).MissingInformation.Should().Be(MissingInformation.AuthenticationFlow);

    [Test]
    public void Location_all_matches_without_an_address() =>
        Run(c => c.Locations = new() { IncludeLocations = ["All"] }, S()).Reason.Should().Be(PolicyReason.NotSet);

    [Test]
    public void The_first_failing_condition_names_the_reason()
    {
        var r = Run(c =>
        {
            c.Platforms = new() { IncludePlatforms = ["android"] };
            c.ClientAppTypes = ["browser"];
        }, S(DevicePlatform.Windows, ClientAppType.Other));
        r.Reason.Should().Be(PolicyReason.DevicePlatform);
    }

    [Test]
    public void A_known_mismatch_beats_missing_information_elsewhere()
    {
        var r = Run(c =>
        {
            c.Platforms = new() { IncludePlatforms = ["android"] };
            c.ClientAppTypes = ["other"];
        }, S(app: ClientAppType.Browser));
        r.Applies.Should().BeFalse();
        r.Reason.Should().Be(PolicyReason.ClientApps);
    }
}
