namespace ProtectedActions.Tests.Mutation;

/// <summary>
/// <see cref="ProtectedActionDecision.Create"/> as fakes use it: the combinations it refuses (with the message a
/// developer reads), what it fills in, and the derived properties.
/// </summary>
public class DecisionCreateMutationTests
{
    private const string Permission = "contoso.billing/invoices/approve";

    [TestCase(ProtectedActionOutcome.StepUpRequired)]
    [TestCase(ProtectedActionOutcome.Denied)]
    public void A_protected_outcome_needs_a_context(ProtectedActionOutcome outcome)
    {
        var act = () => ProtectedActionDecision.Create(outcome, Permission);

        act.Should().Throw<ArgumentException>().WithParameterName("authenticationContextId")
            .WithMessage("Step-up and denied decisions need an authentication context.*");
    }

    [TestCase(ProtectedActionOutcome.Allowed)]
    [TestCase(ProtectedActionOutcome.Denied)]
    public void Only_a_step_up_carries_a_challenge(ProtectedActionOutcome outcome)
    {
        var act = () => ProtectedActionDecision.Create(outcome, Permission, "c1", challenge: StepUpChallenge.Create(["Bearer x"], "c1"));

        act.Should().Throw<ArgumentException>().WithParameterName("challenge").WithMessage("Only step-up decisions carry a challenge.*");
    }

    [Test]
    public void An_allowed_decision_has_no_causes()
    {
        var act = () => ProtectedActionDecision.Create(ProtectedActionOutcome.Allowed, Permission, "c1", causes: DecisionCauses.Blocked);

        act.Should().Throw<ArgumentException>().WithParameterName("causes").WithMessage("Allowed decisions have no causes.*");
    }

    [TestCase(null)]
    [TestCase("")]
    public void The_permission_is_required(string? permission)
    {
        var act = () => ProtectedActionDecision.Create(ProtectedActionOutcome.Allowed, permission!);

        act.Should().Throw<ArgumentException>().WithParameterName(nameof(permission));
    }

    [TestCase(ProtectedActionOutcome.Allowed, null, SatisfiedBy.NotProtected)]
    [TestCase(ProtectedActionOutcome.Allowed, "c1", SatisfiedBy.Policies)]
    [TestCase(ProtectedActionOutcome.StepUpRequired, "c1", SatisfiedBy.None)]
    [TestCase(ProtectedActionOutcome.Denied, "c1", SatisfiedBy.None)]
    public void What_satisfied_it_follows_from_outcome_and_context(ProtectedActionOutcome outcome, string? context, SatisfiedBy expected)
    {
        var d = ProtectedActionDecision.Create(outcome, Permission, context);

        d.SatisfiedBy.Should().Be(expected);
        d.IsProtected.Should().Be(context is not null);
        d.IsAllowed.Should().Be(outcome == ProtectedActionOutcome.Allowed);
        d.AuthenticationContextId.Should().Be(context);
    }

    [Test]
    public void A_given_satisfied_by_is_kept() =>
        ProtectedActionDecision.Create(ProtectedActionOutcome.Allowed, Permission, "c1", SatisfiedBy.Token).SatisfiedBy.Should().Be(SatisfiedBy.Token);

    [Test]
    public void A_step_up_for_a_client_without_cp1_adds_the_cause()
    {
        var d = ProtectedActionDecision.Create(ProtectedActionOutcome.StepUpRequired, Permission, "c1", clientCapable: false,
            causes: DecisionCauses.Reauthentication);

        d.Causes.Should().Be(DecisionCauses.Reauthentication | DecisionCauses.ClientNotCapable);
        d.ClientCapable.Should().BeFalse();
    }

    [Test]
    public void A_denial_for_a_client_without_cp1_keeps_its_causes()
    {
        var d = ProtectedActionDecision.Create(ProtectedActionOutcome.Denied, Permission, "c1", clientCapable: false, causes: DecisionCauses.Blocked);

        d.Causes.Should().Be(DecisionCauses.Blocked);
    }

    [Test]
    public void Every_value_given_is_kept()
    {
        var challenge = StepUpChallenge.Create(["Bearer x"], "c1", maxAgeSeconds: 60);
        var policy = PolicyResult.Create("p1", satisfied: false, failedControls: ["signInFrequency"], remediable: true);
        var d = ProtectedActionDecision.Create(ProtectedActionOutcome.StepUpRequired, Permission, "c1", policies: [policy], maxAgeSeconds: 60,
            challenge: challenge, reasons: ["a note"], causes: DecisionCauses.SignInFrequency);

        d.Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
        d.Permission.Should().Be(Permission);
        d.Policies.Should().ContainSingle().Which.Should().BeSameAs(policy);
        d.MaxAgeSeconds.Should().Be(60);
        d.Challenge.Should().BeSameAs(challenge);
        d.Reasons.Should().Equal("a note");
        d.Causes.Should().Be(DecisionCauses.SignInFrequency);
        d.ClientCapable.Should().BeTrue();
    }

    [Test]
    public void Defaults_are_empty_lists_not_null()
    {
        var d = ProtectedActionDecision.Create(ProtectedActionOutcome.Allowed, Permission);

        d.Policies.Should().BeEmpty();
        d.Reasons.Should().BeEmpty();
        d.Notes.Should().BeEmpty();
        d.MaxAgeSeconds.Should().BeNull();
        d.Challenge.Should().BeNull();
        d.Causes.Should().Be(DecisionCauses.None);
    }

    [Test]
    public void ToString_names_outcome_permission_and_context()
    {
        ProtectedActionDecision.Create(ProtectedActionOutcome.Denied, Permission, "c1").ToString()
            .Should().Be("Denied contoso.billing/invoices/approve (c1)");
        ProtectedActionDecision.Create(ProtectedActionOutcome.Allowed, Permission).ToString()
            .Should().Be("Allowed contoso.billing/invoices/approve");
    }

    [TestCase("claims: the principal could not be read", DecisionNoteCodes.ClaimsUnreadable)]
    [TestCase("groups: overage; group membership is unknown", DecisionNoteCodes.GroupsOverage)]
    [TestCase("groups: something else", DecisionNoteCodes.Other)]
    [TestCase("idtyp: an app-only token has no user", DecisionNoteCodes.AppOnlyToken)]
    [TestCase("identity: not authenticated", DecisionNoteCodes.NotAuthenticated)]
    [TestCase("identity: several identities", DecisionNoteCodes.AmbiguousIdentity)]
    [TestCase("auth_time is in the future beyond the allowed clock skew; treated as absent", DecisionNoteCodes.AuthenticationTimeInFuture)]
    [TestCase("device information provider timed out; policies that need device information fail closed", DecisionNoteCodes.DeviceProviderFailed)]
    [TestCase("country resolver returned a value that is not an ISO 3166 alpha-2 code; treated as unknown information", DecisionNoteCodes.CountryResolverInvalid)]
    [TestCase("country resolver timed out; country locations are treated as unknown (fail closed)", DecisionNoteCodes.CountryResolverFailed)]
    [TestCase("strict mode: no policy", DecisionNoteCodes.StrictMode)]
    [TestCase("amr: malformed; treated as absent", DecisionNoteCodes.ClaimTreatedAsAbsent)]
    [TestCase("two words: malformed; treated as absent", DecisionNoteCodes.Other)]
    [TestCase(": malformed; treated as absent", DecisionNoteCodes.Other)]
    [TestCase("amr: malformed", DecisionNoteCodes.Other)]
    [TestCase("a note a host wrote", DecisionNoteCodes.Other)]
    public void Notes_are_classified_by_the_prefix_the_library_writes(string note, string code)
    {
        var d = ProtectedActionDecision.Create(ProtectedActionOutcome.Allowed, Permission, reasons: [note]);

        d.Notes.Should().ContainSingle().Which.Code.Should().Be(code);
        d.Notes[0].Message.Should().Be(note);
        d.Notes[0].ToString().Should().Be(code + ": " + note);
        d.Notes.Should().BeSameAs(d.Notes);
    }

    [Test]
    public void A_claim_name_longer_than_forty_characters_is_not_a_claim_note()
    {
        var name = new string('x', 41);
        var d = ProtectedActionDecision.Create(ProtectedActionOutcome.Allowed, Permission, reasons: [name + ": bad; treated as absent"]);

        d.Notes.Single().Code.Should().Be(DecisionNoteCodes.Other);
        ProtectedActionDecision.Create(ProtectedActionOutcome.Allowed, Permission, reasons: [new string('x', 40) + ": bad; treated as absent"])
            .Notes.Single().Code.Should().Be(DecisionNoteCodes.ClaimTreatedAsAbsent);
    }
}
