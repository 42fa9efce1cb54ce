using ProtectedActions.SignIns;
using ProtectedActions.Evaluation;
using ProtectedActions.Tests.Support;

namespace ProtectedActions.Tests.Mutation;

/// <summary>
/// What the policy compiler makes of a policy beyond its messages: Graph lists are sets (a value listed twice counts
/// once), keywords are never identities, an empty list is not a condition, and a policy that fails to compile never
/// counts as guarding its context. Each scenario adds a block policy <c>x</c> to the seed (whose own policy a FIDO2
/// sign-in satisfies), so "the condition includes the sign-in" reads as denied and "it does not" as allowed.
/// </summary>
public class PolicyCompilerSemanticsTests
{
    private static ProtectedActionsOptions WithBlock(Action<ConditionalAccessConditions> conditions)
    {
        var o = Fixtures.Seed();
        o.ConditionalAccessPolicies.Add(Fixtures.Policy("x", "c1", controls: ["block"], conditions: conditions));
        return o;
    }

    private static SignInContext Strong(string user = Fixtures.Alice, DevicePlatform? platform = null, ClientAppType? app = null,
        RiskLevel? signInRisk = null, RiskLevel? userRisk = null, UserType userType = UserType.Member,
        GuestOrExternalUserTypes guestTypes = GuestOrExternalUserTypes.None) => new()
    {
        UserId = user,
        TenantId = Fixtures.Tenant,
        Issuer = Fixtures.Issuer,
        GroupIds = [],
        RoleIds = [],
        UserType = userType,
        GuestOrExternalUserTypes = guestTypes,
        AuthenticationMethodReferences = ["fido", "mfa"],
        AuthenticationMethods = AuthenticationMethodModes.Fido2,
        AuthenticationTime = Fixtures.Now - TimeSpan.FromMinutes(10),
        DevicePlatform = platform,
        ClientAppType = app,
        SignInRiskLevel = signInRisk,
        UserRiskLevel = userRisk,
    };

    private static ProtectedActionOutcome Outcome(ProtectedActionsOptions options, SignInContext signIn)
    {
        ProtectedActionsConfiguration.Validate(options).Errors.Should().BeEmpty("the scenario's configuration is valid");
        return Fixtures.Evaluate(options, signIn).Outcome;
    }

    [Test]
    public void The_seed_allows_a_strong_sign_in_when_the_block_policy_does_not_apply() =>
        Outcome(WithBlock(c => c.Users!.IncludeUsers = ["None"]), Strong()).Should().Be(ProtectedActionOutcome.Allowed);

    [Test]
    public void None_includes_no_user_not_even_one_whose_id_is_the_word_None() =>
        Outcome(WithBlock(c => c.Users!.IncludeUsers = ["None"]), Strong(user: "None")).Should().Be(ProtectedActionOutcome.Allowed);

    [Test]
    public void A_platform_listed_twice_is_still_included() =>
        Outcome(WithBlock(c => c.Platforms = new() { IncludePlatforms = ["android", "Android"] }), Strong(platform: DevicePlatform.Android))
            .Should().Be(ProtectedActionOutcome.Denied);

    [TestCase("browser", "browser", ClientAppType.Browser)]
    [TestCase("mobileAppsAndDesktopClients", "mobileAppsAndDesktopClients", ClientAppType.MobileAppsAndDesktopClients)]
    [TestCase("exchangeActiveSync", "easSupported", ClientAppType.ExchangeActiveSync)]
    [TestCase("other", "other", ClientAppType.Other)]
    public void A_client_app_type_listed_twice_is_still_included(string first, string second, ClientAppType app) =>
        Outcome(WithBlock(c => c.ClientAppTypes = [first, second]), Strong(app: app)).Should().Be(ProtectedActionOutcome.Denied);

    [Test]
    public void A_risk_level_listed_twice_is_still_included()
    {
        Outcome(WithBlock(c => c.SignInRiskLevels = ["high", "high"]), Strong(signInRisk: RiskLevel.High)).Should().Be(ProtectedActionOutcome.Denied);
        Outcome(WithBlock(c => c.UserRiskLevels = ["medium", "Medium"]), Strong(userRisk: RiskLevel.Medium)).Should().Be(ProtectedActionOutcome.Denied);
    }

    [Test]
    public void Risk_level_none_is_a_level_like_the_others() =>
        Outcome(WithBlock(c => c.SignInRiskLevels = ["none"]), Strong(signInRisk: RiskLevel.None)).Should().Be(ProtectedActionOutcome.Denied);

    [Test]
    public void A_guest_type_listed_twice_is_still_included() =>
        Outcome(WithBlock(c => c.Users = new()
            {
                IncludeGuestsOrExternalUsers = new() { GuestOrExternalUserTypes = "b2bCollaborationGuest,b2bCollaborationGuest" },
            }),
            Strong(userType: UserType.Guest, guestTypes: GuestOrExternalUserTypes.B2bCollaborationGuest))
            .Should().Be(ProtectedActionOutcome.Denied);

    [Test]
    public void Enumerated_external_tenants_without_members_compile_and_include_no_guest() =>
        Outcome(WithBlock(c => c.Users = new()
            {
                IncludeGuestsOrExternalUsers = new()
                {
                    GuestOrExternalUserTypes = "b2bCollaborationGuest",
                    ExternalTenants = new() { MembershipKind = "enumerated", Members = null },
                },
            }),
            Strong(userType: UserType.Guest, guestTypes: GuestOrExternalUserTypes.B2bCollaborationGuest))
            .Should().Be(ProtectedActionOutcome.Allowed);

    [Test]
    public void An_empty_service_principal_list_leaves_the_policy_a_user_policy() =>
        Outcome(WithBlock(c => c.ClientApplications = new() { IncludeServicePrincipals = [] }), Strong()).Should().Be(ProtectedActionOutcome.Denied);

    [Test]
    public void All_trusted_locations_with_no_trusted_location_defined_is_valid_and_includes_no_address()
    {
        var o = WithBlock(c => c.Locations = new() { IncludeLocations = ["AllTrusted"], ExcludeLocations = [] });
        var signIn = Strong();

        Outcome(o, signIn).Should().Be(ProtectedActionOutcome.Allowed);
    }

    [TestCase(null)]
    [TestCase("")]
    public void A_device_filter_without_mode_or_rule_is_no_condition(string? rule) =>
        Outcome(WithBlock(c => c.Devices = new() { DeviceFilter = new() { Rule = rule } }), Strong()).Should().Be(ProtectedActionOutcome.Denied);

    [Test]
    public void A_built_in_control_listed_twice_is_required_once()
    {
        var o = Fixtures.Seed();
        o.ConditionalAccessPolicies.Add(Fixtures.Policy("x", "c1", controls: ["compliantDevice", "compliantDevice"]));

        ProtectedActionsConfiguration.Validate(o).Errors.Should().BeEmpty();
        var d = Fixtures.Evaluate(o, Strong());
        d.Policies.Single(p => p.Id == "x").Satisfied.Should().NotBe(true, "a sign-in without a device cannot prove a compliant device");
    }

    [Test]
    public void An_embedded_strength_is_not_met_by_an_unspecified_second_factor()
    {
        var o = Fixtures.Seed();
        var x = Fixtures.Policy("x", "c1");
        x.GrantControls!.AuthenticationStrength = new() { Id = "push", AllowedCombinations = ["password,microsoftAuthenticatorPush"] };
        o.ConditionalAccessPolicies = [x];
        var mfa = new SignInContext
        {
            UserId = Fixtures.Alice, TenantId = Fixtures.Tenant, Issuer = Fixtures.Issuer, GroupIds = [], RoleIds = [], UserType = UserType.Member,
            AuthenticationMethodReferences = ["pwd", "mfa"], AuthenticationTime = Fixtures.Now - TimeSpan.FromMinutes(10),
        };

        ProtectedActionsConfiguration.Validate(o).Errors.Should().BeEmpty();
        Fixtures.Evaluate(o, mfa).Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired,
            "amr 'mfa' does not say which second factor was used; only the built-in multifactor strength accepts it");
        x.GrantControls.AuthenticationStrength = new() { Id = Fixtures.Multifactor };
        Fixtures.Evaluate(o, mfa).Outcome.Should().Be(ProtectedActionOutcome.Allowed);
    }

    private static IEnumerable<TestCaseData> BrokenPolicies()
    {
        yield return new TestCaseData(new Action<ConditionalAccessPolicy>(p => p.Conditions!.ClientAppTypes = ["fax"])).SetName("{m}(an unknown client app type)");
        yield return new TestCaseData(new Action<ConditionalAccessPolicy>(p => p.Conditions!.Devices = new()
        {
            DeviceFilter = new() { Mode = "include", Rule = "device.isCompliant -eq" },
        })).SetName("{m}(a device filter that does not parse)");
        yield return new TestCaseData(new Action<ConditionalAccessPolicy>(p => p.GrantControls = new()
        {
            AuthenticationStrength = new() { Id = "embedded", AllowedCombinations = ["fido2"], CombinationConfigurations = [null!] },
        })).SetName("{m}(an embedded strength with an empty combination configuration)");
    }

    [TestCaseSource(nameof(BrokenPolicies))]
    public void A_policy_that_fails_to_compile_does_not_count_as_guarding_its_context(Action<ConditionalAccessPolicy> breakIt)
    {
        var o = Fixtures.Seed();
        o.AuthenticationContexts.Add(new() { Id = "c2" });
        o.ProtectedActions.Add(new() { Permission = "contoso.billing/invoices/approve", AuthenticationContextId = "c2" });
        var policy = Fixtures.Policy("x", "c2", strength: Fixtures.PhishingResistant);
        breakIt(policy);
        o.ConditionalAccessPolicies.Add(policy);

        var result = ProtectedActionsConfiguration.Validate(o);

        result.IsValid.Should().BeFalse();
        result.Issues.Should().Contain(i => i.Code == IssueCodes.NoEnforcedPolicy && i.Path == "ProtectedActions:AuthenticationContexts[1]",
            "the only policy for c2 failed, so nothing guards c2; the report must not suggest otherwise");
    }

    private static DefaultProtectedActionEvaluator Evaluator(ProtectedActionsOptions options) =>
        (DefaultProtectedActionEvaluator)ProtectedActionEvaluator.Create(options, Fixtures.Clock());

    [Test]
    public void Two_policies_reading_groups_roles_or_the_device_still_ask_for_them()
    {
        var o = Fixtures.Seed();
        o.ConditionalAccessPolicies =
        [
            Fixtures.Policy("a", "c1", strength: Fixtures.PhishingResistant, conditions: c =>
            {
                c.Users = new() { IncludeGroups = ["g1"], IncludeRoles = ["r1"] };
                c.Devices = new() { DeviceFilter = new() { Mode = "exclude", Rule = "device.deviceId -eq \"d1\"" } };
            }),
            Fixtures.Policy("b", "c1", controls: ["mfa"], conditions: c =>
            {
                c.Users = new() { IncludeUsers = ["All"], ExcludeGroups = ["g2"], ExcludeRoles = ["r2"] };
                c.Devices = new() { DeviceFilter = new() { Mode = "exclude", Rule = "device.deviceId -eq \"d2\"" } };
            }),
        ];

        Evaluator(o).ClaimNeedsFor(KnownPermissions.ConditionalAccessPoliciesCreate)
            .Should().Be(ClaimNeeds.Groups | ClaimNeeds.Roles | ClaimNeeds.Device);
    }
}
