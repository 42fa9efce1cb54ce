using ProtectedActions.Tests.Support;

namespace ProtectedActions.Tests.Packaging;

/// <summary>The built-in strengths have a public home in the core; each id is a built-in the compiler knows without configuration.</summary>
public class KnownAuthenticationStrengthsTests
{
    private static readonly string[] All =
        [KnownAuthenticationStrengths.Multifactor, KnownAuthenticationStrengths.PasswordlessMfa, KnownAuthenticationStrengths.PhishingResistantMfa];

    [Test]
    public void The_ids_are_entras_built_in_strength_ids()
    {
        KnownAuthenticationStrengths.Multifactor.Should().Be("00000000-0000-0000-0000-000000000002");
        KnownAuthenticationStrengths.PasswordlessMfa.Should().Be("00000000-0000-0000-0000-000000000003");
        KnownAuthenticationStrengths.PhishingResistantMfa.Should().Be("00000000-0000-0000-0000-000000000004");
    }

    [TestCaseSource(nameof(All))]
    public void A_policy_naming_a_known_strength_is_valid_without_defining_it(string strength)
    {
        var options = Fixtures.Seed();
        options.ConditionalAccessPolicies[0].GrantControls!.AuthenticationStrength!.Id = strength;
        options.AuthenticationStrengthPolicies.Should().BeEmpty();

        ProtectedActionsConfiguration.Validate(options).IsValid.Should().BeTrue();
    }

    [TestCaseSource(nameof(All))]
    public void A_password_sign_in_is_never_allowed_by_a_known_strength(string strength)
    {
        var options = Fixtures.Seed();
        options.ConditionalAccessPolicies[0].GrantControls!.AuthenticationStrength!.Id = strength;

        Fixtures.Evaluate(options, Fixtures.Password()).Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
    }

    [TestCaseSource(nameof(All))]
    public void A_fido2_sign_in_satisfies_every_known_strength(string strength)
    {
        var options = Fixtures.Seed();
        options.ConditionalAccessPolicies[0].GrantControls!.AuthenticationStrength!.Id = strength;

        Fixtures.Evaluate(options, Fixtures.Fido2()).Outcome.Should().Be(ProtectedActionOutcome.Allowed);
    }

    [Test]
    public void Password_and_sms_meets_multifactor_but_not_passwordless()
    {
        var signIn = new SignInContext
        {
            UserId = Fixtures.Alice, TenantId = Fixtures.Tenant, Issuer = Fixtures.Issuer, GroupIds = [], RoleIds = [], UserType = UserType.Member,
            AuthenticationMethodReferences = ["pwd", "sms", "mfa"],
            AuthenticationMethods = AuthenticationMethodModes.Password | AuthenticationMethodModes.Sms,
            AuthenticationTime = Fixtures.Now - TimeSpan.FromMinutes(10),
        };
        foreach (var (strength, expected) in new[]
        {
            (KnownAuthenticationStrengths.Multifactor, ProtectedActionOutcome.Allowed),
            (KnownAuthenticationStrengths.PasswordlessMfa, ProtectedActionOutcome.StepUpRequired),
            (KnownAuthenticationStrengths.PhishingResistantMfa, ProtectedActionOutcome.StepUpRequired),
        })
        {
            var options = Fixtures.Seed();
            options.ConditionalAccessPolicies[0].GrantControls!.AuthenticationStrength!.Id = strength;
            Fixtures.Evaluate(options, signIn).Outcome.Should().Be(expected, strength);
        }
    }
}
