namespace Contoso.Billing.Tests;

/// <summary>An in-memory store that remembers what was approved.</summary>
internal sealed class RecordingInvoiceStore : IInvoiceStore
{
    public List<(string InvoiceId, string ApprovedBy)> Approved { get; } = [];

    public Task MarkApprovedAsync(string invoiceId, string approvedBy, CancellationToken cancellationToken)
    {
        Approved.Add((invoiceId, approvedBy));
        return Task.CompletedTask;
    }
}
