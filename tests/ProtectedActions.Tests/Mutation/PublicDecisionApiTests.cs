using static ProtectedActions.Tests.Support.Fixtures;

namespace ProtectedActions.Tests.Mutation;

/// <summary>
/// The public factories fakes and hosts call (what they refuse, by parameter name, and what they fill in), the
/// client capability of decisions that need no challenge, note codes, and the verdict texts for causes set outside
/// the evaluator (a client without cp1 named only in the causes, a step-up the provider could not satisfy).
/// </summary>
public class PublicDecisionApiTests
{
    private const string Permission = "contoso.billing/invoices/approve";

    [TestCase(null)]
    [TestCase("")]
    public void A_policy_result_needs_an_id(string? id) =>
        FluentActions.Invoking(() => PolicyResult.Create(id!)).Should().Throw<ArgumentException>().WithParameterName(nameof(id));

    [Test]
    public void A_policy_result_without_failed_controls_lists_none() =>
        PolicyResult.Create("p1").FailedControls.Should().NotBeNull().And.BeEmpty();

    [Test]
    public void A_challenge_needs_its_header_values() =>
        FluentActions.Invoking(() => StepUpChallenge.Create(null!, "c1")).Should().Throw<ArgumentNullException>().WithParameterName("wwwAuthenticate");

    [TestCase(null)]
    [TestCase("")]
    public void A_challenge_needs_a_context(string? context) =>
        FluentActions.Invoking(() => StepUpChallenge.Create(["Bearer x"], context!)).Should().Throw<ArgumentException>().WithParameterName("authenticationContextId");

    [Test]
    public void An_evaluator_needs_options() =>
        FluentActions.Invoking(() => ProtectedActionEvaluator.Create(null!)).Should().Throw<ArgumentNullException>().WithParameterName("options");

    [Test]
    public void A_step_up_for_a_client_without_cp1_keeps_that_cause_when_the_caller_names_it_too()
    {
        var d = ProtectedActionDecision.Create(ProtectedActionOutcome.StepUpRequired, Permission, "c1", clientCapable: false,
            causes: DecisionCauses.ClientNotCapable | DecisionCauses.Reauthentication);

        d.Causes.Should().Be(DecisionCauses.ClientNotCapable | DecisionCauses.Reauthentication);
    }

    [Test]
    public void Decisions_that_need_no_challenge_count_the_client_as_capable()
    {
        var o = Seed();
        o.Settings.RequireClientCapability = true;
        var evaluator = ProtectedActionEvaluator.Create(o, Clock());
        var token = new SignInContext
        {
            UserId = Alice, TenantId = Tenant, Issuer = Issuer, GroupIds = [], RoleIds = [], UserType = UserType.Member,
            AuthenticationMethods = AuthenticationMethodModes.Password, SatisfiedContexts = ["c1"],
        };

        var notProtected = evaluator.EvaluateAsync(new("contoso.app/things/read", Password())).AsTask().GetAwaiter().GetResult();
        var byToken = evaluator.EvaluateAsync(new(KnownPermissions.ConditionalAccessPoliciesCreate, token)).AsTask().GetAwaiter().GetResult();

        notProtected.SatisfiedBy.Should().Be(SatisfiedBy.NotProtected);
        notProtected.ClientCapable.Should().BeTrue();
        byToken.SatisfiedBy.Should().Be(SatisfiedBy.Token);
        byToken.ClientCapable.Should().BeTrue();
    }

    [Test]
    public void A_note_that_mentions_an_overage_of_another_claim_is_not_a_groups_overage() =>
        ProtectedActionDecision.Create(ProtectedActionOutcome.Allowed, Permission, reasons: ["host: the roles overage was not read"])
            .Notes.Should().ContainSingle().Which.Code.Should().Be(DecisionNoteCodes.Other);

    [Test]
    public void A_decision_without_reasons_has_no_notes() =>
        ProtectedActionDecision.Create(ProtectedActionOutcome.Allowed, Permission).Notes.Should().BeEmpty();

    [Test]
    public void A_step_up_whose_causes_say_the_client_lacks_cp1_is_explained_so() =>
        ProtectedActionDecision.Create(ProtectedActionOutcome.StepUpRequired, Permission, "c1", clientCapable: true,
                causes: DecisionCauses.ClientNotCapable).Explanation
            .Should().Be("Step-up required for authentication context c1, but the client did not declare the cp1 capability, so no challenge is sent.");

    [Test]
    public void A_denial_after_an_unsatisfied_step_up_says_so() =>
        ProtectedActionDecision.Create(ProtectedActionOutcome.Denied, Permission, "c1", causes: DecisionCauses.StepUpUnsatisfiable).Explanation
            .Should().Be("Denied: re-authentication cannot satisfy authentication context c1. Because the caller already stepped up after being asked "
                + "and the new sign-in still does not satisfy it (step-up-unsatisfiable).");
}
