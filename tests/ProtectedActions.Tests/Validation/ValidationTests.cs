using static ProtectedActions.Tests.Support.Fixtures;

namespace ProtectedActions.Tests.Validation;

public class ValidationTests
{
    private static IEnumerable<ConfigurationIssue> Errors(ProtectedActionsOptions o) => ProtectedActionsConfiguration.Validate(o).Errors;

    private static void ShouldFail(ProtectedActionsOptions o, string path, string messagePart)
    {
        var errors = Errors(o).ToList();
        errors.Should().Contain(e => e.Path == path && e.Message.Contains(messagePart, StringComparison.Ordinal),
            "errors were: " + string.Join(" | ", errors));
    }

    [Test]
    public void Seed_configuration_is_valid() => ProtectedActionsConfiguration.Validate(Seed()).IsValid.Should().BeTrue();

    [Test]
    public void Unknown_strength_is_reported_with_its_path()
    {
        var o = Seed();
        o.ConditionalAccessPolicies.Add(Policy("p2", "c1", controls: ["mfa"]));
        o.ConditionalAccessPolicies.Add(Policy("p3", "c1", strength: "x"));
        var e = Errors(o).Single();
        e.ToString().Should().Be("ProtectedActions:ConditionalAccessPolicies[2]:grantControls:authenticationStrength:id: unknown strength 'x'");
    }

    [TestCase("c0")]
    [TestCase("c100")]
    [TestCase("C1")]
    [TestCase("c01")]
    [TestCase("ctx")]
    [TestCase("")]
    public void Bad_context_ids_are_rejected(string id)
    {
        var o = Seed();
        o.AuthenticationContexts.Add(new() { Id = id });
        ShouldFail(o, "ProtectedActions:AuthenticationContexts[1]:id", "invalid authentication context id");
    }

    [TestCase("c1", true)]
    [TestCase("c9", true)]
    [TestCase("c10", true)]
    [TestCase("c99", true)]
    public void Good_context_ids_are_accepted(string id, bool _)
    {
        var o = Seed();
        o.AuthenticationContexts = [new() { Id = id }];
        o.ProtectedActions = [new() { Permission = KnownPermissions.ProtectedActionsManagement, AuthenticationContextId = id }];
        o.ConditionalAccessPolicies = [Policy("p", id, strength: PhishingResistant)];
        ProtectedActionsConfiguration.Validate(o).IsValid.Should().BeTrue();
    }

    [Test]
    public void Duplicate_context_is_rejected()
    {
        var o = Seed();
        o.AuthenticationContexts.Add(new() { Id = "c1" });
        ShouldFail(o, "ProtectedActions:AuthenticationContexts[1]:id", "defined twice");
    }

    [Test]
    public void Unknown_context_reference_in_an_assignment_is_rejected()
    {
        var o = Seed();
        o.ProtectedActions.Add(new() { Permission = "contoso.billing/invoices/approve", AuthenticationContextId = "c7" });
        ShouldFail(o, "ProtectedActions:ProtectedActions[3]:authenticationContextId", "unknown authentication context 'c7'");
    }

    [Test]
    public void Unknown_context_reference_in_a_policy_is_rejected()
    {
        var o = Seed();
        o.ConditionalAccessPolicies.Add(Policy("p2", "c8", controls: ["mfa"]));
        ShouldFail(o, "ProtectedActions:ConditionalAccessPolicies[1]:conditions:applications:includeAuthenticationContextClassReferences[0]", "unknown authentication context 'c8'");
    }

    [TestCase("contoso.billing/invoices/approve", "CONTOSO.BILLING/invoices/APPROVE")]
    [TestCase("contoso.billing/*", "Contoso.Billing/*")]
    public void Duplicate_permission_assignment_is_rejected(string first, string second)
    {
        var o = Seed();
        o.ProtectedActions.Add(new() { Permission = first, AuthenticationContextId = "c1" });
        o.ProtectedActions.Add(new() { Permission = second, AuthenticationContextId = "c1" });
        ShouldFail(o, "ProtectedActions:ProtectedActions[4]:permission", "more than once");
    }

    [TestCase("invoices")]
    [TestCase("contoso/approve")]
    [TestCase("contoso.billing//approve")]
    [TestCase("contoso.billing/inv*/approve")]
    [TestCase("contoso billing/invoices/approve")]
    [TestCase("contoso.billing/invoices/approve\n")]
    [TestCase("/*")]
    public void Malformed_permissions_are_rejected(string permission)
    {
        var o = Seed();
        o.ProtectedActions.Add(new() { Permission = permission, AuthenticationContextId = "c1" });
        ShouldFail(o, "ProtectedActions:ProtectedActions[3]:permission", "");
    }

    [Test]
    public void Overlong_permission_is_rejected()
    {
        var o = Seed();
        o.ProtectedActions.Add(new() { Permission = "a/b/" + new string('c', 600), AuthenticationContextId = "c1" });
        ShouldFail(o, "ProtectedActions:ProtectedActions[3]:permission", "longer than 512");
    }

    [Test]
    public void Mfa_together_with_a_strength_is_rejected()
    {
        var o = Seed();
        o.ConditionalAccessPolicies = [Policy("p", "c1", strength: PhishingResistant, controls: ["mfa"])];
        ShouldFail(o, "ProtectedActions:ConditionalAccessPolicies[0]:grantControls:builtInControls", "cannot be combined with an authentication strength");
    }

    [TestCase("unknownFutureValue")]
    [TestCase("requireQuantumMfa")]
    public void Unknown_built_in_controls_are_rejected(string control)
    {
        var o = Seed();
        o.ConditionalAccessPolicies = [Policy("p", "c1", controls: [control])];
        ShouldFail(o, "ProtectedActions:ConditionalAccessPolicies[0]:grantControls:builtInControls[0]", "unknown built-in control");
    }

    [TestCase("on")]
    [TestCase("unknownFutureValue")]
    [TestCase(null)]
    public void Unknown_states_are_rejected(string? state)
    {
        var o = Seed();
        o.ConditionalAccessPolicies[0].State = state;
        ShouldFail(o, "ProtectedActions:ConditionalAccessPolicies[0]:state", "unknown state");
    }

    [Test]
    public void Unknown_operator_is_rejected()
    {
        var o = Seed();
        o.ConditionalAccessPolicies = [Policy("p", "c1", controls: ["mfa"], op: "XOR")];
        ShouldFail(o, "ProtectedActions:ConditionalAccessPolicies[0]:grantControls:operator", "unknown operator 'XOR'");
    }

    [Test]
    public void Block_combined_with_other_controls_is_rejected()
    {
        var o = Seed();
        o.ConditionalAccessPolicies = [Policy("p", "c1", controls: ["block", "mfa"])];
        ShouldFail(o, "ProtectedActions:ConditionalAccessPolicies[0]:grantControls:builtInControls", "'block' cannot be combined");
    }

    [Test]
    public void Unknown_platform_is_rejected()
    {
        var o = Seed();
        o.ConditionalAccessPolicies[0].Conditions!.Platforms = new() { IncludePlatforms = ["beos"] };
        ShouldFail(o, "ProtectedActions:ConditionalAccessPolicies[0]:conditions:platforms:includePlatforms[0]", "unknown platform 'beos'");
    }

    [Test]
    public void Unknown_client_app_type_is_rejected()
    {
        var o = Seed();
        o.ConditionalAccessPolicies[0].Conditions!.ClientAppTypes = ["telnet"];
        ShouldFail(o, "ProtectedActions:ConditionalAccessPolicies[0]:conditions:clientAppTypes[0]", "unknown client app type");
    }

    [Test]
    public void Unknown_risk_level_is_rejected()
    {
        var o = Seed();
        o.ConditionalAccessPolicies[0].Conditions!.SignInRiskLevels = ["extreme"];
        ShouldFail(o, "ProtectedActions:ConditionalAccessPolicies[0]:conditions:signInRiskLevels[0]", "unknown risk level");
    }

    [Test]
    public void Unknown_location_reference_is_rejected()
    {
        var o = Seed();
        o.ConditionalAccessPolicies[0].Conditions!.Locations = new() { IncludeLocations = ["nowhere"] };
        ShouldFail(o, "ProtectedActions:ConditionalAccessPolicies[0]:conditions:locations:includeLocations[0]", "unknown named location 'nowhere'");
    }

    [Test]
    public void Unknown_guest_type_is_rejected()
    {
        var o = Seed();
        o.ConditionalAccessPolicies[0].Conditions!.Users!.IncludeGuestsOrExternalUsers = new() { GuestOrExternalUserTypes = "martian" };
        ShouldFail(o, "ProtectedActions:ConditionalAccessPolicies[0]:conditions:users:includeGuestsOrExternalUsers:guestOrExternalUserTypes", "unknown guest");
    }

    [TestCase(0, "hours")]
    [TestCase(24, "hours")]
    [TestCase(366, "days")]
    [TestCase(1, "weeks")]
    [TestCase(null, "hours")]
    public void Invalid_sign_in_frequency_is_rejected(int? value, string type)
    {
        var o = Seed();
        o.ConditionalAccessPolicies[0].SessionControls!.SignInFrequency = new() { IsEnabled = true, Value = value, Type = type };
        ShouldFail(o, "ProtectedActions:ConditionalAccessPolicies[0]:sessionControls:signInFrequency", "invalid sign-in frequency");
    }

    [Test]
    public void Policy_without_users_is_rejected()
    {
        var o = Seed();
        o.ConditionalAccessPolicies[0].Conditions!.Users = null;
        ShouldFail(o, "ProtectedActions:ConditionalAccessPolicies[0]:conditions:users", "which users");
    }

    [Test]
    public void Custom_strength_with_unknown_mode_is_rejected()
    {
        var o = Seed();
        o.AuthenticationStrengthPolicies = [new() { Id = "s", AllowedCombinations = ["password,carrierPigeon"] }];
        ShouldFail(o, "ProtectedActions:AuthenticationStrengthPolicies[0]:allowedCombinations[0]", "unknown authentication method mode 'carrierPigeon'");
    }

    [Test]
    public void Duplicate_policy_ids_are_rejected()
    {
        var o = Seed();
        o.ConditionalAccessPolicies.Add(Policy("p1", "c1", controls: ["mfa"]));
        ShouldFail(o, "ProtectedActions:ConditionalAccessPolicies[1]:id", "used twice");
    }

    [Test]
    public void Negative_clock_skew_is_rejected()
    {
        var o = Seed();
        o.Settings.ClockSkew = TimeSpan.FromMinutes(-1);
        ShouldFail(o, "ProtectedActions:Settings:clockSkew", "clock skew");
    }

    [Test]
    public void Root_path_prefix_is_configurable()
    {
        var o = Seed();
        o.ConditionalAccessPolicies[0].State = "bogus";
        ProtectedActionsConfiguration.Validate(o, "App:Security").Errors.Single().Path.Should().Be("App:Security:ConditionalAccessPolicies[0]:state");
    }

    [Test]
    public void Creating_an_evaluator_with_errors_throws_with_every_path()
    {
        var o = Seed();
        o.ConditionalAccessPolicies[0].State = "bogus";
        o.ProtectedActions[0].AuthenticationContextId = "c5";
        FluentActions.Invoking(() => ProtectedActionEvaluator.Create(o))
            .Should().Throw<Microsoft.Extensions.Options.OptionsValidationException>()
            .Which.Failures.Should().HaveCount(2);
    }
}

public class OversizeConfigurationTests
{
    [Test]
    public void Oversize_id_lists_are_refused_with_the_path()
    {
        var o = ProtectedActions.Tests.Support.Fixtures.Seed();
        o.ConditionalAccessPolicies[0].Conditions!.Users!.ExcludeGroups = Enumerable.Range(0, 10_001).Select(i => "g" + i).ToList();
        ProtectedActionsConfiguration.Validate(o).Errors.Should().ContainSingle()
            .Which.ToString().Should().Be("ProtectedActions:ConditionalAccessPolicies[0]:conditions:users:excludeGroups: more than 10000 entries");
    }
}

public class NullListTests
{
    [Test]
    public void Null_top_level_lists_are_treated_as_empty_and_the_options_are_not_modified()
    {
        var o = new ProtectedActionsOptions { AuthenticationContexts = null!, ProtectedActions = null!, ConditionalAccessPolicies = null!, NamedLocations = null!, Settings = null! };
        // Null lists are empty lists and null settings the defaults: the only findings are that the document
        // protects nothing (PA1070) and that the defaults trust acrs from nobody (PA1080).
        ProtectedActionsConfiguration.Validate(o).Errors.Select(e => e.Code).Should().BeEquivalentTo(["PA1070", "PA1080"]);
        o.AuthenticationContexts.Should().BeNull();
        o.Settings.Should().BeNull();
    }
}
