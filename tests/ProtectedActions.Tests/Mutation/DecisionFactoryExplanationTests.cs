using static ProtectedActions.Tests.Support.Fixtures;

namespace ProtectedActions.Tests.Mutation;

/// <summary>
/// The exact per-policy detail a policy author reads after the dash in the explanation: which failed controls this
/// API cannot verify (and whether the identity provider checks them at step-up), which fail on known facts, and a
/// strength met only by restricted combinations. Made by the evaluator from real policies and sign-ins.
/// </summary>
public class DecisionFactoryExplanationTests
{
    private const string RestrictedStrengthId = "11111111-aaaa-4bbb-8ccc-000000000001";
    private const string Fido2Key = "cb69481e-8ff7-4039-93ec-0a2729a154a8";

    private static ProtectedActionsOptions With(ConditionalAccessPolicy policy, bool trustAcrs = true)
    {
        var o = Seed();
        o.ConditionalAccessPolicies = [policy];
        o.Settings.TrustAcrsClaim = trustAcrs;
        return o;
    }

    private static SignInContext SignIn(AuthenticationMethodModes modes = AuthenticationMethodModes.Fido2, DeviceProperties? device = null,
        IReadOnlyList<string>? acrs = null, TimeSpan? age = null) => new()
    {
        UserId = Alice, TenantId = Tenant, Issuer = Issuer, GroupIds = [], RoleIds = [], UserType = UserType.Member,
        AuthenticationMethods = modes, AuthenticationTime = Now - (age ?? TimeSpan.FromMinutes(10)), Device = device,
        SatisfiedContexts = acrs, ClientCapabilities = ["cp1"],
    };

    private static PolicyResult Only(ProtectedActionsOptions o, SignInContext signIn) => Evaluate(o, signIn).Policies.Single();

    private static ConditionalAccessPolicy Apps() => Policy("apps", "c1", controls: ["approvedApplication", "compliantApplication"], op: "AND");

    [Test]
    public void Controls_this_api_cannot_verify_are_listed_and_left_to_the_identity_provider_when_acrs_is_trusted() =>
        Only(With(Apps()), SignIn()).Detail.Should().Be(
            "this API cannot verify approvedApplication, compliantApplication; the identity provider checks it at step-up");

    [Test]
    public void Controls_this_api_cannot_verify_fail_closed_when_acrs_is_not_trusted() =>
        Only(With(Apps(), trustAcrs: false), SignIn()).Detail.Should().Be(
            "this API cannot verify approvedApplication, compliantApplication, and acrs from this caller's issuer is not trusted, so a step-up cannot prove it");

    [Test]
    public void Both_device_controls_failing_on_known_facts_are_explained_one_after_the_other()
    {
        var policy = Policy("devices", "c1", controls: ["compliantDevice", "domainJoinedDevice"], op: "AND");

        Only(With(policy), SignIn(device: new DeviceProperties { IsCompliant = false, TrustType = "AzureAD" })).Detail.Should().Be(
            "compliantDevice fails on known facts: the device is known not to be compliant; "
            + "domainJoinedDevice fails on known facts: the device is known not to be hybrid joined");
    }

    [Test]
    public void A_device_that_is_not_hybrid_joined_is_explained_on_known_facts() =>
        Only(With(Policy("joined", "c1", controls: ["domainJoinedDevice"])), SignIn(device: new DeviceProperties { IsCompliant = true, TrustType = "AzureAD" }))
            .Detail.Should().Be("domainJoinedDevice fails on known facts: the device is known not to be hybrid joined");

    [Test]
    public void A_known_failure_follows_what_the_identity_provider_checks()
    {
        var policy = Policy("mixed", "c1", controls: ["compliantDevice", "approvedApplication"], op: "AND");

        Only(With(policy), SignIn(device: new DeviceProperties { IsCompliant = false })).Detail.Should().Be(
            "this API cannot verify approvedApplication; the identity provider checks it at step-up; "
            + "compliantDevice fails on known facts: the device is known not to be compliant");
    }

    [Test]
    public void A_block_on_known_facts_says_so() =>
        Only(With(Policy("b", "c1", controls: ["block"])), SignIn()).Detail.Should().Be("block applies on known facts");

    [Test]
    public void A_block_that_applies_only_for_lack_of_information_is_left_to_the_identity_provider()
    {
        var policy = Policy("b", "c1", controls: ["block"], conditions: c => c.Platforms = new() { IncludePlatforms = ["android"] });

        Only(With(policy), SignIn()).Detail.Should().Be(
            "this API cannot verify block (the block applies only because information is missing); the identity provider checks it at step-up");
    }

    [Test]
    public void A_failure_re_authentication_fixes_needs_no_detail()
    {
        var result = Only(With(Policy("m", "c1", controls: ["mfa"])), SignIn(AuthenticationMethodModes.Password));

        result.Satisfied.Should().BeFalse();
        result.Detail.Should().BeNull();
    }

    [Test]
    public void A_satisfied_policy_has_no_detail() =>
        Only(With(Policy("m", "c1", controls: ["mfa"])), SignIn()).Detail.Should().BeNull();

    [Test]
    public void A_trusted_acrs_that_proves_the_grant_still_explains_the_sign_in_frequency()
    {
        var d = Evaluate(Seed(), SignIn(AuthenticationMethodModes.Password, acrs: ["c1"], age: TimeSpan.FromHours(2)));

        d.Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
        d.Policies.Single().Detail.Should().Be(
            "a trusted acrs proves the grant controls, but the sign-in frequency is still enforced against auth_time");
    }

    private static ProtectedActionsOptions RestrictedStrength(string? displayName)
    {
        var o = With(Policy("p", "c1", strength: RestrictedStrengthId));
        o.AuthenticationStrengthPolicies =
        [
            new AuthenticationStrengthPolicy
            {
                Id = RestrictedStrengthId, DisplayName = displayName, PolicyType = "custom", AllowedCombinations = ["fido2"],
                CombinationConfigurations =
                [
                    new() { ODataType = "#microsoft.graph.fido2CombinationConfiguration", AppliesToCombinations = ["fido2"], AllowedAAGUIDs = [Fido2Key] },
                ],
            },
        ];
        return o;
    }

    [Test]
    public void A_restricted_strength_is_named_by_its_display_name() =>
        Only(RestrictedStrength("Contoso keys only"), SignIn()).Detail.Should().Be(
            "authentication strength 'Contoso keys only' is met only by combinations restricted to specific FIDO2 keys/certificates "
            + "that the token cannot prove; the identity provider enforces the restriction at step-up");

    [Test]
    public void A_restricted_strength_without_a_display_name_is_named_by_its_id() =>
        Only(RestrictedStrength(null), SignIn()).Detail.Should().Be(
            $"authentication strength '{RestrictedStrengthId}' is met only by combinations restricted to specific FIDO2 keys/certificates "
            + "that the token cannot prove; the identity provider enforces the restriction at step-up");
}
