using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ProtectedActions.Testing.Tests;

public sealed class ConfigurationBuilderTests
{
    private const string Approve = "contoso.billing/invoices/approve";
    private const string BreakGlass = "9f8e7d6c-5b4a-4321-9876-0fedcba98765";
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static ProtectedActionsConfigurationBuilder Approvals(Action<PolicyBuilder>? more = null) => new ProtectedActionsConfigurationBuilder()
        .AddContext("c1", "Strong auth")
        .Protect(Approve, "c1")
        .AddPolicy("p1", p =>
        {
            p.ForContext("c1").IncludeAllUsers().Exclude(BreakGlass).RequireStrength(BuiltInStrengths.PhishingResistant);
            more?.Invoke(p);
        })
        .AddEmergencyAccount(BreakGlass);

    private static ProtectedActionDecision Evaluate(ProtectedActionsConfigurationBuilder config, SignInBuilder signIn, TimeProvider? time = null) =>
        config.BuildEvaluator(time ?? new FakeTimeProvider(Now)).EvaluateAsync(signIn.ToRequest(Approve)).AsTask().GetAwaiter().GetResult();

    [Test]
    public void Build_writes_the_Graph_shaped_document()
    {
        var options = Approvals()
            .AddStrength("fido-only", "fido2", "windowsHelloForBusiness")
            .AddIpLocation("office", isTrusted: true, "203.0.113.0/24", "2001:db8::/32")
            .AddCountryLocation("nl", "NL", "BE")
            .AddContext("c2", isAvailable: false)
            .Configure(s => s.StrictMode = true)
            .ConfigureOptions(o => o.Settings.RequireClientCapability = true)
            .Build();

        options.AuthenticationContexts.Select(c => (c.Id, c.DisplayName, c.IsAvailable)).Should().Equal(("c1", "Strong auth", true), ("c2", "c2", false));
        options.ProtectedActions.Should().ContainSingle(a => a.Permission == Approve && a.AuthenticationContextId == "c1");
        options.ConditionalAccessPolicies.Should().ContainSingle().Which.Conditions!.Users!.ExcludeUsers.Should().Equal(BreakGlass);
        options.AuthenticationStrengthPolicies.Should().ContainSingle().Which.AllowedCombinations.Should().Equal("fido2", "windowsHelloForBusiness");
        var office = options.NamedLocations[0];
        office.ODataType.Should().Be("#microsoft.graph.ipNamedLocation");
        office.IsTrusted.Should().BeTrue();
        office.IpRanges!.Select(r => r.ODataType).Should().Equal("#microsoft.graph.iPv4CidrRange", "#microsoft.graph.iPv6CidrRange");
        options.NamedLocations[1].CountriesAndRegions.Should().Equal("NL", "BE");
        options.EmergencyAccessAccounts.UserIds.Should().Equal(BreakGlass);
        options.Settings.StrictMode.Should().BeTrue();
        options.Settings.RequireClientCapability.Should().BeTrue();
    }

    [Test]
    public void Every_build_returns_an_independent_document()
    {
        var builder = Approvals();
        var first = builder.Build();
        first.ConditionalAccessPolicies[0].State = "disabled";
        first.ConditionalAccessPolicies[0].Conditions!.Users!.ExcludeUsers!.Clear();

        var second = builder.Build();

        second.ConditionalAccessPolicies[0].State.Should().Be("enabled");
        second.ConditionalAccessPolicies[0].Conditions!.Users!.ExcludeUsers.Should().Equal(BreakGlass);
    }

    [Test]
    public void A_sound_document_validates_without_findings()
    {
        var result = Approvals().Protect(KnownPermissions.ProtectedActionsManagement, "c1").Validate();

        result.IsValid.Should().BeTrue();
        result.Issues.Should().BeEmpty();
    }

    [Test]
    public void Validate_reports_a_policy_that_does_not_exclude_the_emergency_account()
    {
        var result = new ProtectedActionsConfigurationBuilder()
            .AddContext("c1").Protect(Approve, "c1")
            .AddPolicy("p1", p => p.ForContext("c1").IncludeAllUsers().RequireMfa())
            .AddEmergencyAccount(BreakGlass)
            .Validate();

        result.IsValid.Should().BeTrue();
        result.Warnings.Should().ContainSingle(i => i.Code == "PA5001" && i.Path == "ProtectedActions:ConditionalAccessPolicies[0]:conditions:users");
    }

    [Test]
    public void BuildEvaluator_refuses_a_document_with_errors_and_names_the_path()
    {
        var builder = Approvals(p => p.RequireMfa()); // mfa together with an authentication strength is an error

        var act = () => builder.BuildEvaluator();

        act.Should().Throw<OptionsValidationException>().Which.Failures.Should().Contain(f => f.Contains("ConditionalAccessPolicies[0]", StringComparison.Ordinal));
    }

    [Test]
    public void Password_needs_step_up_and_FIDO2_is_allowed_under_phishing_resistant_strength()
    {
        Evaluate(Approvals(), new SignInBuilder()).ShouldRequireStepUp("c1").ShouldHaveFailedControl("p1", "authenticationStrength");
        Evaluate(Approvals(), new SignInBuilder().WithFido2()).ShouldBeAllowed(SatisfiedBy.Policies);
        Evaluate(Approvals(), new SignInBuilder().WithMethods(AuthenticationMethodModes.WindowsHelloForBusiness)).ShouldBeAllowed();
    }

    [Test]
    public void Excluded_emergency_account_is_not_subject_to_the_policy()
    {
        Evaluate(Approvals(), SignInBuilder.ForUser(BreakGlass)).ShouldBeAllowed().ShouldNotApply("p1", PolicyReason.Users);
    }

    [Test]
    public void Satisfied_context_in_the_token_allows_without_evaluating_policies()
    {
        Evaluate(Approvals(), new SignInBuilder().WithSatisfiedContexts("c1")).ShouldBeAllowed(SatisfiedBy.Token);
    }

    [Test]
    public void The_builder_trusts_only_the_default_test_issuer_for_acrs()
    {
        Approvals().Build().Settings.TrustedIssuers.Should().Equal(TestIdentities.Issuer);
        Approvals().Validate().IsValid.Should().BeTrue();
        Evaluate(Approvals(), new SignInBuilder().WithIssuer(TestIdentities.IssuerFor("0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9")).WithSatisfiedContexts("c1"))
            .ShouldRequireStepUp("c1");
    }

    [Test]
    public void Sign_in_frequency_is_judged_on_the_fake_clock()
    {
        var time = new FakeTimeProvider(Now);
        var config = Approvals(p => p.RequireSignInWithin(TimeSpan.FromHours(1)));

        Evaluate(config, new SignInBuilder().WithFido2().AuthenticatedAgo(TimeSpan.FromMinutes(30), time), time).ShouldBeAllowed();
        Evaluate(config, new SignInBuilder().WithFido2().AuthenticatedAgo(TimeSpan.FromHours(2), time), time)
            .ShouldRequireStepUp("c1", maxAgeSeconds: 3600)
            .ShouldHaveFailedControl("p1", "signInFrequency");
    }

    [Test]
    public void Compliant_device_is_required_and_cannot_be_fixed_by_step_up()
    {
        var config = new ProtectedActionsConfigurationBuilder()
            .AddContext("c1").Protect(Approve, "c1").AddEmergencyAccount(BreakGlass)
            .AddPolicy("device", p => p.ForContext("c1").IncludeAllUsers().Exclude(BreakGlass).RequireCompliantDevice());

        Evaluate(config, new SignInBuilder().FromCompliantDevice()).ShouldBeAllowed();
        Evaluate(config, new SignInBuilder().FromDevice(new DeviceProperties { DeviceId = "d1", IsCompliant = false }))
            .ShouldBeDenied("c1").ShouldHaveFailedControl("device", "compliantDevice");
    }

    [Test]
    public void Trusted_location_excluded_from_the_policy_is_decided_from_the_address()
    {
        var config = Approvals(p => p.ExceptLocations("AllTrusted")).AddIpLocation("office", isTrusted: true, "203.0.113.0/24");

        Evaluate(config, new SignInBuilder().FromAddress("203.0.113.5")).ShouldBeAllowed().ShouldNotApply("p1", PolicyReason.Location);
        Evaluate(config, new SignInBuilder().FromAddress("198.51.100.7")).ShouldRequireStepUp("c1").ShouldApply("p1");
    }

    [Test]
    public void Custom_strength_added_by_the_builder_is_enforced()
    {
        var config = new ProtectedActionsConfigurationBuilder()
            .AddContext("c1").Protect(Approve, "c1").AddEmergencyAccount(BreakGlass)
            .AddStrength("fido-only", "fido2")
            .AddPolicy("p1", p => p.ForContext("c1").IncludeAllUsers().Exclude(BreakGlass).RequireStrength("fido-only"));

        Evaluate(config, new SignInBuilder().WithFido2()).ShouldBeAllowed();
        Evaluate(config, new SignInBuilder().WithPassword().WithMfa()).ShouldRequireStepUp("c1");
    }

    [Test]
    public void Settings_change_the_challenge_format()
    {
        var decision = Evaluate(Approvals().Configure(s => s.ChallengeFormat = ChallengeFormat.Rfc9470), new SignInBuilder());

        decision.ShouldRequireStepUp("c1");
        decision.Challenge!.WwwAuthenticate.Should().ContainSingle().Which.Should().StartWith("Bearer error=\"insufficient_user_authentication\"");
    }

    [Test]
    public void Unknown_group_membership_makes_a_group_policy_apply_for_lack_of_information()
    {
        var config = new ProtectedActionsConfigurationBuilder()
            .AddContext("c1").Protect(Approve, "c1").AddEmergencyAccount(BreakGlass)
            .AddPolicy("admins", p => p.ForContext("c1").IncludeGroups("g-admins").Exclude(BreakGlass).RequireMfa());

        Evaluate(config, new SignInBuilder()).ShouldBeAllowed().ShouldNotApply("admins", PolicyReason.Users);
        Evaluate(config, new SignInBuilder().WithUnknownGroups()).ShouldRequireStepUp("c1").ShouldApply("admins");
        Evaluate(config, new SignInBuilder().WithUnknownGroups().WithMfa()).ShouldBeAllowed();
    }

    [Test]
    public void Arguments_are_checked_where_they_are_given()
    {
        var builder = new ProtectedActionsConfigurationBuilder();
        builder.Invoking(b => b.AddContext("")).Should().Throw<ArgumentException>();
        builder.Invoking(b => b.Protect(Approve, "")).Should().Throw<ArgumentException>();
        builder.Invoking(b => b.AddPolicy("p1", null!)).Should().Throw<ArgumentNullException>();
        builder.Invoking(b => b.AddEmergencyAccount("")).Should().Throw<ArgumentException>();
        builder.Invoking(b => b.Configure(null!)).Should().Throw<ArgumentNullException>();
    }
}
