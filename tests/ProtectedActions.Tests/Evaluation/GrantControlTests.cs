using static ProtectedActions.Tests.Support.Fixtures;

namespace ProtectedActions.Tests.Evaluation;

public class GrantControlTests
{
    private static ProtectedActionsOptions One(ConditionalAccessPolicy p)
    {
        var o = Seed();
        o.ConditionalAccessPolicies = [p];
        return o;
    }

    private static SignInContext Modes(AuthenticationMethodModes modes, DeviceProperties? device = null) => new()
    {
        UserId = Alice, GroupIds = [], RoleIds = [], UserType = UserType.Member, AuthenticationMethods = modes, AuthenticationTime = Now, Device = device,
    };

    [Test]
    public void Block_denies()
    {
        var d = Evaluate(One(Policy("b", "c1", controls: ["block"])), Modes(AuthenticationMethodModes.Fido2));
        d.Outcome.Should().Be(ProtectedActionOutcome.Denied);
        d.Policies[0].FailedControls.Should().Equal("block");
        d.Policies[0].Remediable.Should().BeFalse();
        d.Challenge.Should().BeNull();
    }

    [TestCase(AuthenticationMethodModes.Password, ProtectedActionOutcome.StepUpRequired)]
    [TestCase(AuthenticationMethodModes.Password | AuthenticationMethodModes.Sms, ProtectedActionOutcome.Allowed)]
    [TestCase(AuthenticationMethodModes.Password | AuthenticationMethodModes.UnspecifiedSecondFactor, ProtectedActionOutcome.Allowed)]
    [TestCase(AuthenticationMethodModes.Fido2, ProtectedActionOutcome.Allowed)]
    [TestCase(AuthenticationMethodModes.Sms, ProtectedActionOutcome.StepUpRequired)]
    [TestCase(AuthenticationMethodModes.None, ProtectedActionOutcome.StepUpRequired)]
    public void Mfa_control(AuthenticationMethodModes modes, ProtectedActionOutcome expected) =>
        Evaluate(One(Policy("m", "c1", controls: ["mfa"])), Modes(modes)).Outcome.Should().Be(expected);

    [TestCase(true, ProtectedActionOutcome.Allowed)]
    [TestCase(false, ProtectedActionOutcome.Denied)]
    public void Compliant_device_control(bool compliant, ProtectedActionOutcome expected) =>
        Evaluate(One(Policy("d", "c1", controls: ["compliantDevice"])), Modes(AuthenticationMethodModes.Fido2, new DeviceProperties { IsCompliant = compliant }))
            .Outcome.Should().Be(expected);

    [Test]
    public void Compliant_device_without_device_information_is_denied() =>
        Evaluate(One(Policy("d", "c1", controls: ["compliantDevice"])), Modes(AuthenticationMethodModes.Fido2)).Outcome.Should().Be(ProtectedActionOutcome.Denied);

    [TestCase("ServerAD", ProtectedActionOutcome.Allowed)]
    [TestCase("AzureAD", ProtectedActionOutcome.Denied)]
    public void Domain_joined_device_control(string trustType, ProtectedActionOutcome expected) =>
        Evaluate(One(Policy("d", "c1", controls: ["domainJoinedDevice"])), Modes(AuthenticationMethodModes.Fido2, new DeviceProperties { TrustType = trustType }))
            .Outcome.Should().Be(expected);

    [TestCase("approvedApplication")]
    [TestCase("compliantApplication")]
    [TestCase("passwordChange")]
    public void Controls_a_resource_server_cannot_verify_deny_and_are_not_remediable(string control)
    {
        var d = Evaluate(One(Policy("x", "c1", controls: [control])), Modes(AuthenticationMethodModes.Fido2));
        d.Outcome.Should().Be(ProtectedActionOutcome.Denied);
        d.Policies[0].FailedControls.Should().Equal(control);
    }

    [Test]
    public void Terms_of_use_cannot_be_verified_and_deny()
    {
        var p = Policy("t", "c1");
        p.GrantControls!.TermsOfUse = ["tou-1"];
        Evaluate(One(p), Modes(AuthenticationMethodModes.Fido2)).Policies[0].FailedControls.Should().Equal("termsOfUse");
    }

    [Test]
    public void Custom_factors_cannot_be_verified_and_deny()
    {
        var p = Policy("t", "c1");
        p.GrantControls!.CustomAuthenticationFactors = ["duo"];
        Evaluate(One(p), Modes(AuthenticationMethodModes.Fido2)).Outcome.Should().Be(ProtectedActionOutcome.Denied);
    }

    [Test]
    public void And_requires_every_control()
    {
        var o = One(Policy("a", "c1", controls: ["mfa", "compliantDevice"], op: "AND"));
        Evaluate(o, Modes(AuthenticationMethodModes.Fido2, new() { IsCompliant = true })).Outcome.Should().Be(ProtectedActionOutcome.Allowed);
        var d = Evaluate(o, Modes(AuthenticationMethodModes.Password, new() { IsCompliant = true }));
        d.Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
        d.Policies[0].FailedControls.Should().Equal("mfa");
    }

    [Test]
    public void And_with_a_non_remediable_failure_denies()
    {
        var d = Evaluate(One(Policy("a", "c1", controls: ["mfa", "compliantDevice"], op: "AND")), Modes(AuthenticationMethodModes.Password, new() { IsCompliant = false }));
        d.Outcome.Should().Be(ProtectedActionOutcome.Denied);
        d.Policies[0].FailedControls.Should().BeEquivalentTo("mfa", "compliantDevice");
    }

    [Test]
    public void Or_is_satisfied_by_any_control() =>
        Evaluate(One(Policy("o", "c1", controls: ["mfa", "compliantDevice"], op: "OR")), Modes(AuthenticationMethodModes.Password, new() { IsCompliant = true }))
            .Outcome.Should().Be(ProtectedActionOutcome.Allowed);

    [Test]
    public void Or_with_one_remediable_alternative_steps_up()
    {
        var d = Evaluate(One(Policy("o", "c1", controls: ["mfa", "compliantDevice"], op: "OR")), Modes(AuthenticationMethodModes.Password, new() { IsCompliant = false }));
        d.Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
        d.Policies[0].Remediable.Should().BeTrue();
    }

    [Test]
    public void Or_with_no_remediable_alternative_denies() =>
        Evaluate(One(Policy("o", "c1", controls: ["compliantDevice", "domainJoinedDevice"], op: "OR")), Modes(AuthenticationMethodModes.Fido2, new() { IsCompliant = false }))
            .Outcome.Should().Be(ProtectedActionOutcome.Denied);

    [Test]
    public void Missing_operator_means_and() =>
        // docs/decisions.md 10a (was Missing_operator_means_or): Entra's default for several controls is "require all".
        Evaluate(One(Policy("o", "c1", controls: ["mfa", "compliantDevice"], op: null!)), Modes(AuthenticationMethodModes.Fido2, new() { IsCompliant = false }))
            .Outcome.Should().Be(ProtectedActionOutcome.Denied);

    [Test]
    public void Report_only_policy_is_reported_but_never_enforced()
    {
        var d = Evaluate(One(Policy("r", "c1", state: "enabledForReportingButNotEnforced", controls: ["block"])), Modes(AuthenticationMethodModes.Password));
        d.Outcome.Should().Be(ProtectedActionOutcome.Allowed);
        d.Policies[0].ReportOnly.Should().BeTrue();
        d.Policies[0].Applies.Should().BeTrue();
        d.Policies[0].Satisfied.Should().BeFalse();
        d.Policies[0].FailedControls.Should().Equal("block");
    }

    [Test]
    public void Disabled_policy_is_reported_as_policy_not_enabled()
    {
        var o = One(Policy("off", "c1", state: "disabled", controls: ["block"]));
        var d = Evaluate(o, Modes(AuthenticationMethodModes.Password));
        d.Outcome.Should().Be(ProtectedActionOutcome.Allowed);
        d.Policies[0].Reason.Should().Be(PolicyReason.PolicyNotEnabled);
        d.Policies[0].Applies.Should().BeFalse();
    }

    [Test]
    public void Block_in_one_policy_beats_step_up_in_another()
    {
        var o = Seed();
        o.ConditionalAccessPolicies = [Policy("mfa", "c1", controls: ["mfa"]), Policy("block", "c1", controls: ["block"])];
        Evaluate(o, Modes(AuthenticationMethodModes.Password)).Outcome.Should().Be(ProtectedActionOutcome.Denied);
    }

    [Test]
    public void Every_applying_policy_must_be_satisfied()
    {
        var o = Seed();
        o.ConditionalAccessPolicies = [Policy("mfa", "c1", controls: ["mfa"]), Policy("pr", "c1", strength: PhishingResistant)];
        var d = Evaluate(o, Modes(AuthenticationMethodModes.Password | AuthenticationMethodModes.Sms));
        d.Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
        d.Policies.Select(p => p.Satisfied).Should().Equal(true, false);
    }

    [Test]
    public void Enabled_policy_without_controls_is_rejected_instead_of_silently_never_applying()
    {
        // It used to compile as an empty policy that never applies (allowed); now it is a configuration error.
        var p = Policy("e", "c1");
        p.GrantControls = null;
        var result = ProtectedActionsConfiguration.Validate(One(p));
        result.IsValid.Should().BeFalse();
        result.Errors.Should().ContainSingle(e => e.Code == "PA1090");
    }

    [Test]
    public void Context_without_enabled_policy_is_allowed_by_default()
    {
        var o = Seed();
        o.ConditionalAccessPolicies = [];
        var d = Evaluate(o, Modes(AuthenticationMethodModes.Password));
        d.Outcome.Should().Be(ProtectedActionOutcome.Allowed);
        d.SatisfiedBy.Should().Be(SatisfiedBy.Policies);
    }

    [Test]
    public void Context_without_enabled_policy_is_denied_in_strict_mode()
    {
        var o = Seed();
        o.ConditionalAccessPolicies = [Policy("r", "c1", state: "enabledForReportingButNotEnforced", controls: ["mfa"])];
        o.Settings.StrictMode = true;
        Evaluate(o, Modes(AuthenticationMethodModes.Fido2)).Outcome.Should().Be(ProtectedActionOutcome.Denied);
    }

    [Test]
    public void Policy_for_another_context_takes_no_part()
    {
        var o = Seed();
        o.AuthenticationContexts.Add(new() { Id = "c2" });
        o.ConditionalAccessPolicies.Add(Policy("other", "c2", controls: ["block"]));
        var d = Evaluate(o, Modes(AuthenticationMethodModes.Fido2));
        d.Outcome.Should().Be(ProtectedActionOutcome.Allowed);
        d.Policies.Should().ContainSingle().Which.Id.Should().Be("p1");
    }

    [Test]
    public void Client_without_cp1_gets_no_challenge_when_capability_is_required()
    {
        var o = Seed();
        o.Settings.RequireClientCapability = true;
        var d = Evaluate(o, Modes(AuthenticationMethodModes.Password));
        d.Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
        d.ClientCapable.Should().BeFalse();
        d.Challenge.Should().BeNull();
        d.Explanation.Should().Contain("cp1");
    }

    [Test]
    public void Client_with_cp1_gets_the_challenge_when_capability_is_required()
    {
        var o = Seed();
        o.Settings.RequireClientCapability = true;
        var s = new SignInContext { UserId = Alice, GroupIds = [], RoleIds = [], UserType = UserType.Member, AuthenticationMethods = AuthenticationMethodModes.Password, AuthenticationTime = Now, ClientCapabilities = ["cp1"] };
        var d = Evaluate(o, s);
        d.ClientCapable.Should().BeTrue();
        d.Challenge!.WwwAuthenticate.Should().ContainSingle().Which.Should().Contain("error=\"insufficient_claims\"");
    }
}
