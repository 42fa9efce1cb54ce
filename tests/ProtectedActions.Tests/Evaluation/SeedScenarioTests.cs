using ProtectedActions.Tests.Support;
using static ProtectedActions.Tests.Support.Fixtures;

namespace ProtectedActions.Tests.Evaluation;

public class SeedScenarioTests
{
    [Test]
    public void Unprotected_permission_is_allowed_and_marked_not_protected()
    {
        var d = Evaluate(Seed(), Password(), "contoso.billing/invoices/read");
        d.Outcome.Should().Be(ProtectedActionOutcome.Allowed);
        d.SatisfiedBy.Should().Be(SatisfiedBy.NotProtected);
        d.IsProtected.Should().BeFalse();
        d.AuthenticationContextId.Should().BeNull();
        d.Policies.Should().BeEmpty();
    }

    [Test]
    public void Fido2_sign_in_within_the_hour_is_allowed_by_policies()
    {
        var d = Evaluate(Seed(), Fido2());
        d.Outcome.Should().Be(ProtectedActionOutcome.Allowed);
        d.SatisfiedBy.Should().Be(SatisfiedBy.Policies);
        d.AuthenticationContextId.Should().Be("c1");
        d.Policies.Should().ContainSingle().Which.Satisfied.Should().BeTrue();
    }

    [Test]
    public void Password_sign_in_requires_step_up_for_c1_with_a_challenge()
    {
        var d = Evaluate(Seed(), Password());
        d.Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
        d.AuthenticationContextId.Should().Be("c1");
        d.Challenge!.AuthenticationContextId.Should().Be("c1");
        d.Challenge.Claims.Should().Be("{\"access_token\":{\"acrs\":{\"essential\":true,\"value\":\"c1\"}}}");
        d.Policies[0].FailedControls.Should().Equal("authenticationStrength");
        d.Policies[0].Remediable.Should().BeTrue();
        d.MaxAgeSeconds.Should().BeNull();
    }

    [Test]
    public void Stale_fido2_sign_in_requires_step_up_with_max_age_of_one_hour()
    {
        var d = Evaluate(Seed(), Fido2(TimeSpan.FromHours(2)));
        d.Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
        d.MaxAgeSeconds.Should().Be(3600);
        d.Policies[0].FailedControls.Should().Equal("signInFrequency");
    }

    [Test]
    public void Emergency_account_is_excluded_and_allowed_even_with_password()
    {
        var d = Evaluate(Seed(), Password(user: BreakGlass));
        d.Outcome.Should().Be(ProtectedActionOutcome.Allowed);
        d.Policies[0].Applies.Should().BeFalse();
        d.Policies[0].Reason.Should().Be(PolicyReason.Users);
    }

    [Test]
    public void Acrs_claim_listing_the_context_allows_by_token()
    {
        var signIn = new SignInContext { UserId = Alice, Issuer = Fixtures.Issuer, SatisfiedContexts = ["c1"], AuthenticationMethodReferences = ["pwd"] };
        var d = Evaluate(Seed(), signIn);
        d.Outcome.Should().Be(ProtectedActionOutcome.Allowed);
        d.SatisfiedBy.Should().Be(SatisfiedBy.Token);
    }

    [Test]
    public void Acrs_claim_is_ignored_when_trust_is_off()
    {
        var o = Seed();
        o.Settings.TrustAcrsClaim = false;
        var d = Evaluate(o, new SignInContext { UserId = Alice, SatisfiedContexts = ["c1"], AuthenticationMethodReferences = ["pwd"] });
        d.Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
    }

    [TestCase("https://login.microsoftonline.com/t/v2.0", ProtectedActionOutcome.Allowed)]
    [TestCase("https://evil.example/", ProtectedActionOutcome.StepUpRequired)]
    [TestCase(null, ProtectedActionOutcome.StepUpRequired)]
    public void Acrs_counts_only_from_trusted_issuers_when_listed(string? issuer, ProtectedActionOutcome expected)
    {
        var o = Seed();
        o.Settings.TrustedIssuers = ["https://login.microsoftonline.com/t/v2.0"];
        var d = Evaluate(o, new SignInContext { UserId = Alice, Issuer = issuer, SatisfiedContexts = ["c1"], AuthenticationMethodReferences = ["pwd"] });
        d.Outcome.Should().Be(expected);
    }

    [Test]
    public void Acrs_for_another_context_does_not_satisfy_c1()
    {
        var d = Evaluate(Seed(), new SignInContext { UserId = Alice, SatisfiedContexts = ["c2", "C1"], AuthenticationMethodReferences = ["pwd"] });
        d.Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
    }

    [TestCase("MICROSOFT.DIRECTORY/CONDITIONALACCESSPOLICIES/CREATE")]
    [TestCase("microsoft.directory/conditionalaccesspolicies/create")]
    [TestCase("Microsoft.Directory/NamedLocations/Create")]
    public void Permissions_match_case_insensitively(string permission)
    {
        var d = Evaluate(Seed(), Password(), permission);
        d.IsProtected.Should().BeTrue();
        d.Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
    }

    [Test]
    public void Empty_sign_in_fails_closed_to_step_up_never_allowed()
    {
        var d = Evaluate(Seed(), new SignInContext());
        d.Outcome.Should().NotBe(ProtectedActionOutcome.Allowed);
        d.Policies[0].Reason.Should().Be(PolicyReason.NotEnoughInformation);
        d.Policies[0].MissingInformation.Should().HaveFlag(MissingInformation.User);
    }

    [Test]
    public void Explanation_names_the_policy_and_what_failed()
    {
        var d = Evaluate(Seed(), Password());
        d.Explanation.Should().Contain("Step-up required").And.Contain("Policy p1").And.Contain("authenticationStrength");
    }

    [Test]
    public void Same_inputs_share_one_cached_decision_instance()
    {
        var evaluator = ProtectedActionEvaluator.Create(Seed(), Clock());
        var r = new ProtectedActionRequest(KnownPermissions.ConditionalAccessPoliciesCreate, Fido2());
        var a = evaluator.EvaluateAsync(r).Result;
        var b = evaluator.EvaluateAsync(r).Result;
        b.Should().BeSameAs(a);
    }

    [Test]
    public async Task Cancelled_token_throws_rather_than_deciding()
    {
        var evaluator = ProtectedActionEvaluator.Create(Seed(), Clock());
        var act = () => evaluator.EvaluateAsync(new ProtectedActionRequest(KnownPermissions.ConditionalAccessPoliciesCreate, Fido2()), new CancellationToken(true)).AsTask();
        await act.Should().ThrowAsync<OperationCanceledException>();
    }

    [Test]
    public void Request_guards_its_arguments()
    {
        FluentActions.Invoking(() => new ProtectedActionRequest("", Fido2())).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => new ProtectedActionRequest("a/b/c", null!)).Should().Throw<ArgumentNullException>();
    }

    [Test]
    public void Sign_in_to_string_shows_no_claim_values()
    {
        Fido2().ToString().Should().NotContain(Alice);
    }
}
