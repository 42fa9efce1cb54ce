using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static ProtectedActions.Tests.Support.Fixtures;

namespace ProtectedActions.Tests.Validation;

/// <summary>Item 4 (validation part) of "fail closed, fail right": a policy that can never apply is not silently accepted.</summary>
public class PolicyWithoutControlsTests
{
    private const string Hint = "grantControls or sessionControls missing (misspelt?)";

    private static ProtectedActionsOptions WithSecond(ConditionalAccessPolicy p)
    {
        var o = Seed();
        o.ConditionalAccessPolicies.Add(p);
        return o;
    }

    private static ConditionalAccessPolicy NoControls(string state = "enabled")
    {
        var p = Policy("inert", "c1", state: state);
        p.GrantControls = null;
        return p;
    }

    [Test]
    public void An_enabled_policy_without_controls_is_an_error_that_names_the_policy()
    {
        var result = ProtectedActionsConfiguration.Validate(WithSecond(NoControls()));

        result.IsValid.Should().BeFalse();
        var e = result.Errors.Should().ContainSingle().Which;
        e.Code.Should().Be("PA1090");
        e.Path.Should().Be("ProtectedActions:ConditionalAccessPolicies[1]");
        e.Message.Should().Contain("enabled").And.EndWith(Hint);
    }

    [Test]
    public void A_report_only_policy_without_controls_is_an_error_too()
    {
        var result = ProtectedActionsConfiguration.Validate(WithSecond(NoControls("enabledForReportingButNotEnforced")));

        result.Errors.Should().ContainSingle(e => e.Code == "PA1090" && e.Message.Contains("report-only"));
    }

    [Test]
    public void A_disabled_policy_without_controls_is_only_a_warning()
    {
        var result = ProtectedActionsConfiguration.Validate(WithSecond(NoControls("disabled")));

        result.IsValid.Should().BeTrue();
        result.Warnings.Should().ContainSingle(w => w.Code == "PA5010" && w.Path == "ProtectedActions:ConditionalAccessPolicies[1]" && w.Message.EndsWith(Hint));
    }

    [Test]
    public void Grant_controls_that_list_no_control_count_as_missing()
    {
        var p = Policy("inert", "c1"); // grantControls { operator: OR, builtInControls: [] }

        ProtectedActionsConfiguration.Validate(WithSecond(p)).Errors.Should().ContainSingle(e => e.Code == "PA1090");
    }

    [Test]
    public void A_policy_with_only_a_sign_in_frequency_is_valid()
    {
        var p = Policy("sif", "c1", hours: 4);
        p.GrantControls = null;

        var result = ProtectedActionsConfiguration.Validate(WithSecond(p));

        result.IsValid.Should().BeTrue();
        result.Warnings.Should().NotContain(w => w.Code == "PA5010" || w.Code == "PA5011");
    }

    [Test]
    public void Session_controls_the_library_does_not_evaluate_are_a_warning_not_an_error()
    {
        var p = NoControls();
        p.SessionControls = new() { SignInFrequency = new() { IsEnabled = false } };

        var result = ProtectedActionsConfiguration.Validate(WithSecond(p));

        result.IsValid.Should().BeTrue();
        result.Warnings.Should().ContainSingle(w => w.Code == "PA5011" && w.Path == "ProtectedActions:ConditionalAccessPolicies[1]:sessionControls");
    }

    [Test]
    public void A_workload_identity_policy_without_controls_is_not_an_error()
    {
        var p = NoControls();
        p.Conditions!.ClientApplications = new() { IncludeServicePrincipals = ["All"] };

        ProtectedActionsConfiguration.Validate(WithSecond(p)).IsValid.Should().BeTrue();
    }

    [Test]
    public void A_misspelt_grantControls_key_through_the_options_binder_fails_start_up()
    {
        // The attacker's (or the typo's) configuration: "grantControl" binds to nothing, the policy would never apply.
        const string Json = """
        {
          "ProtectedActions": {
            "authenticationContexts": [ { "id": "c1" } ],
            "protectedActions": [ { "permission": "contoso.billing/invoices/approve", "authenticationContextId": "c1" } ],
            "conditionalAccessPolicies": [
              {
                "id": "p1", "state": "enabled",
                "conditions": {
                  "applications": { "includeAuthenticationContextClassReferences": [ "c1" ] },
                  "users": { "includeUsers": [ "All" ] }
                },
                "grantControl": { "operator": "OR", "builtInControls": [ "block" ] }
              }
            ]
          }
        }
        """;
        var config = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(Json))).Build();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Clock());
        services.AddProtectedActions(config.GetSection("ProtectedActions"));
        using var sp = services.BuildServiceProvider();

        var act = () => sp.GetRequiredService<IOptions<ProtectedActionsOptions>>().Value;

        act.Should().Throw<OptionsValidationException>().Which.Message
            .Should().Contain("ProtectedActions:ConditionalAccessPolicies[0]: this enabled policy has no grant and no session controls").And.Contain(Hint);
    }

    [Test]
    public void A_context_guarded_only_by_a_workload_identity_policy_is_flagged()
    {
        var o = Seed();
        o.ConditionalAccessPolicies[0].Conditions!.ClientApplications = new() { IncludeServicePrincipals = ["All"] };

        ProtectedActionsConfiguration.Validate(o).Warnings.Should().Contain(w => w.Code == "PA5002" && w.Path == "ProtectedActions:AuthenticationContexts[0]");
    }

    [Test]
    public void A_context_guarded_by_a_user_facing_enabled_policy_is_not_flagged()
    {
        ProtectedActionsConfiguration.Validate(Seed()).Warnings.Should().NotContain(w => w.Code == "PA5002");
    }

    [Test]
    public void Strict_mode_denies_a_context_guarded_only_by_a_workload_identity_policy()
    {
        var o = Seed();
        o.ConditionalAccessPolicies[0].Conditions!.ClientApplications = new() { IncludeServicePrincipals = ["All"] };
        o.Settings.StrictMode = true;

        Evaluate(o, Fido2()).Outcome.Should().Be(ProtectedActionOutcome.Denied);
    }

    [Test]
    public void Strict_mode_still_evaluates_a_context_with_a_user_facing_enabled_policy()
    {
        var o = Seed();
        o.Settings.StrictMode = true;

        Evaluate(o, Fido2()).Outcome.Should().Be(ProtectedActionOutcome.Allowed);
        Evaluate(o, Password()).Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
    }

    [Test]
    public void Without_strict_mode_a_workload_identity_policy_alone_lets_users_through_as_documented()
    {
        var o = Seed();
        o.ConditionalAccessPolicies[0].Conditions!.ClientApplications = new() { IncludeServicePrincipals = ["All"] };

        var d = Evaluate(o, Password());

        d.Outcome.Should().Be(ProtectedActionOutcome.Allowed);
        d.Policies.Should().ContainSingle().Which.Reason.Should().Be(PolicyReason.Users);
    }
}
