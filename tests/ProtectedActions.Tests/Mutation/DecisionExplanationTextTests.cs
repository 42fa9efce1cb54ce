namespace ProtectedActions.Tests.Mutation;

/// <summary>
/// The exact explanation text a policy author reads: the verdict line for each outcome and cause, and one line per
/// policy. Built from decisions made with the public factories so every branch of the explainer is reached.
/// </summary>
public class DecisionExplanationTextTests
{
    private const string Permission = "contoso.billing/invoices/approve";

    private static string Explain(ProtectedActionOutcome outcome, DecisionCauses causes = DecisionCauses.None, int? maxAge = null,
        bool clientCapable = true, SatisfiedBy? by = null, string? context = "c1", params PolicyResult[] policies) =>
        ProtectedActionDecision.Create(outcome, Permission, context, by, policies, maxAge, clientCapable,
            outcome == ProtectedActionOutcome.StepUpRequired && clientCapable ? StepUpChallenge.Create(["Bearer x"], "c1") : null,
            causes: causes).Explanation;

    private static string FirstLine(string text) => text.Split('\n')[0];

    // ---- verdicts ----

    [Test]
    public void Not_protected() =>
        Explain(ProtectedActionOutcome.Allowed, context: null).Should().Be("Allowed: contoso.billing/invoices/approve is not a protected action.");

    [Test]
    public void Satisfied_by_the_token() =>
        Explain(ProtectedActionOutcome.Allowed, by: SatisfiedBy.Token)
            .Should().Be("Allowed: the token already satisfies authentication context c1 (acrs, or acr under its issuer's profile).");

    [Test]
    public void Allowed_with_an_applying_enabled_policy() =>
        Explain(ProtectedActionOutcome.Allowed, policies: PolicyResult.Create("p1"))
            .Should().Be("Allowed: every applying policy for authentication context c1 is satisfied.\n- p1 (enabled): applies, satisfied");

    [Test]
    public void Allowed_when_only_report_only_or_non_applying_policies_target_the_context()
    {
        var text = Explain(ProtectedActionOutcome.Allowed, policies:
        [
            PolicyResult.Create("p1", state: PolicyState.ReportOnly, satisfied: false, failedControls: ["mfa"], remediable: true),
            PolicyResult.Create("p2", applies: false, reason: PolicyReason.Users, satisfied: null),
        ]);

        text.Should().Be(
            "Allowed: no enabled policy for authentication context c1 applies to this sign-in.\n"
            + "- p1 (enabledForReportingButNotEnforced): applies, not satisfied: mfa (re-authentication can fix it) — report-only, not enforced\n"
            + "- p2 (enabled): does not apply (users)");
    }

    [Test]
    public void Allowed_with_no_policy_at_all() =>
        Explain(ProtectedActionOutcome.Allowed).Should().Be("Allowed: no enabled policy for authentication context c1 applies to this sign-in.");

    [TestCase(null, "Step-up required: authenticate again to satisfy authentication context c1.")]
    [TestCase(0, "Step-up required: authenticate again to satisfy authentication context c1 with a fresh sign-in (sign-in frequency: every time).")]
    [TestCase(3600, "Step-up required: authenticate again to satisfy authentication context c1 within the last 3600 seconds.")]
    public void Step_up_names_the_age_it_asks_for(int? maxAge, string expected) =>
        Explain(ProtectedActionOutcome.StepUpRequired, maxAge: maxAge).Should().Be(expected);

    [Test]
    public void Step_up_for_a_client_without_cp1_says_no_challenge_is_sent() =>
        Explain(ProtectedActionOutcome.StepUpRequired, DecisionCauses.Reauthentication, clientCapable: false).Should().Be(
            "Step-up required for authentication context c1, but the client did not declare the cp1 capability, so no challenge is sent."
            + " Because the sign-in's methods do not meet mfa or the authentication strength.");

    [Test]
    public void Step_up_lists_every_cause_in_a_fixed_order() =>
        Explain(ProtectedActionOutcome.StepUpRequired,
                DecisionCauses.MissingInformation | DecisionCauses.RestrictedStrength | DecisionCauses.IdentityProviderVerifies
                | DecisionCauses.SignInFrequency | DecisionCauses.Reauthentication, maxAge: 60)
            .Should().Be("Step-up required: authenticate again to satisfy authentication context c1 within the last 60 seconds. Because "
                + "the sign-in's methods do not meet mfa or the authentication strength; "
                + "the sign-in is older than the sign-in frequency allows; "
                + "the identity provider checks at step-up a control this API cannot verify; "
                + "the authentication strength is met only by combinations restricted to specific FIDO2 keys or certificates; the identity provider enforces the restriction at step-up; "
                + "a policy applies only because the sign-in lacks information.");

    [TestCase(DecisionCauses.Reauthentication, "the sign-in's methods do not meet mfa or the authentication strength")]
    [TestCase(DecisionCauses.SignInFrequency, "the sign-in is older than the sign-in frequency allows")]
    [TestCase(DecisionCauses.MissingInformation, "a policy applies only because the sign-in lacks information")]
    public void Step_up_names_a_single_cause(DecisionCauses cause, string phrase) =>
        Explain(ProtectedActionOutcome.StepUpRequired, cause)
            .Should().Be("Step-up required: authenticate again to satisfy authentication context c1. Because " + phrase + ".");

    [Test]
    public void Denied_without_a_known_cause_says_what_re_authentication_cannot_do() =>
        Explain(ProtectedActionOutcome.Denied).Should().Be(
            "Denied: re-authentication cannot satisfy authentication context c1. A policy requires what re-authentication cannot provide.");

    [Test]
    public void Denied_lists_every_cause_in_a_fixed_order() =>
        Explain(ProtectedActionOutcome.Denied, DecisionCauses.MissingInformation | DecisionCauses.RestrictedStrength | DecisionCauses.UnverifiableControl
                | DecisionCauses.ControlNotRemediable | DecisionCauses.Blocked)
            .Should().Be("Denied: re-authentication cannot satisfy authentication context c1. Because "
                + "a policy blocks access; "
                + "a required device control (compliant or hybrid joined device) fails on known facts; "
                + "a required control cannot be verified by this API, and acrs from the caller's issuer is not trusted, so a step-up cannot prove it; "
                + "the authentication strength is met only by combinations restricted to specific FIDO2 keys or certificates, which the token cannot prove; "
                + "a policy applies only because the sign-in lacks information.");

    [Test]
    public void Denied_by_strict_mode() =>
        Explain(ProtectedActionOutcome.Denied, DecisionCauses.StrictModeNoEnforcedPolicy)
            .Should().Be("Denied: no enabled policy targets authentication context c1 and strict mode is on.");

    [Test]
    public void Denied_by_strict_mode_with_report_only_policies_says_they_are_never_enforced() =>
        FirstLine(Explain(ProtectedActionOutcome.Denied, DecisionCauses.StrictModeNoEnforcedPolicy,
                policies: PolicyResult.Create("p1", state: PolicyState.ReportOnly)))
            .Should().Be("Denied: no enabled policy targets authentication context c1 and strict mode is on (report-only policies are reported, never enforced).");

    // ---- policy lines ----

    [Test]
    public void A_display_name_is_shown_with_the_id_unless_they_are_equal()
    {
        var text = Explain(ProtectedActionOutcome.Allowed, policies:
        [
            PolicyResult.Create("p1", displayName: "Require MFA"),
            PolicyResult.Create("p2", displayName: "p2"),
            PolicyResult.Create("p3", displayName: null),
        ]);

        text.Split('\n').Skip(1).Should().Equal(
            "- Require MFA [p1] (enabled): applies, satisfied",
            "- p2 (enabled): applies, satisfied",
            "- p3 (enabled): applies, satisfied");
    }

    [Test]
    public void A_disabled_policy_that_does_not_apply() =>
        Explain(ProtectedActionOutcome.Allowed, policies: PolicyResult.Create("p1", state: PolicyState.Disabled, applies: false,
                reason: PolicyReason.PolicyNotEnabled, satisfied: null))
            .Split('\n')[1].Should().Be("- p1 (disabled): does not apply (policyNotEnabled)");

    [Test]
    public void A_policy_that_applies_for_lack_of_information_names_what_was_missing() =>
        Explain(ProtectedActionOutcome.Denied, DecisionCauses.Blocked | DecisionCauses.MissingInformation, policies:
                PolicyResult.Create("p1", reason: PolicyReason.NotEnoughInformation, satisfied: false, failedControls: ["block"],
                    missingInformation: MissingInformation.Groups | MissingInformation.Device))
            .Split('\n')[1].Should().Be(
                "- p1 (enabled): applies for lack of information (group memberships, device information), not satisfied: block (re-authentication cannot fix it)");

    [Test]
    public void Every_kind_of_missing_information_has_its_name_in_a_fixed_order()
    {
        var all = Enum.GetValues<MissingInformation>().Aggregate(MissingInformation.None, (a, b) => a | b);

        Explain(ProtectedActionOutcome.Allowed, policies: PolicyResult.Create("p1", reason: PolicyReason.NotEnoughInformation, missingInformation: all))
            .Split('\n')[1].Should().Be("- p1 (enabled): applies for lack of information (user id, group memberships, directory roles, user type, "
                + "guest or external user kind, home tenant, device platform, IP address, country, client app type, device information, "
                + "sign-in risk, user risk, insider risk, authentication flow), satisfied");
    }

    [Test]
    public void Lack_of_information_without_a_name_says_unknown() =>
        Explain(ProtectedActionOutcome.Allowed, policies: PolicyResult.Create("p1", reason: PolicyReason.NotEnoughInformation))
            .Split('\n')[1].Should().Be("- p1 (enabled): applies for lack of information (unknown), satisfied");

    [Test]
    public void A_policy_with_unknown_satisfaction_says_only_that_it_applies() =>
        Explain(ProtectedActionOutcome.Allowed, policies: PolicyResult.Create("p1", satisfied: null))
            .Split('\n')[1].Should().Be("- p1 (enabled): applies");

    [Test]
    public void Several_failed_controls_are_listed_with_whether_re_authentication_helps() =>
        Explain(ProtectedActionOutcome.StepUpRequired, DecisionCauses.Reauthentication, policies:
                PolicyResult.Create("p1", satisfied: false, failedControls: ["mfa", "authenticationStrength"], remediable: true))
            .Split('\n')[1].Should().Be("- p1 (enabled): applies, not satisfied: mfa, authenticationStrength (re-authentication can fix it)");

    [Test]
    public void A_failed_policy_carries_its_detail_after_a_dash()
    {
        var policy = new PolicyResult("p1", null, PolicyState.Enabled, applies: true, PolicyReason.NotSet, satisfied: false,
            ["compliantDevice"], remediable: false, MissingInformation.None, detail: "the device is not compliant");

        Explain(ProtectedActionOutcome.Denied, DecisionCauses.ControlNotRemediable, policies: policy)
            .Split('\n')[1].Should().Be("- p1 (enabled): applies, not satisfied: compliantDevice (re-authentication cannot fix it) — the device is not compliant");
    }

    [Test]
    public void Notes_follow_the_policies_one_per_line()
    {
        var d = ProtectedActionDecision.Create(ProtectedActionOutcome.Allowed, Permission, "c1", policies: [PolicyResult.Create("p1")],
            reasons: ["first note", "second note"]);

        d.Explanation.Should().Be("Allowed: every applying policy for authentication context c1 is satisfied.\n"
            + "- p1 (enabled): applies, satisfied\nnote: first note\nnote: second note");
    }

    [Test]
    public void The_explanation_is_built_once()
    {
        var d = ProtectedActionDecision.Create(ProtectedActionOutcome.Allowed, Permission);
        d.Explanation.Should().BeSameAs(d.Explanation);
    }
}
