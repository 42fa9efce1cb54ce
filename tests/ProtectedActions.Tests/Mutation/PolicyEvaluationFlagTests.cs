using static ProtectedActions.Tests.Support.Fixtures;

namespace ProtectedActions.Tests.Mutation;

/// <summary>
/// The per-policy results a policy author reads (applies, satisfied, remediable, causes) for policies that do not
/// apply or are satisfied, and how the causes of several failing policies add up when they fail the same way.
/// </summary>
public class PolicyEvaluationFlagTests
{
    private static ProtectedActionsOptions With(params ConditionalAccessPolicy[] policies)
    {
        var o = Seed();
        o.ConditionalAccessPolicies = [.. policies];
        return o;
    }

    private static SignInContext SignIn(AuthenticationMethodModes modes, DeviceProperties? device = null, TimeSpan? age = null) => new()
    {
        UserId = Alice, TenantId = Tenant, Issuer = Issuer, GroupIds = [], RoleIds = [], UserType = UserType.Member,
        AuthenticationMethods = modes, AuthenticationTime = Now - (age ?? TimeSpan.FromMinutes(10)), Device = device,
        ClientCapabilities = ["cp1"],
    };

    [Test]
    public void Policies_that_are_off_empty_not_applying_or_satisfied_are_never_remediable()
    {
        // A policy with a session control ProtectedActions does not evaluate (and no grant) is an empty policy: a warning, not an error.
        var empty = Policy("empty", "c1");
        empty.GrantControls = null;
        empty.SessionControls = new();
        var o = With(
            Policy("off", "c1", state: "disabled", controls: ["mfa"]),
            empty,
            Policy("other-user", "c1", controls: ["mfa"], conditions: c => c.Users = new() { IncludeUsers = [BreakGlass] }),
            Policy("mfa", "c1", controls: ["mfa"]));

        var d = Evaluate(o, SignIn(AuthenticationMethodModes.Fido2));

        d.Outcome.Should().Be(ProtectedActionOutcome.Allowed);
        d.Policies.Select(p => (p.Id, p.Applies, p.Reason, p.Satisfied, p.Remediable, p.Causes)).Should().Equal(
            ("off", false, PolicyReason.PolicyNotEnabled, (bool?)null, false, DecisionCauses.None),
            ("empty", false, PolicyReason.EmptyPolicy, (bool?)null, false, DecisionCauses.None),
            ("other-user", false, PolicyReason.Users, (bool?)null, false, DecisionCauses.None),
            ("mfa", true, PolicyReason.NotSet, (bool?)true, false, DecisionCauses.None));
    }

    [Test]
    public void A_satisfied_policy_that_applies_only_for_lack_of_information_has_no_cause()
    {
        var o = With(Policy("android", "c1", controls: ["mfa"], conditions: c => c.Platforms = new() { IncludePlatforms = ["android"] }));

        var d = Evaluate(o, SignIn(AuthenticationMethodModes.Fido2));

        d.Outcome.Should().Be(ProtectedActionOutcome.Allowed);
        var policy = d.Policies.Single();
        policy.Reason.Should().Be(PolicyReason.NotEnoughInformation);
        policy.MissingInformation.Should().Be(MissingInformation.DevicePlatform);
        policy.Satisfied.Should().BeTrue();
        policy.Causes.Should().Be(DecisionCauses.None);
        d.Causes.Should().Be(DecisionCauses.None);
    }

    [Test]
    public void Two_block_policies_on_known_facts_deny_with_the_cause_blocked()
    {
        var d = Evaluate(With(Policy("b1", "c1", controls: ["block"]), Policy("b2", "c1", controls: ["block"])),
            SignIn(AuthenticationMethodModes.Fido2));

        d.Outcome.Should().Be(ProtectedActionOutcome.Denied);
        d.Causes.Should().Be(DecisionCauses.Blocked);
        d.Policies.Select(p => p.Causes).Should().Equal(DecisionCauses.Blocked, DecisionCauses.Blocked);
    }

    [Test]
    public void Attacker_on_a_non_compliant_device_is_denied_as_not_remediable_when_two_policies_require_compliance()
    {
        var d = Evaluate(With(Policy("d1", "c1", controls: ["compliantDevice"]), Policy("d2", "c1", controls: ["compliantDevice"])),
            SignIn(AuthenticationMethodModes.Fido2, new DeviceProperties { IsCompliant = false }));

        d.Outcome.Should().Be(ProtectedActionOutcome.Denied);
        d.Causes.Should().Be(DecisionCauses.ControlNotRemediable);
    }

    [Test]
    public void Two_policies_that_both_need_mfa_and_a_fresh_sign_in_ask_for_both_and_the_shorter_age()
    {
        // f1 needs mfa within one hour; f2 only a sign-in within two hours (no grant control at all).
        var d = Evaluate(With(Policy("f1", "c1", controls: ["mfa"], hours: 1), Policy("f2", "c1", hours: 2), Policy("m", "c1", controls: ["mfa"])),
            SignIn(AuthenticationMethodModes.Password, age: TimeSpan.FromHours(3)));

        d.Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
        d.Causes.Should().Be(DecisionCauses.Reauthentication | DecisionCauses.SignInFrequency);
        d.MaxAgeSeconds.Should().Be(3600);
        d.Policies.Select(p => p.Causes).Should().Equal(
            DecisionCauses.Reauthentication | DecisionCauses.SignInFrequency, DecisionCauses.SignInFrequency, DecisionCauses.Reauthentication);
        d.Policies.Select(p => p.Remediable).Should().AllBeEquivalentTo(true);
    }

    [Test]
    public void A_sign_in_frequency_only_policy_is_satisfied_by_a_recent_sign_in_of_any_method()
    {
        var d = Evaluate(With(Policy("f", "c1", hours: 1)), SignIn(AuthenticationMethodModes.Password));

        d.Outcome.Should().Be(ProtectedActionOutcome.Allowed);
        d.Policies.Single().Satisfied.Should().BeTrue();
        d.Policies.Single().Remediable.Should().BeFalse();
    }
}
