using static ProtectedActions.Tests.Support.Fixtures;

namespace ProtectedActions.Tests.Evaluation;

/// <summary>A decision carries its causes as data, and its explanation is derived from them.</summary>
public class DecisionCausesTests
{
    private const string Fido2Key = "cb69481e-8ff7-4039-93ec-0a2729a154a8";
    private const string Restricted = "11111111-aaaa-4bbb-8ccc-000000000001";

    private static ProtectedActionsOptions With(params ConditionalAccessPolicy[] policies)
    {
        var o = Seed();
        o.ConditionalAccessPolicies = [.. policies];
        return o;
    }

    private static SignInContext SignIn(AuthenticationMethodModes modes, DeviceProperties? device = null, DateTimeOffset? authTime = null, bool cp1 = true) => new()
    {
        UserId = Alice, TenantId = Tenant, Issuer = Issuer, GroupIds = [], RoleIds = [], UserType = UserType.Member,
        AuthenticationMethods = modes, AuthenticationTime = authTime ?? Now, Device = device, ClientCapabilities = cp1 ? ["cp1"] : null,
    };

    private static ConditionalAccessPolicy TermsOfUse()
    {
        var p = Policy("t", "c1");
        p.GrantControls!.TermsOfUse = ["tou-1"];
        return p;
    }

    [Test]
    public void An_allowed_decision_has_no_cause()
    {
        var d = Evaluate(Seed(), Fido2());
        d.IsAllowed.Should().BeTrue();
        d.Causes.Should().Be(DecisionCauses.None);
        d.Policies[0].Causes.Should().Be(DecisionCauses.None);
        d.Explanation.Should().StartWith("Allowed:");
    }

    [Test]
    public void A_block_on_known_facts_is_denied_with_the_cause_blocked()
    {
        var d = Evaluate(With(Policy("b", "c1", controls: ["block"])), SignIn(AuthenticationMethodModes.Fido2));
        d.Outcome.Should().Be(ProtectedActionOutcome.Denied);
        d.Causes.Should().Be(DecisionCauses.Blocked);
        d.Policies[0].Causes.Should().Be(DecisionCauses.Blocked);
        d.Explanation.Should().StartWith("Denied: re-authentication cannot satisfy authentication context c1. Because a policy blocks access.");
    }

    [Test]
    public void Strict_mode_denying_a_context_only_report_only_policies_target_says_so_and_not_that_a_policy_blocks()
    {
        var o = With(Policy("r", "c1", state: "enabledForReportingButNotEnforced", controls: ["mfa"]));
        o.Settings.StrictMode = true;
        var d = Evaluate(o, SignIn(AuthenticationMethodModes.Fido2));
        d.Outcome.Should().Be(ProtectedActionOutcome.Denied);
        d.Causes.Should().Be(DecisionCauses.StrictModeNoEnforcedPolicy);
        d.Policies.Should().ContainSingle();
        d.Explanation.Should().StartWith("Denied: no enabled policy targets authentication context c1 and strict mode is on (report-only policies are reported, never enforced).")
            .And.NotContain("blocks access");
        d.Notes.Should().ContainSingle(n => n.Code == DecisionNoteCodes.StrictMode);
    }

    [Test]
    public void Strict_mode_without_any_policy_names_strict_mode()
    {
        var o = With();
        o.Settings.StrictMode = true;
        var d = Evaluate(o, SignIn(AuthenticationMethodModes.Fido2));
        d.Causes.Should().Be(DecisionCauses.StrictModeNoEnforcedPolicy);
        d.Explanation.Should().StartWith("Denied: no enabled policy targets authentication context c1 and strict mode is on.");
    }

    [Test]
    public void A_device_known_not_to_be_compliant_is_denied_as_not_remediable()
    {
        var d = Evaluate(With(Policy("d", "c1", controls: ["compliantDevice"])), SignIn(AuthenticationMethodModes.Fido2, new DeviceProperties { IsCompliant = false }));
        d.Outcome.Should().Be(ProtectedActionOutcome.Denied);
        d.Causes.Should().Be(DecisionCauses.ControlNotRemediable);
        d.Explanation.Should().Contain("Because a required device control (compliant or hybrid joined device) fails on known facts.");
    }

    [Test]
    public void Attacker_an_unverifiable_control_without_trusted_acrs_is_denied_as_unverifiable()
    {
        var o = With(TermsOfUse());
        o.Settings.TrustAcrsClaim = false;
        var d = Evaluate(o, SignIn(AuthenticationMethodModes.Fido2));
        d.Outcome.Should().Be(ProtectedActionOutcome.Denied);
        d.Causes.Should().Be(DecisionCauses.UnverifiableControl);
        d.Explanation.Should().Contain("acrs from the caller's issuer is not trusted, so a step-up cannot prove it");
    }

    [Test]
    public void Locked_out_user_an_unverifiable_control_with_trusted_acrs_is_a_step_up_the_identity_provider_checks()
    {
        var d = Evaluate(With(TermsOfUse()), SignIn(AuthenticationMethodModes.Fido2));
        d.Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
        d.Challenge!.AuthenticationContextId.Should().Be("c1");
        d.Challenge.WwwAuthenticate.Should().ContainSingle().Which.Should().StartWith("Bearer ");
        d.Causes.Should().Be(DecisionCauses.IdentityProviderVerifies);
        d.Explanation.Should().Contain("Because the identity provider checks at step-up a control this API cannot verify.");
    }

    [Test]
    public void Locked_out_user_missing_mfa_is_a_step_up_by_reauthentication_with_a_challenge()
    {
        var d = Evaluate(With(Policy("m", "c1", controls: ["mfa"])), SignIn(AuthenticationMethodModes.Password));
        d.Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
        d.Challenge!.AuthenticationContextId.Should().Be("c1");
        d.Challenge.WwwAuthenticate.Should().ContainSingle().Which.Should().StartWith("Bearer ");
        d.Causes.Should().Be(DecisionCauses.Reauthentication);
        d.Explanation.Should().StartWith("Step-up required: authenticate again to satisfy authentication context c1.")
            .And.Contain("Because the sign-in's methods do not meet mfa or the authentication strength.");
    }

    [Test]
    public void An_old_sign_in_is_a_step_up_for_sign_in_frequency()
    {
        var d = Evaluate(Seed(), SignIn(AuthenticationMethodModes.Fido2, authTime: Now - TimeSpan.FromHours(2)));
        d.Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
        d.Causes.Should().Be(DecisionCauses.SignInFrequency);
        d.MaxAgeSeconds.Should().Be(3600);
        d.Explanation.Should().Contain("within the last 3600 seconds. Because the sign-in is older than the sign-in frequency allows.");
    }

    [Test]
    public void Mfa_and_frequency_failing_together_are_both_causes()
    {
        var d = Evaluate(Seed(), SignIn(AuthenticationMethodModes.Password, authTime: Now - TimeSpan.FromHours(2)));
        d.Causes.Should().Be(DecisionCauses.Reauthentication | DecisionCauses.SignInFrequency);
    }

    private static ProtectedActionsOptions RestrictedStrength()
    {
        var o = With(Policy("p", "c1", strength: Restricted));
        o.AuthenticationStrengthPolicies =
        [
            new AuthenticationStrengthPolicy
            {
                Id = Restricted, DisplayName = "Contoso keys only", PolicyType = "custom", AllowedCombinations = ["fido2"],
                CombinationConfigurations =
                [
                    new() { ODataType = "#microsoft.graph.fido2CombinationConfiguration", AppliesToCombinations = ["fido2"], AllowedAAGUIDs = [Fido2Key] },
                ],
            },
        ];
        return o;
    }

    [Test]
    public void Attacker_any_key_for_a_restricted_strength_without_trusted_acrs_is_denied_as_restricted()
    {
        var o = RestrictedStrength();
        o.Settings.TrustAcrsClaim = false;
        var d = Evaluate(o, SignIn(AuthenticationMethodModes.Fido2));
        d.Outcome.Should().Be(ProtectedActionOutcome.Denied);
        d.Causes.Should().Be(DecisionCauses.RestrictedStrength);
        d.Explanation.Should().Contain("Because the authentication strength is met only by combinations restricted to specific FIDO2 keys or certificates, which the token cannot prove.");
    }

    [Test]
    public void Locked_out_user_a_restricted_strength_with_trusted_acrs_is_a_step_up()
    {
        var d = Evaluate(RestrictedStrength(), SignIn(AuthenticationMethodModes.Fido2));
        d.Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
        d.Challenge!.AuthenticationContextId.Should().Be("c1");
        d.Challenge.WwwAuthenticate.Should().ContainSingle().Which.Should().StartWith("Bearer ");
        d.Causes.Should().Be(DecisionCauses.RestrictedStrength);
        d.Explanation.Should().Contain("the identity provider enforces the restriction at step-up");
    }

    [Test]
    public void Attacker_withholding_the_platform_does_not_escape_a_platform_block()
    {
        var p = Policy("b", "c1", controls: ["block"], conditions: c => c.Platforms = new() { IncludePlatforms = ["android"] });
        var o = With(p);
        o.Settings.TrustAcrsClaim = false;
        var d = Evaluate(o, SignIn(AuthenticationMethodModes.Fido2));
        d.IsAllowed.Should().BeFalse();
        d.Causes.Should().HaveFlag(DecisionCauses.MissingInformation).And.HaveFlag(DecisionCauses.UnverifiableControl);
        d.Policies[0].MissingInformation.Should().Be(MissingInformation.DevicePlatform);
        d.Explanation.Should().Contain("a policy applies only because the sign-in lacks information").And.Contain("for lack of information (device platform)");
    }

    [Test]
    public void A_client_without_cp1_gets_the_cause_client_not_capable_and_no_challenge()
    {
        var o = With(Policy("m", "c1", controls: ["mfa"]));
        o.Settings.RequireClientCapability = true;
        var d = Evaluate(o, SignIn(AuthenticationMethodModes.Password, cp1: false));
        d.Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
        d.Challenge.Should().BeNull();
        d.Causes.Should().Be(DecisionCauses.Reauthentication | DecisionCauses.ClientNotCapable);
        d.Explanation.Should().StartWith("Step-up required for authentication context c1, but the client did not declare the cp1 capability");
    }

    [Test]
    public void A_failing_report_only_policy_reports_its_causes_but_the_decision_has_none()
    {
        var d = Evaluate(With(Policy("r", "c1", state: "enabledForReportingButNotEnforced", controls: ["block"])), SignIn(AuthenticationMethodModes.Fido2));
        d.IsAllowed.Should().BeTrue();
        d.Causes.Should().Be(DecisionCauses.None);
        d.Policies[0].Causes.Should().Be(DecisionCauses.Blocked);
    }

    [Test]
    public void A_future_auth_time_is_a_coded_note()
    {
        var d = Evaluate(Seed(), SignIn(AuthenticationMethodModes.Fido2, authTime: Now + TimeSpan.FromHours(1)));
        d.Notes.Should().ContainSingle(n => n.Code == DecisionNoteCodes.AuthenticationTimeInFuture);
        d.Notes.Select(n => n.Message).Should().Equal(d.Reasons);
    }

    [TestCase("claims: the claims could not be read; every claim is treated as absent", DecisionNoteCodes.ClaimsUnreadable)]
    [TestCase("groups: the token signals a groups overage (membership is elsewhere); group membership is treated as unknown", DecisionNoteCodes.GroupsOverage)]
    [TestCase("groups: not an array of strings; treated as absent", DecisionNoteCodes.ClaimTreatedAsAbsent)]
    [TestCase("auth_time: before 2000-01-01 or after 9999-12-31; treated as absent", DecisionNoteCodes.ClaimTreatedAsAbsent)]
    [TestCase("idtyp: an app-only token; there is no signed-in user", DecisionNoteCodes.AppOnlyToken)]
    [TestCase("idtyp: not a string; treated as absent", DecisionNoteCodes.ClaimTreatedAsAbsent)]
    [TestCase("identity: not authenticated; no claim is read", DecisionNoteCodes.NotAuthenticated)]
    [TestCase("identity: several authenticated identities and not exactly one from a trusted issuer; no claim is read", DecisionNoteCodes.AmbiguousIdentity)]
    [TestCase("auth_time is in the future beyond the allowed clock skew; treated as absent", DecisionNoteCodes.AuthenticationTimeInFuture)]
    [TestCase("device information provider timed out; policies that need device information fail closed", DecisionNoteCodes.DeviceProviderFailed)]
    [TestCase("country resolver failed (HttpRequestException); country locations are treated as unknown (fail closed)", DecisionNoteCodes.CountryResolverFailed)]
    [TestCase("country resolver returned a value that is not an ISO 3166 alpha-2 code; treated as unknown information", DecisionNoteCodes.CountryResolverInvalid)]
    [TestCase("strict mode: no enabled policy targets this authentication context", DecisionNoteCodes.StrictMode)]
    [TestCase("the host says: something else", DecisionNoteCodes.Other)]
    public void Each_note_the_library_writes_has_its_code(string note, string code)
    {
        var d = ProtectedActionDecision.Create(ProtectedActionOutcome.Allowed, "x", reasons: [note]);
        d.Notes.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Code = code, Message = note });
    }

    [TestCase(DecisionCauses.Blocked, "a policy blocks access")]
    [TestCase(DecisionCauses.ControlNotRemediable, "fails on known facts")]
    [TestCase(DecisionCauses.UnverifiableControl, "a step-up cannot prove it")]
    [TestCase(DecisionCauses.RestrictedStrength, "which the token cannot prove")]
    [TestCase(DecisionCauses.MissingInformation, "lacks information")]
    [TestCase(DecisionCauses.None, "A policy requires what re-authentication cannot provide.")]
    public void The_denial_text_comes_from_the_causes(DecisionCauses cause, string text) =>
        ProtectedActionDecision.Create(ProtectedActionOutcome.Denied, "x", "c1", causes: cause).Explanation.Should().Contain(text);

    [TestCase(DecisionCauses.Reauthentication, "do not meet mfa or the authentication strength")]
    [TestCase(DecisionCauses.SignInFrequency, "older than the sign-in frequency allows")]
    [TestCase(DecisionCauses.IdentityProviderVerifies, "the identity provider checks at step-up")]
    [TestCase(DecisionCauses.RestrictedStrength, "enforces the restriction at step-up")]
    [TestCase(DecisionCauses.MissingInformation, "lacks information")]
    public void The_step_up_text_comes_from_the_causes(DecisionCauses cause, string text) =>
        ProtectedActionDecision.Create(ProtectedActionOutcome.StepUpRequired, "x", "c1", causes: cause).Explanation.Should().Contain(text);

    [Test]
    public void Strict_mode_text_comes_from_the_cause_not_from_the_policy_count()
    {
        var withPolicy = ProtectedActionDecision.Create(ProtectedActionOutcome.Denied, "x", "c1",
            policies: [PolicyResult.Create("r", state: PolicyState.ReportOnly, satisfied: null)], causes: DecisionCauses.StrictModeNoEnforcedPolicy);
        withPolicy.Explanation.Should().Contain("strict mode is on (report-only policies are reported, never enforced)");
        ProtectedActionDecision.Create(ProtectedActionOutcome.Denied, "x", "c1").Explanation.Should().NotContain("strict mode");
    }

    [Test]
    public void Create_adds_client_not_capable_to_a_step_up_without_cp1() =>
        ProtectedActionDecision.Create(ProtectedActionOutcome.StepUpRequired, "x", "c1", clientCapable: false, causes: DecisionCauses.Reauthentication)
            .Causes.Should().Be(DecisionCauses.Reauthentication | DecisionCauses.ClientNotCapable);

    [Test]
    public void Create_refuses_an_allowed_decision_with_causes() =>
        FluentActions.Invoking(() => ProtectedActionDecision.Create(ProtectedActionOutcome.Allowed, "x", causes: DecisionCauses.Blocked))
            .Should().Throw<ArgumentException>();

    [Test]
    public void Missing_information_names_are_stable()
    {
        Enum.GetNames<MissingInformation>().Should().Equal("None", "User", "Groups", "Roles", "UserType", "GuestType", "Tenant", "DevicePlatform",
            "IpAddress", "Country", "ClientAppType", "Device", "SignInRisk", "UserRisk", "InsiderRisk", "AuthenticationFlow");
        Enum.GetNames<DecisionCauses>().Should().Equal("None", "StrictModeNoEnforcedPolicy", "Blocked", "ControlNotRemediable", "UnverifiableControl",
            "IdentityProviderVerifies", "RestrictedStrength", "Reauthentication", "SignInFrequency", "MissingInformation", "ClientNotCapable", "StepUpUnsatisfiable");
    }
}
