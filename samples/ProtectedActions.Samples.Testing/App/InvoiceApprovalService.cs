using System.Security.Claims;
using ProtectedActions;

namespace Contoso.Billing;

/// <summary>What approving an invoice came to.</summary>
public enum ApprovalStatus
{
    /// <summary>The invoice is approved.</summary>
    Approved,
    /// <summary>The caller must sign in again; send <see cref="ApprovalResult.Challenges"/> as WWW-Authenticate with a 401.</summary>
    StepUpRequired,
    /// <summary>The caller may not approve invoices now (403).</summary>
    Forbidden,
}

/// <summary>The result of <see cref="InvoiceApprovalService.ApproveAsync"/>.</summary>
public sealed record ApprovalResult(ApprovalStatus Status, IReadOnlyList<string> Challenges);

/// <summary>Where approved invoices go.</summary>
public interface IInvoiceStore
{
    /// <summary>Marks the invoice approved by the user.</summary>
    Task MarkApprovedAsync(string invoiceId, string approvedBy, CancellationToken cancellationToken);
}

/// <summary>
/// The team's own code: approving an invoice is a protected action. The service asks the evaluator and only
/// approves when the decision allows it.
/// </summary>
public sealed class InvoiceApprovalService(IProtectedActionEvaluator evaluator, IInvoiceStore store)
{
    /// <summary>The permission approving invoices needs (mapped to an authentication context in configuration).</summary>
    public const string ApprovePermission = "contoso.billing/invoices/approve";

    /// <summary>Approves <paramref name="invoiceId"/> for the authenticated <paramref name="user"/>.</summary>
    public async Task<ApprovalResult> ApproveAsync(string invoiceId, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var signIn = SignInMapper.FromClaimsPrincipal(user);
        var decision = await evaluator.EvaluateAsync(new ProtectedActionRequest(ApprovePermission, signIn), cancellationToken);
        switch (decision.Outcome)
        {
            case ProtectedActionOutcome.Allowed:
                await store.MarkApprovedAsync(invoiceId, signIn.UserId ?? "unknown", cancellationToken);
                return new ApprovalResult(ApprovalStatus.Approved, []);
            case ProtectedActionOutcome.StepUpRequired when decision.Challenge is { } challenge:
                return new ApprovalResult(ApprovalStatus.StepUpRequired, challenge.WwwAuthenticate);
            default:
                // Denied, or a step-up the client cannot be challenged for: refuse (fail closed).
                return new ApprovalResult(ApprovalStatus.Forbidden, []);
        }
    }
}
