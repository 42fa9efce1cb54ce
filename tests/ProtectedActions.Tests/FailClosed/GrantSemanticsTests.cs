using static ProtectedActions.Tests.Support.Fixtures;

namespace ProtectedActions.Tests.FailClosed;

/// <summary>AND by default (docs/decisions/fail-closed-evaluation.md), strength restrictions, and controls only the identity provider can check.</summary>
public class GrantSemanticsTests
{
    private const string Fido2Key = "cb69481e-8ff7-4039-93ec-0a2729a154a8";
    private const string Restricted = "11111111-aaaa-4bbb-8ccc-000000000001";

    private static ProtectedActionsOptions With(params ConditionalAccessPolicy[] policies)
    {
        var o = Seed();
        o.ConditionalAccessPolicies = [.. policies];
        return o;
    }

    /// <summary>A sign-in from the trusted issuer (acrs would be trusted), without an acrs claim.</summary>
    private static SignInContext Trusted(AuthenticationMethodModes modes, DeviceProperties? device = null, string? issuer = Issuer) => new()
    {
        UserId = Alice, TenantId = Tenant, Issuer = issuer, GroupIds = [], RoleIds = [], UserType = UserType.Member,
        AuthenticationMethods = modes, AuthenticationTime = Now, Device = device,
    };

    private static SignInContext Untrusted(AuthenticationMethodModes modes, DeviceProperties? device = null) =>
        Trusted(modes, device, issuer: "https://login.microsoftonline.com/0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9/v2.0");

    // Item 5 ------------------------------------------------------------------------------------------------

    [Test]
    public void Attacker_several_controls_without_an_operator_require_all_never_one()
    {
        var d = Evaluate(With(Policy("p", "c1", controls: ["mfa", "compliantDevice"], op: null!)), Trusted(AuthenticationMethodModes.Fido2, new() { IsCompliant = false }));
        d.IsAllowed.Should().BeFalse();
        d.Outcome.Should().Be(ProtectedActionOutcome.Denied);
        d.Policies[0].FailedControls.Should().Equal("compliantDevice");
    }

    [Test]
    public void Several_controls_without_an_operator_allow_when_all_are_met() =>
        Evaluate(With(Policy("p", "c1", controls: ["mfa", "compliantDevice"], op: null!)), Trusted(AuthenticationMethodModes.Fido2, new() { IsCompliant = true }))
            .IsAllowed.Should().BeTrue();

    [Test]
    public void An_explicit_or_still_needs_only_one() =>
        Evaluate(With(Policy("p", "c1", controls: ["mfa", "compliantDevice"], op: "OR")), Trusted(AuthenticationMethodModes.Fido2, new() { IsCompliant = false }))
            .IsAllowed.Should().BeTrue();

    [TestCase(AuthenticationMethodModes.Fido2, ProtectedActionOutcome.Allowed)]
    [TestCase(AuthenticationMethodModes.Password, ProtectedActionOutcome.StepUpRequired)]
    public void One_control_without_an_operator_is_that_control(AuthenticationMethodModes modes, ProtectedActionOutcome expected) =>
        Evaluate(With(Policy("p", "c1", controls: ["mfa"], op: null!)), Trusted(modes)).Outcome.Should().Be(expected);

    [Test]
    public void An_unknown_operator_stays_an_error() =>
        ProtectedActionsConfiguration.Validate(With(Policy("p", "c1", controls: ["mfa"], op: "XOR"))).Errors
            .Should().Contain(e => e.Code == "PA1032" && e.Path.EndsWith(":grantControls:operator", StringComparison.Ordinal));

    // Item 6 ------------------------------------------------------------------------------------------------

    private static ProtectedActionsOptions RestrictedStrength(bool withHello = false, string? applies = "fido2")
    {
        var o = With(Policy("p", "c1", strength: Restricted));
        o.AuthenticationStrengthPolicies =
        [
            new AuthenticationStrengthPolicy
            {
                Id = Restricted, DisplayName = "Contoso keys only", PolicyType = "custom",
                AllowedCombinations = withHello ? ["fido2", "windowsHelloForBusiness"] : ["fido2"],
                CombinationConfigurations =
                [
                    new() { ODataType = "#microsoft.graph.fido2CombinationConfiguration", AppliesToCombinations = [applies!], AllowedAAGUIDs = [Fido2Key] },
                ],
            },
        ];
        return o;
    }

    [Test]
    public void Attacker_any_fido2_key_does_not_satisfy_an_aaguid_restricted_strength()
    {
        var d = Evaluate(RestrictedStrength(), Trusted(AuthenticationMethodModes.Fido2));
        d.Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
        d.Challenge.Should().NotBeNull();
        d.Policies[0].FailedControls.Should().Equal("authenticationStrength");
        d.Policies[0].Remediable.Should().BeTrue();
        d.Explanation.Should().Contain("restricted to specific FIDO2 keys/certificates that the token cannot prove");
    }

    [Test]
    public void An_unrestricted_allowed_combination_still_satisfies_the_strength() =>
        Evaluate(RestrictedStrength(withHello: true), Trusted(AuthenticationMethodModes.WindowsHelloForBusiness)).IsAllowed.Should().BeTrue();

    [Test]
    public void A_restricted_only_strength_denies_when_acrs_cannot_prove_it()
    {
        var o = RestrictedStrength();
        o.Settings.TrustAcrsClaim = false;
        Evaluate(o, Trusted(AuthenticationMethodModes.Fido2)).Outcome.Should().Be(ProtectedActionOutcome.Denied);
    }

    [Test]
    public void A_trusted_acrs_satisfies_a_restricted_strength_after_step_up()
    {
        var signIn = Trusted(AuthenticationMethodModes.Fido2);
        var d = Evaluate(RestrictedStrength(), new SignInContext
        {
            UserId = signIn.UserId, TenantId = signIn.TenantId, Issuer = signIn.Issuer, AuthenticationMethods = signIn.AuthenticationMethods,
            SatisfiedContexts = ["c1"],
        });
        d.SatisfiedBy.Should().Be(SatisfiedBy.Token);
    }

    [Test]
    public void Certificate_restrictions_restrict_certificate_combinations()
    {
        var o = With(Policy("p", "c1", strength: Restricted));
        o.AuthenticationStrengthPolicies =
        [
            new AuthenticationStrengthPolicy
            {
                Id = Restricted, PolicyType = "custom", AllowedCombinations = ["x509CertificateMultiFactor", "fido2"],
                CombinationConfigurations = [new() { AppliesToCombinations = ["x509CertificateMultiFactor"], AllowedIssuerSkis = ["9A4248C6AC8C2931AB2A86537818E92E7B6C97B6"], AllowedPolicyOIDs = ["1.2.3.4"] }],
            },
        ];
        Evaluate(o, Trusted(AuthenticationMethodModes.X509CertificateMultiFactor)).Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
        Evaluate(o, Trusted(AuthenticationMethodModes.Fido2)).IsAllowed.Should().BeTrue();
    }

    [Test]
    public void A_graph_export_embeds_the_restriction_in_the_policy()
    {
        var policy = Policy("p", "c1");
        policy.GrantControls!.AuthenticationStrength = new AuthenticationStrengthReference
        {
            Id = Restricted, AllowedCombinations = ["fido2"],
            CombinationConfigurations = [new() { ODataType = "#microsoft.graph.fido2CombinationConfiguration", AppliesToCombinations = ["fido2"], AllowedAAGUIDs = [Fido2Key] }],
        };
        Evaluate(With(policy), Trusted(AuthenticationMethodModes.Fido2)).Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
    }

    [Test]
    public void A_document_with_odata_types_reads_the_restriction()
    {
        const string Json = """
            { "authenticationContexts": [ { "id": "c1" } ],
              "protectedActions": [ { "permission": "a.b/c/d", "authenticationContextId": "c1" } ],
              "authenticationStrengthPolicies": [ { "id": "s1", "policyType": "custom", "allowedCombinations": [ "fido2" ],
                "combinationConfigurations": [ { "@odata.type": "#microsoft.graph.fido2CombinationConfiguration", "id": "x",
                  "appliesToCombinations": [ "fido2" ], "allowedAAGUIDs": [ "cb69481e-8ff7-4039-93ec-0a2729a154a8" ] } ] } ],
              "conditionalAccessPolicies": [ { "id": "p", "state": "enabled",
                "conditions": { "applications": { "includeAuthenticationContextClassReferences": [ "c1" ] }, "users": { "includeUsers": [ "All" ] } },
                "grantControls": { "authenticationStrength": { "id": "s1" } } } ],
              "settings": { "trustedTenantIds": [ "7c3a9e51-2b4d-4f6a-8e1c-5d9b0a2f4c63" ] } }
            """;
        var document = ProtectedActionsDocument.Parse(Json, "doc.json");
        document.HasErrors.Should().BeFalse();
        document.Options.AuthenticationStrengthPolicies[0].CombinationConfigurations![0].ODataType.Should().Be("#microsoft.graph.fido2CombinationConfiguration");
        Evaluate(document.Options, Trusted(AuthenticationMethodModes.Fido2), permission: "a.b/c/d").Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
    }

    [TestCase("#microsoft.graph.smsCombinationConfiguration", "fido2", "PA1085")]
    [TestCase(null, "password", "PA1087")]
    [TestCase(null, "password,fido2", "PA1086")]
    [TestCase(null, "fido3", "PA1086")]
    [TestCase("#microsoft.graph.x509CertificateCombinationConfiguration", "fido2", "PA1085")]
    public void Invalid_combination_configurations_are_errors(string? type, string applies, string code)
    {
        var o = RestrictedStrength(applies: applies);
        o.AuthenticationStrengthPolicies[0].CombinationConfigurations![0].ODataType = type;
        ProtectedActionsConfiguration.Validate(o).Errors.Should().Contain(e => e.Code == code && e.Path.Contains(":combinationConfigurations[0]", StringComparison.Ordinal));
    }

    [Test]
    public void A_fido2_configuration_on_a_combination_without_fido2_is_an_error()
    {
        var o = RestrictedStrength(withHello: true, applies: "windowsHelloForBusiness");
        ProtectedActionsConfiguration.Validate(o).Errors.Should().Contain(e => e.Code == "PA1087");
    }

    [Test]
    public void Aaguids_must_be_guids_and_lists_are_bounded()
    {
        var o = RestrictedStrength();
        o.AuthenticationStrengthPolicies[0].CombinationConfigurations![0].AllowedAAGUIDs = ["yubikey"];
        ProtectedActionsConfiguration.Validate(o).Errors.Should().Contain(e => e.Code == "PA1088" && e.Path.EndsWith(":allowedAAGUIDs[0]", StringComparison.Ordinal));
        o.AuthenticationStrengthPolicies[0].CombinationConfigurations![0].AllowedAAGUIDs = [.. Enumerable.Repeat(Fido2Key, 1001)];
        ProtectedActionsConfiguration.Validate(o).Errors.Should().Contain(e => e.Code == "PA1084");
    }

    // Item 8 ------------------------------------------------------------------------------------------------

    [Test]
    public void Locked_out_user_unknown_compliance_with_trusted_acrs_gets_a_step_up_with_the_challenge()
    {
        var d = Evaluate(With(Policy("dev", "c1", controls: ["compliantDevice"])), Trusted(AuthenticationMethodModes.Fido2));
        d.Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
        d.Challenge.Should().NotBeNull();
        d.Challenge!.WwwAuthenticate.Should().ContainSingle().Which.Should().Contain("insufficient_claims");
        d.Explanation.Should().Contain("this API cannot verify compliantDevice; the identity provider checks it at step-up");
    }

    [Test]
    public void Unknown_compliance_is_denied_when_the_callers_acrs_is_not_trusted()
    {
        var d = Evaluate(With(Policy("dev", "c1", controls: ["compliantDevice"])), Untrusted(AuthenticationMethodModes.Fido2));
        d.Outcome.Should().Be(ProtectedActionOutcome.Denied);
        d.Explanation.Should().Contain("acrs from this caller's issuer is not trusted");
    }

    [Test]
    public void A_device_known_non_compliant_is_denied_even_when_acrs_is_trusted()
    {
        var d = Evaluate(With(Policy("dev", "c1", controls: ["compliantDevice"])), Trusted(AuthenticationMethodModes.Fido2, new() { DeviceId = "d", IsCompliant = false }));
        d.Outcome.Should().Be(ProtectedActionOutcome.Denied);
        d.Explanation.Should().Contain("compliantDevice fails on known facts");
    }

    [TestCase(null, null, ProtectedActionOutcome.StepUpRequired)]
    [TestCase("Workplace", true, ProtectedActionOutcome.Denied)]
    [TestCase(null, false, ProtectedActionOutcome.Denied)]
    [TestCase("ServerAD", true, ProtectedActionOutcome.Allowed)]
    public void Domain_joined_device_is_denied_only_on_known_facts(string? trustType, bool? compliant, ProtectedActionOutcome expected) =>
        Evaluate(With(Policy("dev", "c1", controls: ["domainJoinedDevice"])), Trusted(AuthenticationMethodModes.Fido2, new() { TrustType = trustType, IsCompliant = compliant }))
            .Outcome.Should().Be(expected);

    [TestCase("approvedApplication")]
    [TestCase("compliantApplication")]
    [TestCase("passwordChange")]
    [TestCase("riskRemediation")]
    public void Controls_only_the_identity_provider_can_check_step_up_when_trusted_and_deny_otherwise(string control)
    {
        var o = With(Policy("p", "c1", controls: [control]));
        var trusted = Evaluate(o, Trusted(AuthenticationMethodModes.Fido2));
        trusted.Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
        trusted.Explanation.Should().Contain("this API cannot verify " + control);
        Evaluate(o, Untrusted(AuthenticationMethodModes.Fido2)).Outcome.Should().Be(ProtectedActionOutcome.Denied);
    }

    [Test]
    public void Terms_of_use_and_custom_controls_step_up_when_trusted()
    {
        var p = Policy("p", "c1");
        p.GrantControls!.TermsOfUse = ["tou"];
        p.GrantControls.CustomAuthenticationFactors = ["duo"];
        var d = Evaluate(With(p), Trusted(AuthenticationMethodModes.Fido2));
        d.Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
        d.Policies[0].FailedControls.Should().BeEquivalentTo("termsOfUse", "customAuthenticationFactors");
    }

    [Test]
    public void A_block_that_applies_only_for_lack_of_information_steps_up_when_trusted()
    {
        var o = With(Policy("b", "c1", controls: ["block"], conditions: c => c.Platforms = new() { IncludePlatforms = ["android"] }));
        var d = Evaluate(o, Trusted(AuthenticationMethodModes.Fido2));
        d.Policies[0].Reason.Should().Be(PolicyReason.NotEnoughInformation);
        d.Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
        d.Explanation.Should().Contain("the block applies only because information is missing");
        Evaluate(o, Untrusted(AuthenticationMethodModes.Fido2)).Outcome.Should().Be(ProtectedActionOutcome.Denied);
    }

    [Test]
    public void Attacker_a_block_that_applies_on_known_facts_is_denied_even_when_trusted()
    {
        var d = Evaluate(With(Policy("b", "c1", controls: ["block"])), Trusted(AuthenticationMethodModes.Fido2));
        d.Outcome.Should().Be(ProtectedActionOutcome.Denied);
        d.Explanation.Should().Contain("block applies on known facts");
    }

    [Test]
    public void And_with_mfa_and_unknown_compliance_steps_up_and_or_with_known_non_compliance_offers_mfa()
    {
        Evaluate(With(Policy("p", "c1", controls: ["mfa", "compliantDevice"], op: "AND")), Trusted(AuthenticationMethodModes.Password))
            .Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
        Evaluate(With(Policy("p", "c1", controls: ["mfa", "compliantDevice"], op: "OR")), Trusted(AuthenticationMethodModes.Password, new() { IsCompliant = false }))
            .Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
    }

    // Property ----------------------------------------------------------------------------------------------

    private static readonly string[] Controls = ["mfa", "compliantDevice", "domainJoinedDevice", "approvedApplication", "passwordChange", "block"];
    private static readonly AuthenticationMethodModes[] ModeChoices =
    [
        AuthenticationMethodModes.Password, AuthenticationMethodModes.Password | AuthenticationMethodModes.Sms, AuthenticationMethodModes.Fido2,
        AuthenticationMethodModes.WindowsHelloForBusiness, AuthenticationMethodModes.None,
    ];
    private static readonly DeviceProperties?[] Devices =
    [
        null, new() { IsCompliant = true, TrustType = "ServerAD" }, new() { IsCompliant = false, TrustType = "Workplace" },
        new() { IsCompliant = true, TrustType = "AzureAD" }, new() { DeviceId = "d" },
    ];

    [Test]
    public void Random_policies_and_sign_ins_are_never_allowed_while_a_required_control_is_unproven()
    {
        var random = new Random(12);
        for (var i = 0; i < 400; i++)
        {
            var controls = Controls.Where(_ => random.Next(3) == 0).ToArray();
            if (controls.Length == 0 || (controls.Contains("block") && controls.Length > 1))
            {
                controls = [Controls[random.Next(Controls.Length)]];
            }

            var op = random.Next(3) switch { 0 => "AND", 1 => "OR", _ => null };
            var strength = controls.Contains("mfa") || controls.Contains("block") || random.Next(2) == 0 ? null : PhishingResistant;
            var options = With(Policy("p", "c1", controls: controls, op: op!, strength: strength));
            var modes = ModeChoices[random.Next(ModeChoices.Length)];
            var device = Devices[random.Next(Devices.Length)];
            var signIn = random.Next(2) == 0 ? Trusted(modes, device) : Untrusted(modes, device);

            var proven = controls.Select(c => Proven(c, modes, device)).ToList();
            if (strength is not null)
            {
                proven.Add((modes & (AuthenticationMethodModes.Fido2 | AuthenticationMethodModes.WindowsHelloForBusiness)) != 0);
            }

            var required = op == "OR" ? proven.Any(x => x) : proven.All(x => x);
            var d = Evaluate(options, signIn);
            var scenario = $"#{i}: controls [{string.Join(",", controls)}] op {op ?? "none"} strength {strength is not null} modes {modes} device {device?.IsCompliant}/{device?.TrustType}";
            if (!required)
            {
                d.IsAllowed.Should().BeFalse(scenario);
            }
            else
            {
                d.IsAllowed.Should().BeTrue(scenario);
            }
        }
    }

    private static bool Proven(string control, AuthenticationMethodModes modes, DeviceProperties? device) => control switch
    {
        "mfa" => modes is not (AuthenticationMethodModes.Password or AuthenticationMethodModes.None),
        "compliantDevice" => device?.IsCompliant == true,
        "domainJoinedDevice" => device?.TrustType == "ServerAD",
        _ => false,
    };
}
