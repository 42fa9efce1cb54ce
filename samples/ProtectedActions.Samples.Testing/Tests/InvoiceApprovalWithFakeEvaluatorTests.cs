using NUnit.Framework;
using ProtectedActions.Testing;

namespace Contoso.Billing.Tests;

/// <summary>
/// The service's own logic, with the evaluator faked: what it does for each outcome, and what it asks.
/// No policies involved; the fake answers what it is told and records the requests.
/// </summary>
public sealed class InvoiceApprovalWithFakeEvaluatorTests
{
    [Test]
    public async Task Service_asks_for_the_approve_permission_with_the_callers_sign_in()
    {
        var evaluator = new FakeProtectedActionEvaluator().Allow(InvoiceApprovalService.ApprovePermission, "c1");
        var service = new InvoiceApprovalService(evaluator, new RecordingInvoiceStore());

        await service.ApproveAsync("INV-1", EntraTokenBuilder.ForUser("bob").InGroups("finance").BuildPrincipal());

        var call = evaluator.Calls.Single();
        Assert.That(call.Permission, Is.EqualTo(InvoiceApprovalService.ApprovePermission));
        Assert.That(call.SignIn.UserId, Is.EqualTo("bob"));
        Assert.That(call.SignIn.GroupIds, Is.EqualTo(new[] { "finance" }));
    }

    [Test]
    public async Task Denied_decision_is_forbidden_and_nothing_is_approved()
    {
        var store = new RecordingInvoiceStore();
        var service = new InvoiceApprovalService(new FakeProtectedActionEvaluator().Deny(InvoiceApprovalService.ApprovePermission), store);

        var result = await service.ApproveAsync("INV-1", new EntraTokenBuilder().BuildPrincipal());

        Assert.That(result.Status, Is.EqualTo(ApprovalStatus.Forbidden));
        Assert.That(store.Approved, Is.Empty);
    }

    [Test]
    public async Task Step_up_passes_the_challenge_through()
    {
        var evaluator = new FakeProtectedActionEvaluator().RequireStepUp(InvoiceApprovalService.ApprovePermission, "c1");
        var service = new InvoiceApprovalService(evaluator, new RecordingInvoiceStore());

        var result = await service.ApproveAsync("INV-1", new EntraTokenBuilder().BuildPrincipal());

        Assert.That(result.Status, Is.EqualTo(ApprovalStatus.StepUpRequired));
        Assert.That(result.Challenges.Single(), Does.StartWith("Bearer ").And.Contain("error=\"insufficient_claims\""));
    }

    [Test]
    public async Task Step_up_without_a_challenge_fails_closed()
    {
        var evaluator = new FakeProtectedActionEvaluator().RequireStepUp(InvoiceApprovalService.ApprovePermission, "c1", clientCapable: false);
        var store = new RecordingInvoiceStore();
        var service = new InvoiceApprovalService(evaluator, store);

        var result = await service.ApproveAsync("INV-1", new EntraTokenBuilder().BuildPrincipal());

        Assert.That(result.Status, Is.EqualTo(ApprovalStatus.Forbidden));
        Assert.That(store.Approved, Is.Empty);
    }
}
