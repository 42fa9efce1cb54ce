using Microsoft.Extensions.Time.Testing;

namespace ProtectedActions.Testing.Tests;

public sealed class DecisionAssertionsTests
{
    private const string Approve = "contoso.billing/invoices/approve";
    private static readonly FakeTimeProvider Time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    // Real decisions from the real evaluator: p1 needs phishing-resistant MFA within an hour, "office" excluded.
    private static readonly IProtectedActionEvaluator Evaluator = new ProtectedActionsConfigurationBuilder()
        .AddContext("c1").Protect(Approve, "c1")
        .AddIpLocation("office", isTrusted: true, "203.0.113.0/24")
        .AddPolicy("p1", p => p.ForContext("c1").IncludeAllUsers().ExceptLocations("office")
            .RequireStrength(BuiltInStrengths.PhishingResistant).RequireSignInWithin(TimeSpan.FromHours(1)))
        .AddPolicy("p2", p => p.ForContext("c1").IncludeAllUsers().ForPlatforms(DevicePlatform.Android).Block())
        .BuildEvaluator(Time);

    private static ProtectedActionDecision Decide(SignInBuilder signIn, string permission = Approve) =>
        Evaluator.EvaluateAsync(signIn.OnPlatform(DevicePlatform.Windows).ToRequest(permission)).AsTask().GetAwaiter().GetResult();

    private static ProtectedActionDecision Allowed => Decide(new SignInBuilder().WithFido2().AuthenticatedAgo(TimeSpan.FromMinutes(5), Time));
    private static ProtectedActionDecision StepUpForStrength => Decide(new SignInBuilder().AuthenticatedAgo(TimeSpan.FromMinutes(5), Time));
    private static ProtectedActionDecision StepUpForAge => Decide(new SignInBuilder().WithFido2().AuthenticatedAgo(TimeSpan.FromHours(3), Time));
    private static ProtectedActionDecision Denied =>
        Evaluator.EvaluateAsync(new SignInBuilder().OnPlatform(DevicePlatform.Android).ToRequest(Approve)).AsTask().GetAwaiter().GetResult();
    private static ProtectedActionDecision NotProtected => Decide(new SignInBuilder(), "contoso.billing/invoices/read");

    private static void ShouldFail(Action assertion, params string[] fragments)
    {
        var exception = assertion.Should().Throw<ProtectedActionAssertionException>().Which;
        foreach (var fragment in fragments)
        {
            exception.Message.Should().Contain(fragment);
        }
    }

    [Test]
    public void Assertions_return_the_decision_so_they_chain()
    {
        var decision = StepUpForAge;

        decision.ShouldRequireStepUp().Should().BeSameAs(decision);
        decision.ShouldRequireStepUp("c1", maxAgeSeconds: 3600).ShouldHaveFailedControl("p1", "signInFrequency").ShouldApply("p1")
            .ShouldNotApply("p2", PolicyReason.DevicePlatform).ShouldBeProtectedBy("c1").Should().BeSameAs(decision);
    }

    [Test]
    public void ShouldBeAllowed_passes_for_allowed_decisions()
    {
        Allowed.ShouldBeAllowed().ShouldBeAllowed(SatisfiedBy.Policies);
        NotProtected.ShouldBeAllowed(SatisfiedBy.NotProtected);
    }

    [Test]
    public void ShouldBeAllowed_fails_with_the_outcome_and_the_explanation()
    {
        var decision = StepUpForStrength;
        ShouldFail(() => decision.ShouldBeAllowed(),
            $"Expected the decision for '{Approve}' to be allowed, but it was step-up required (authentication context c1).",
            "Explanation:", decision.Explanation, "authenticationStrength");
    }

    [Test]
    public void ShouldBeAllowed_fails_when_allowed_for_another_reason()
    {
        ShouldFail(() => NotProtected.ShouldBeAllowed(SatisfiedBy.Policies), "to be allowed by policies, but it was allowed by notProtected");
    }

    [Test]
    public void ShouldRequireStepUp_fails_for_other_outcomes()
    {
        ShouldFail(() => Allowed.ShouldRequireStepUp(), "to be step-up required, but it was allowed (authentication context c1)");
        ShouldFail(() => NotProtected.ShouldRequireStepUp(), "but it was allowed (not protected)", "is not a protected action");
    }

    [Test]
    public void ShouldRequireStepUp_fails_for_another_context()
    {
        ShouldFail(() => StepUpForStrength.ShouldRequireStepUp("c2"), "to require step-up by authentication context c2, but the authentication context was c1");
    }

    [Test]
    public void ShouldRequireStepUp_checks_the_maximum_age_only_when_given()
    {
        StepUpForStrength.ShouldRequireStepUp("c1");
        ShouldFail(() => StepUpForStrength.ShouldRequireStepUp("c1", maxAgeSeconds: 3600), "to require step-up within 3600 seconds, but it asks for no maximum age");
        ShouldFail(() => StepUpForAge.ShouldRequireStepUp("c1", maxAgeSeconds: 60), "within 60 seconds, but it asks for 3600 seconds");
    }

    [Test]
    public void ShouldBeDenied_passes_and_fails()
    {
        Denied.ShouldBeDenied().ShouldBeDenied("c1").ShouldHaveFailedControl("p2", "block");
        ShouldFail(() => Allowed.ShouldBeDenied(), "to be denied, but it was allowed");
        ShouldFail(() => Denied.ShouldBeDenied("c9"), "to be denied by authentication context c9, but the authentication context was c1");
    }

    [Test]
    public void ShouldBeProtectedBy_fails_for_an_unprotected_permission()
    {
        Allowed.ShouldBeProtectedBy("c1");
        ShouldFail(() => NotProtected.ShouldBeProtectedBy("c1"), "to be protected by authentication context c1, but the permission is not protected");
    }

    [Test]
    public void ShouldHaveFailedControl_names_what_failed_instead()
    {
        StepUpForStrength.ShouldHaveFailedControl("p1", "authenticationStrength");
        ShouldFail(() => StepUpForStrength.ShouldHaveFailedControl("p1", "signInFrequency"), "policy 'p1' to have failed signInFrequency, but it failed authenticationStrength");
        ShouldFail(() => Allowed.ShouldHaveFailedControl("p1", "mfa"), "but it failed no control (applies and is satisfied)");
        ShouldFail(() => Allowed.ShouldHaveFailedControl("p2", "block"), "but it failed no control (does not apply: devicePlatform)");
    }

    [Test]
    public void Policy_assertions_list_the_policies_when_the_id_is_unknown()
    {
        ShouldFail(() => Allowed.ShouldHaveFailedControl("p9", "mfa"), "the decision names only 'p1', 'p2'");
        ShouldFail(() => NotProtected.ShouldApply("p1"), "the decision names no policies");
    }

    [Test]
    public void ShouldApply_and_ShouldNotApply_pass_and_fail()
    {
        var office = Decide(new SignInBuilder().FromAddress("203.0.113.9"));
        office.ShouldBeAllowed().ShouldNotApply("p1").ShouldNotApply("p1", PolicyReason.Location);

        ShouldFail(() => office.ShouldApply("p1"), "policy 'p1' to apply, but it does not (location)");
        ShouldFail(() => StepUpForStrength.ShouldNotApply("p1"), "policy 'p1' not to apply, but it applies (applies and is not satisfied)");
        ShouldFail(() => office.ShouldNotApply("p1", PolicyReason.Users), "policy 'p1' not to apply (users), but it does not apply because of location");
    }

    [Test]
    public void Assertions_work_on_fake_decisions_too()
    {
        var fake = new FakeProtectedActionEvaluator().RequireStepUp(Approve, "c1", maxAgeSeconds: 300);
        var decision = fake.EvaluateAsync(new SignInBuilder().ToRequest(Approve)).AsTask().GetAwaiter().GetResult();

        decision.ShouldRequireStepUp("c1", maxAgeSeconds: 300).ShouldHaveFailedControl(FakeProtectedActionEvaluator.PolicyId, "signInFrequency");
        ShouldFail(() => decision.ShouldBeDenied(), "programmed by FakeProtectedActionEvaluator");
    }

    [Test]
    public void Null_decision_is_an_argument_error_not_an_assertion_failure()
    {
        var act = () => ((ProtectedActionDecision)null!).ShouldBeAllowed();
        act.Should().Throw<ArgumentNullException>();
    }

    [Test]
    public void Exception_has_the_standard_constructors()
    {
        new ProtectedActionAssertionException().Message.Should().NotBeNullOrEmpty();
        new ProtectedActionAssertionException("m").Message.Should().Be("m");
        var inner = new InvalidOperationException();
        new ProtectedActionAssertionException("m", inner).InnerException.Should().BeSameAs(inner);
    }
}
