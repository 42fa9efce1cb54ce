namespace ProtectedActions.Tests.Evaluation;

public class DecisionFactoryTests
{
    [Test]
    public void Allowed_without_context_is_not_protected()
    {
        var d = ProtectedActionDecision.Create(ProtectedActionOutcome.Allowed, "a/b/c");
        d.SatisfiedBy.Should().Be(SatisfiedBy.NotProtected);
        d.IsProtected.Should().BeFalse();
    }

    [Test]
    public void Step_up_without_context_is_rejected() =>
        FluentActions.Invoking(() => ProtectedActionDecision.Create(ProtectedActionOutcome.StepUpRequired, "a/b/c")).Should().Throw<ArgumentException>();

    [Test]
    public void Challenge_on_a_denial_is_rejected() =>
        FluentActions.Invoking(() => ProtectedActionDecision.Create(ProtectedActionOutcome.Denied, "a/b/c", "c1",
            challenge: StepUpChallenge.Create(["Bearer"], "c1"))).Should().Throw<ArgumentException>();

    [Test]
    public void Created_step_up_carries_what_it_was_given()
    {
        var d = ProtectedActionDecision.Create(ProtectedActionOutcome.StepUpRequired, "a/b/c", "c2", maxAgeSeconds: 60,
            policies: [PolicyResult.Create("p", satisfied: false, failedControls: ["mfa"], remediable: true)]);
        d.SatisfiedBy.Should().Be(SatisfiedBy.None);
        d.MaxAgeSeconds.Should().Be(60);
        d.Policies.Single().FailedControls.Should().Equal("mfa");
        d.Explanation.Should().Contain("c2");
    }
}
