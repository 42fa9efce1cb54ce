using Microsoft.Extensions.Time.Testing;
using static ProtectedActions.Tests.Support.Fixtures;

namespace ProtectedActions.Tests.Evaluation;

public class SignInFrequencyTests
{
    private static ProtectedActionsOptions Frequency(int? value, string type = "hours", string interval = "timeBased")
    {
        var o = Seed();
        var p = Policy("sif", "c1", controls: ["mfa"]);
        p.SessionControls = new() { SignInFrequency = new() { IsEnabled = true, Value = value, Type = type, FrequencyInterval = interval } };
        o.ConditionalAccessPolicies = [p];
        return o;
    }

    private static SignInContext AuthenticatedAgo(TimeSpan? age) => new()
    {
        UserId = Alice, GroupIds = [], RoleIds = [], UserType = UserType.Member, AuthenticationMethods = AuthenticationMethodModes.Fido2,
        AuthenticationTime = age is null ? null : Now - age.Value,
    };

    [TestCase(0, true)]
    [TestCase(3599, true)]
    [TestCase(3600, true)]
    [TestCase(3601, false)]
    [TestCase(86400, false)]
    public void One_hour_boundary(int secondsAgo, bool allowed)
    {
        var d = Evaluate(Frequency(1), AuthenticatedAgo(TimeSpan.FromSeconds(secondsAgo)));
        d.IsAllowed.Should().Be(allowed);
        if (!allowed)
        {
            d.MaxAgeSeconds.Should().Be(3600);
            d.Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
        }
    }

    [TestCase(2, 2 * 86400, true)]
    [TestCase(2, 2 * 86400 + 1, false)]
    public void Days_boundary(int days, int secondsAgo, bool allowed) =>
        Evaluate(Frequency(days, "days"), AuthenticatedAgo(TimeSpan.FromSeconds(secondsAgo))).IsAllowed.Should().Be(allowed);

    [TestCase(300, true)]
    [TestCase(301, false)]
    public void Every_time_means_within_five_minutes(int secondsAgo, bool allowed)
    {
        var d = Evaluate(Frequency(null, interval: "everyTime"), AuthenticatedAgo(TimeSpan.FromSeconds(secondsAgo)));
        d.IsAllowed.Should().Be(allowed);
        if (!allowed)
        {
            d.MaxAgeSeconds.Should().Be(0);
            d.Explanation.Should().Contain("fresh sign-in");
        }
    }

    [Test]
    public void No_authentication_time_is_unsatisfied()
    {
        var d = Evaluate(Frequency(1), AuthenticatedAgo(null));
        d.Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
        d.Policies[0].FailedControls.Should().Equal("signInFrequency");
    }

    [Test]
    public void Authentication_time_in_the_future_within_skew_counts()
    {
        Evaluate(Frequency(1), AuthenticatedAgo(TimeSpan.FromMinutes(-4))).IsAllowed.Should().BeTrue();
    }

    [Test]
    public void Authentication_time_in_the_future_beyond_skew_is_treated_as_absent_and_noted()
    {
        var d = Evaluate(Frequency(1), AuthenticatedAgo(TimeSpan.FromMinutes(-6)));
        d.Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
        d.Reasons.Should().ContainMatch("*auth_time*future*");
    }

    [Test]
    public void Decisions_follow_the_clock_as_it_advances()
    {
        var clock = new FakeTimeProvider(Now);
        var evaluator = ProtectedActionEvaluator.Create(Frequency(1), clock);
        var r = new ProtectedActionRequest(KnownPermissions.ConditionalAccessPoliciesCreate, AuthenticatedAgo(TimeSpan.Zero));
        evaluator.EvaluateAsync(r).Result.IsAllowed.Should().BeTrue();
        clock.Advance(TimeSpan.FromMinutes(61));
        evaluator.EvaluateAsync(r).Result.Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
    }

    [Test]
    public void Smallest_max_age_wins_across_policies()
    {
        var o = Frequency(8);
        var p = Policy("one-hour", "c1", controls: ["mfa"], hours: 1);
        o.ConditionalAccessPolicies.Add(p);
        var d = Evaluate(o, AuthenticatedAgo(TimeSpan.FromHours(9)));
        d.MaxAgeSeconds.Should().Be(3600);
    }

    [Test]
    public void Disabled_frequency_is_ignored()
    {
        var o = Frequency(1);
        o.ConditionalAccessPolicies[0].SessionControls!.SignInFrequency!.IsEnabled = false;
        Evaluate(o, AuthenticatedAgo(TimeSpan.FromDays(3))).IsAllowed.Should().BeTrue();
    }
}
