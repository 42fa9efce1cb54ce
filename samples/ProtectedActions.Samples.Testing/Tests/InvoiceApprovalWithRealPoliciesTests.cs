using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;
using ProtectedActions;
using ProtectedActions.Testing;

namespace Contoso.Billing.Tests;

/// <summary>
/// The service against the real evaluator and the team's real policy, built in memory, on a fake clock:
/// approving invoices needs phishing-resistant MFA within the last hour.
/// </summary>
public sealed class InvoiceApprovalWithRealPoliciesTests
{
    private const string BreakGlass = "9f8e7d6c-5b4a-4321-9876-0fedcba98765";

    private FakeTimeProvider _time = null!;
    private IProtectedActionEvaluator _evaluator = null!;
    private RecordingInvoiceStore _store = null!;
    private InvoiceApprovalService _service = null!;

    [SetUp]
    public void SetUp()
    {
        _time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        _evaluator = new ProtectedActionsConfigurationBuilder()
            .AddContext("c1", "Approvals: phishing-resistant MFA")
            .Protect(InvoiceApprovalService.ApprovePermission, "c1")
            .AddPolicy("approve-invoices", p => p
                .ForContext("c1")
                .IncludeAllUsers()
                .Exclude(BreakGlass)
                .RequireStrength(BuiltInStrengths.PhishingResistant)
                .RequireSignInWithin(TimeSpan.FromHours(1)))
            .AddEmergencyAccount(BreakGlass)
            .BuildEvaluator(_time);
        _store = new RecordingInvoiceStore();
        _service = new InvoiceApprovalService(_evaluator, _store);
    }

    [Test]
    public async Task Recent_passkey_sign_in_approves_the_invoice()
    {
        var user = EntraTokenBuilder.ForUser("alice").WithFido2().AuthenticatedAgo(TimeSpan.FromMinutes(10), _time).BuildPrincipal();

        var result = await _service.ApproveAsync("INV-1", user);

        Assert.That(result.Status, Is.EqualTo(ApprovalStatus.Approved));
        Assert.That(_store.Approved, Is.EqualTo(new[] { ("INV-1", "alice") }));
    }

    [Test]
    public async Task Password_sign_in_gets_a_claims_challenge_for_c1_and_nothing_is_approved()
    {
        var user = EntraTokenBuilder.ForUser("alice").WithPassword().AuthenticatedAgo(TimeSpan.FromMinutes(10), _time).BuildPrincipal();

        var result = await _service.ApproveAsync("INV-1", user);

        Assert.That(result.Status, Is.EqualTo(ApprovalStatus.StepUpRequired));
        var challenge = ChallengeParser.Parse(result.Challenges.Single()).Single();
        Assert.That(challenge.Error, Is.EqualTo("insufficient_claims"));
        Assert.That(challenge.Claims, Does.Contain("\"value\":\"c1\""));
        Assert.That(_store.Approved, Is.Empty);
    }

    [Test]
    public async Task Passkey_sign_in_that_has_grown_old_needs_a_fresh_sign_in()
    {
        var user = EntraTokenBuilder.ForUser("alice").WithFido2().AuthenticatedAgo(TimeSpan.FromMinutes(10), _time).BuildPrincipal();
        _time.Advance(TimeSpan.FromHours(2));

        var result = await _service.ApproveAsync("INV-1", user);

        Assert.That(result.Status, Is.EqualTo(ApprovalStatus.StepUpRequired));
    }

    [Test]
    public async Task Token_that_already_satisfies_c1_is_approved()
    {
        var user = EntraTokenBuilder.ForUser("alice").WithSatisfiedContexts("c1").BuildPrincipal();

        var result = await _service.ApproveAsync("INV-2", user);

        Assert.That(result.Status, Is.EqualTo(ApprovalStatus.Approved));
    }

    // The policy itself, decision by decision, with the assertion helpers (their failure messages include
    // the decision's explanation, policy by policy).

    [Test]
    public async Task Policy_exempts_the_emergency_account()
    {
        var decision = await _evaluator.EvaluateAsync(SignInBuilder.ForUser(BreakGlass).ToRequest(InvoiceApprovalService.ApprovePermission));

        decision.ShouldBeAllowed().ShouldNotApply("approve-invoices", PolicyReason.Users);
    }

    [Test]
    public async Task Policy_asks_for_a_sign_in_within_the_hour()
    {
        var signIn = new SignInBuilder().WithFido2().AuthenticatedAgo(TimeSpan.FromHours(3), _time);

        var decision = await _evaluator.EvaluateAsync(signIn.ToRequest(InvoiceApprovalService.ApprovePermission));

        decision.ShouldRequireStepUp("c1", maxAgeSeconds: 3600).ShouldHaveFailedControl("approve-invoices", "signInFrequency");
    }
}
