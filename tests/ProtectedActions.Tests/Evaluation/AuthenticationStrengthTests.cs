using static ProtectedActions.Tests.Support.Fixtures;

namespace ProtectedActions.Tests.Evaluation;

public class AuthenticationStrengthTests
{
    private static bool Satisfies(string strength, SignInContext signIn, ProtectedActionsOptions? options = null)
    {
        var o = options ?? Seed();
        o.ConditionalAccessPolicies = [Policy("s", "c1", strength: strength)];
        return Evaluate(o, signIn).IsAllowed;
    }

    private static SignInContext Amr(params string[] amr) => new() { UserId = Alice, GroupIds = [], RoleIds = [], UserType = UserType.Member, AuthenticationMethodReferences = amr, AuthenticationTime = Now };

    private static SignInContext Methods(AuthenticationMethodModes m) => new() { UserId = Alice, GroupIds = [], RoleIds = [], UserType = UserType.Member, AuthenticationMethods = m, AuthenticationTime = Now };

    [TestCase(Multifactor, false)]
    [TestCase(Passwordless, false)]
    [TestCase(PhishingResistant, false)]
    public void Password_alone_satisfies_no_built_in_strength(string strength, bool expected) =>
        Satisfies(strength, Amr("pwd")).Should().Be(expected);

    [TestCase(Multifactor, true)]
    [TestCase(Passwordless, false)]
    [TestCase(PhishingResistant, false)]
    public void Password_plus_mfa_satisfies_only_the_multifactor_strength(string strength, bool expected) =>
        Satisfies(strength, Amr("pwd", "mfa")).Should().Be(expected);

    [TestCase(Multifactor)]
    [TestCase(Passwordless)]
    [TestCase(PhishingResistant)]
    public void Fido2_satisfies_every_built_in_strength(string strength) =>
        Satisfies(strength, Methods(AuthenticationMethodModes.Fido2)).Should().BeTrue();

    [TestCase(AuthenticationMethodModes.WindowsHelloForBusiness, true, true, true)]
    [TestCase(AuthenticationMethodModes.X509CertificateMultiFactor, true, true, true)]
    [TestCase(AuthenticationMethodModes.DeviceBasedPush, true, true, false)]
    [TestCase(AuthenticationMethodModes.TemporaryAccessPassOneTime, true, false, false)]
    [TestCase(AuthenticationMethodModes.Password | AuthenticationMethodModes.MicrosoftAuthenticatorPush, true, false, false)]
    [TestCase(AuthenticationMethodModes.FederatedSingleFactor | AuthenticationMethodModes.Sms, true, false, false)]
    [TestCase(AuthenticationMethodModes.FederatedSingleFactor, false, false, false)]
    [TestCase(AuthenticationMethodModes.Email, false, false, false)]
    [TestCase(AuthenticationMethodModes.Sms, false, false, false)]
    public void Explicit_method_modes_against_the_built_ins(AuthenticationMethodModes modes, bool mfa, bool passwordless, bool phishingResistant)
    {
        Satisfies(Multifactor, Methods(modes)).Should().Be(mfa);
        Satisfies(Passwordless, Methods(modes)).Should().Be(passwordless);
        Satisfies(PhishingResistant, Methods(modes)).Should().Be(phishingResistant);
    }

    [Test]
    public void Explicit_method_modes_take_precedence_over_amr()
    {
        var s = new SignInContext { UserId = Alice, GroupIds = [], RoleIds = [], UserType = UserType.Member, AuthenticationMethodReferences = ["fido", "mfa"], AuthenticationMethods = AuthenticationMethodModes.Password, AuthenticationTime = Now };
        Satisfies(PhishingResistant, s).Should().BeFalse();
    }

    [Test]
    public void Custom_strength_accepts_only_its_combinations()
    {
        var o = Seed();
        o.AuthenticationStrengthPolicies = [new() { Id = "custom-otp", PolicyType = "custom", AllowedCombinations = ["password,hardwareOath", "fido2"] }];
        Satisfies("custom-otp", Methods(AuthenticationMethodModes.Password | AuthenticationMethodModes.HardwareOath), o).Should().BeTrue();
        Satisfies("custom-otp", Methods(AuthenticationMethodModes.Password | AuthenticationMethodModes.SoftwareOath), o).Should().BeFalse();
    }

    [Test]
    public void Custom_strength_is_never_satisfied_by_an_unnamed_second_factor()
    {
        var o = Seed();
        o.AuthenticationStrengthPolicies = [new() { Id = "custom", PolicyType = "custom", AllowedCombinations = ["password,sms"] }];
        Satisfies("custom", Amr("pwd", "mfa"), o).Should().BeFalse();
    }

    [Test]
    public void A_superset_of_a_combination_satisfies_it() =>
        Satisfies(PhishingResistant, Methods(AuthenticationMethodModes.Fido2 | AuthenticationMethodModes.Password)).Should().BeTrue();

    [Test]
    public void Strength_failure_steps_up_and_names_the_control()
    {
        var o = Seed();
        o.ConditionalAccessPolicies = [Policy("s", "c1", strength: PhishingResistant)];
        var d = Evaluate(o, Amr("pwd", "mfa"));
        d.Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
        d.Policies[0].FailedControls.Should().Equal("authenticationStrength");
    }
}

public class EmbeddedStrengthTests
{
    [Test]
    public void A_strength_embedded_in_a_graph_policy_defines_an_unknown_id()
    {
        var o = ProtectedActions.Tests.Support.Fixtures.Seed();
        o.ConditionalAccessPolicies[0].GrantControls!.AuthenticationStrength = new()
        {
            Id = "8f5a2c1e-0000-4000-8000-00000000abcd", DisplayName = "Hardware OATH or FIDO2", PolicyType = "custom",
            AllowedCombinations = ["password,hardwareOath", "fido2"],
        };
        ProtectedActionsConfiguration.Validate(o).IsValid.Should().BeTrue();
        SignInContext Modes(AuthenticationMethodModes m) => new() { UserId = "u", GroupIds = [], RoleIds = [], AuthenticationMethods = m, AuthenticationTime = ProtectedActions.Tests.Support.Fixtures.Now };
        ProtectedActions.Tests.Support.Fixtures.Evaluate(o, Modes(AuthenticationMethodModes.Password | AuthenticationMethodModes.HardwareOath)).IsAllowed.Should().BeTrue();
        ProtectedActions.Tests.Support.Fixtures.Evaluate(o, Modes(AuthenticationMethodModes.Password | AuthenticationMethodModes.Sms)).IsAllowed.Should().BeFalse();
    }

    [Test]
    public void A_configured_strength_wins_over_the_embedded_copy()
    {
        var o = ProtectedActions.Tests.Support.Fixtures.Seed();
        o.AuthenticationStrengthPolicies = [new() { Id = "s1", AllowedCombinations = ["fido2"] }];
        o.ConditionalAccessPolicies[0].GrantControls!.AuthenticationStrength = new() { Id = "s1", AllowedCombinations = ["password"] };
        SignInContext pwd = new() { UserId = "u", GroupIds = [], RoleIds = [], AuthenticationMethods = AuthenticationMethodModes.Password, AuthenticationTime = ProtectedActions.Tests.Support.Fixtures.Now };
        ProtectedActions.Tests.Support.Fixtures.Evaluate(o, pwd).IsAllowed.Should().BeFalse();
    }

    [Test]
    public void A_bad_embedded_combination_is_reported_with_its_path()
    {
        var o = ProtectedActions.Tests.Support.Fixtures.Seed();
        o.ConditionalAccessPolicies[0].GrantControls!.AuthenticationStrength = new() { Id = "x", AllowedCombinations = ["password,telepathy"] };
        ProtectedActionsConfiguration.Validate(o).Errors.Single().Path.Should().Be("ProtectedActions:ConditionalAccessPolicies[0]:grantControls:authenticationStrength:allowedCombinations[0]");
    }
}
