using System.Text;

namespace ProtectedActions.Testing.Tests;

public sealed class FakeProtectedActionEvaluatorTests
{
    private const string Approve = "contoso.billing/invoices/approve";
    private const string Read = "contoso.billing/invoices/read";

    private static ProtectedActionDecision Evaluate(FakeProtectedActionEvaluator fake, string permission, SignInBuilder? signIn = null) =>
        fake.EvaluateAsync((signIn ?? new SignInBuilder()).ToRequest(permission)).AsTask().GetAwaiter().GetResult();

    [Test]
    public void Unprogrammed_permission_is_allowed_as_not_protected_like_the_real_evaluator()
    {
        var decision = Evaluate(new FakeProtectedActionEvaluator(), Read);

        decision.ShouldBeAllowed(SatisfiedBy.NotProtected);
        decision.IsProtected.Should().BeFalse();
        decision.Permission.Should().Be(Read);
    }

    [Test]
    public void Calls_are_recorded_in_order_with_their_sign_ins()
    {
        var fake = new FakeProtectedActionEvaluator();
        var alice = SignInBuilder.ForUser("alice");

        Evaluate(fake, Approve, alice);
        Evaluate(fake, Read);
        Evaluate(fake, Approve.ToUpperInvariant());

        fake.Calls.Select(c => c.Permission).Should().Equal(Approve, Read, Approve.ToUpperInvariant());
        fake.Calls[0].SignIn.UserId.Should().Be("alice");
        fake.CallsFor(Approve).Should().HaveCount(2);
        fake.ClearCalls();
        fake.Calls.Should().BeEmpty();
    }

    [Test]
    public void Calls_is_a_snapshot()
    {
        var fake = new FakeProtectedActionEvaluator();
        var before = fake.Calls;
        Evaluate(fake, Read);

        before.Should().BeEmpty();
        fake.Calls.Should().HaveCount(1);
    }

    [Test]
    public void Allow_with_a_context_is_a_protected_allow_with_a_satisfied_policy()
    {
        var decision = Evaluate(new FakeProtectedActionEvaluator().Allow(Approve, "c3"), Approve);

        decision.ShouldBeAllowed(SatisfiedBy.Policies).ShouldBeProtectedBy("c3").ShouldApply(FakeProtectedActionEvaluator.PolicyId);
        decision.Policies.Single().Satisfied.Should().BeTrue();
    }

    [Test]
    public void RequireStepUp_carries_the_Entra_claims_challenge_by_default()
    {
        var decision = Evaluate(new FakeProtectedActionEvaluator().RequireStepUp(Approve, "c1"), Approve);

        decision.ShouldRequireStepUp("c1").ShouldHaveFailedControl(FakeProtectedActionEvaluator.PolicyId, "authenticationStrength");
        decision.ClientCapable.Should().BeTrue();
        decision.Challenge!.Claims.Should().Be("{\"access_token\":{\"acrs\":{\"essential\":true,\"value\":\"c1\"}}}");
        var challenge = ChallengeParser.Parse(decision.Challenge.WwwAuthenticate.Single()).Single();
        challenge.Error.Should().Be("insufficient_claims");
        challenge.Claims.Should().Be(decision.Challenge.Claims);
        challenge.Parameters["authorization_uri"].Should().Be("https://login.microsoftonline.com/common/oauth2/authorize");
    }

    [Test]
    public void RequireStepUp_with_max_age_fails_sign_in_frequency_and_asks_for_the_age()
    {
        var fake = new FakeProtectedActionEvaluator { ChallengeFormat = ChallengeFormat.Both }.RequireStepUp(Approve, "c12", maxAgeSeconds: 600);
        var decision = Evaluate(fake, Approve);

        decision.ShouldRequireStepUp("c12", maxAgeSeconds: 600).ShouldHaveFailedControl(FakeProtectedActionEvaluator.PolicyId, "signInFrequency");
        decision.Challenge!.MaxAgeSeconds.Should().Be(600);
        var challenges = decision.Challenge.WwwAuthenticate.SelectMany(ChallengeParser.Parse).ToList();
        challenges.Select(c => c.Error).Should().Equal("insufficient_claims", "insufficient_user_authentication");
        challenges[1].AcrValues.Should().Equal("c12");
        challenges[1].MaxAge.Should().Be(600);
    }

    [Test]
    public void RequireStepUp_in_RFC_9470_format_has_no_claims_request()
    {
        var decision = Evaluate(new FakeProtectedActionEvaluator { ChallengeFormat = ChallengeFormat.Rfc9470 }.RequireStepUp(Approve, "c1"), Approve);

        decision.Challenge!.Claims.Should().BeNull();
        ChallengeParser.Parse(decision.Challenge.WwwAuthenticate.Single()).Single().AcrValues.Should().Equal("c1");
    }

    [Test]
    public void RequireStepUp_for_a_client_without_cp1_has_no_challenge()
    {
        var decision = Evaluate(new FakeProtectedActionEvaluator().RequireStepUp(Approve, "c1", clientCapable: false), Approve);

        decision.ShouldRequireStepUp("c1");
        decision.ClientCapable.Should().BeFalse();
        decision.Challenge.Should().BeNull();
    }

    [Test]
    public void Deny_names_the_failed_control_and_is_not_remediable()
    {
        var decision = Evaluate(new FakeProtectedActionEvaluator().Deny(Approve, "c2", "compliantDevice"), Approve);

        decision.ShouldBeDenied("c2").ShouldHaveFailedControl(FakeProtectedActionEvaluator.PolicyId, "compliantDevice");
        decision.Policies.Single().Remediable.Should().BeFalse();
        decision.Explanation.Should().Contain("re-authentication cannot fix it").And.Contain("FakeProtectedActionEvaluator");
    }

    [Test]
    public void Deny_defaults_to_a_block_for_c1()
    {
        Evaluate(new FakeProtectedActionEvaluator().Deny(Approve), Approve)
            .ShouldBeDenied(FakeProtectedActionEvaluator.DefaultContextId).ShouldHaveFailedControl(FakeProtectedActionEvaluator.PolicyId, "block");
    }

    [Test]
    public void Permissions_match_ignoring_case_and_later_programming_wins()
    {
        var fake = new FakeProtectedActionEvaluator().Deny(Approve).Allow(Approve.ToUpperInvariant());

        Evaluate(fake, Approve).ShouldBeAllowed();
        Evaluate(fake, Read).ShouldBeAllowed(SatisfiedBy.NotProtected);
    }

    [Test]
    public void Decision_carries_the_permission_as_requested()
    {
        Evaluate(new FakeProtectedActionEvaluator().Deny(Approve), Approve.ToUpperInvariant()).Permission.Should().Be(Approve.ToUpperInvariant());
    }

    [Test]
    public void Respond_decides_from_the_request()
    {
        var fake = new FakeProtectedActionEvaluator().Respond(Approve, r => r.SignIn.UserId == "admin"
            ? ProtectedActionDecision.Create(ProtectedActionOutcome.Allowed, r.Permission)
            : ProtectedActionDecision.Create(ProtectedActionOutcome.Denied, r.Permission, "c1"));

        Evaluate(fake, Approve, SignInBuilder.ForUser("admin")).ShouldBeAllowed();
        Evaluate(fake, Approve, SignInBuilder.ForUser("eve")).ShouldBeDenied();
    }

    [TestCase(ProtectedActionOutcome.Allowed, null)]
    [TestCase(ProtectedActionOutcome.Allowed, "c4")]
    [TestCase(ProtectedActionOutcome.StepUpRequired, "c4")]
    [TestCase(ProtectedActionOutcome.Denied, null)]
    [TestCase(ProtectedActionOutcome.Denied, "c4")]
    public void Otherwise_sets_the_default_outcome(ProtectedActionOutcome outcome, string? context)
    {
        var decision = Evaluate(new FakeProtectedActionEvaluator().Otherwise(outcome, context), Read);

        decision.Outcome.Should().Be(outcome);
        decision.AuthenticationContextId.Should().Be(outcome == ProtectedActionOutcome.Denied ? context ?? "c1" : context);
    }

    [Test]
    public void Otherwise_step_up_needs_a_context()
    {
        var act = () => new FakeProtectedActionEvaluator().Otherwise(ProtectedActionOutcome.StepUpRequired);
        act.Should().Throw<ArgumentNullException>();
    }

    [TestCase("c0")]
    [TestCase("c100")]
    [TestCase("C1")]
    [TestCase("c01")]
    [TestCase("c1\"")]
    [TestCase("c1\r\n")]
    public void Context_ids_that_are_not_c1_to_c99_are_rejected_when_programmed(string context)
    {
        var fake = new FakeProtectedActionEvaluator();
        fake.Invoking(f => f.RequireStepUp(Approve, context)).Should().Throw<ArgumentException>().WithParameterName("authenticationContextId");
        fake.Invoking(f => f.Deny(Approve, context)).Should().Throw<ArgumentException>();
        fake.Invoking(f => f.Allow(Approve, context)).Should().Throw<ArgumentException>();
    }

    [Test]
    public void Cancelled_token_throws_and_records_nothing()
    {
        var fake = new FakeProtectedActionEvaluator();
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        var act = () => fake.EvaluateAsync(new SignInBuilder().ToRequest(Approve), cts.Token).AsTask();

        act.Should().ThrowAsync<OperationCanceledException>().GetAwaiter().GetResult();
        fake.Calls.Should().BeEmpty();
    }

    [Test]
    public void Null_request_throws()
    {
        var act = () => new FakeProtectedActionEvaluator().EvaluateAsync(null!).AsTask();
        act.Should().ThrowAsync<ArgumentNullException>().GetAwaiter().GetResult();
    }

    [Test]
    public async Task Concurrent_calls_are_all_recorded()
    {
        var fake = new FakeProtectedActionEvaluator().RequireStepUp(Approve, "c1");
        var tasks = Enumerable.Range(0, 200).Select(i => Task.Run(async () =>
            (await fake.EvaluateAsync(SignInBuilder.ForUser("u" + i).ToRequest(i % 2 == 0 ? Approve : Read))).Outcome));

        var outcomes = await Task.WhenAll(tasks);

        fake.Calls.Should().HaveCount(200);
        outcomes.Count(o => o == ProtectedActionOutcome.StepUpRequired).Should().Be(100);
        fake.Calls.Select(c => c.SignIn.UserId).Should().OnlyHaveUniqueItems();
    }

    [Test]
    public void Entra_challenge_claims_parameter_is_standard_base64_of_the_claims_json()
    {
        var decision = Evaluate(new FakeProtectedActionEvaluator().RequireStepUp(Approve, "c5"), Approve);
        var parameter = ChallengeParser.Parse(decision.Challenge!.WwwAuthenticate[0]).Single().Parameters["claims"];

        Encoding.UTF8.GetString(Convert.FromBase64String(parameter)).Should().Be(decision.Challenge.Claims);
    }

    [TestCase(ChallengeFormat.Entra, null)]
    [TestCase(ChallengeFormat.Rfc9470, null)]
    [TestCase(ChallengeFormat.Both, null)]
    [TestCase(ChallengeFormat.Entra, 3600)]
    [TestCase(ChallengeFormat.Rfc9470, 3600)]
    [TestCase(ChallengeFormat.Both, 3600)]
    public void Programmed_challenge_is_the_one_the_real_evaluator_sends(ChallengeFormat format, int? maxAgeSeconds)
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        var real = new ProtectedActionsConfigurationBuilder()
            .AddContext("c1").Protect(Approve, "c1")
            .AddPolicy("p1", p =>
            {
                p.ForContext("c1").IncludeAllUsers();
                if (maxAgeSeconds is null)
                {
                    p.RequireStrength(BuiltInStrengths.PhishingResistant);
                }
                else
                {
                    p.RequireSignInWithin(TimeSpan.FromSeconds(maxAgeSeconds.Value));
                }
            })
            .Configure(s => s.ChallengeFormat = format)
            .BuildEvaluator(time);
        var signIn = new SignInBuilder().AuthenticatedAgo(TimeSpan.FromDays(1), time);
        var expected = real.EvaluateAsync(signIn.ToRequest(Approve)).AsTask().GetAwaiter().GetResult().ShouldRequireStepUp("c1", maxAgeSeconds);

        var fake = Evaluate(new FakeProtectedActionEvaluator { ChallengeFormat = format }.RequireStepUp(Approve, "c1", maxAgeSeconds), Approve);

        fake.Challenge!.WwwAuthenticate.Should().Equal(expected.Challenge!.WwwAuthenticate);
        fake.Challenge.Claims.Should().Be(expected.Challenge.Claims);
        fake.Challenge.MaxAgeSeconds.Should().Be(expected.Challenge.MaxAgeSeconds);
        fake.MaxAgeSeconds.Should().Be(expected.MaxAgeSeconds);
    }
}
