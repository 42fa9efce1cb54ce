using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using ProtectedActions;

// Protected actions outside ASP.NET Core: a message handler pipeline where a decorator evaluates the
// permission a command needs before the handler runs. The same shape fits a gRPC interceptor
// (ServerCallContext.GetHttpContext().User) or a queue consumer that carries the caller's validated claims.
var services = new ServiceCollection();
services.AddProtectedActions(o =>
{
    o.AuthenticationContexts.Add(new() { Id = "c1", DisplayName = "Phishing-resistant MFA" });
    o.ProtectedActions.Add(new() { Permission = ApproveInvoice.Permission, AuthenticationContextId = "c1" });
    o.ProtectedActions.Add(new() { Permission = KnownPermissions.ProtectedActionsManagement, AuthenticationContextId = "c1" });
    o.ConditionalAccessPolicies.Add(new()
    {
        Id = "approvals", State = "enabled",
        Conditions = new()
        {
            Applications = new() { IncludeAuthenticationContextClassReferences = ["c1"] },
            Users = new() { IncludeUsers = ["All"], ExcludeUsers = ["breakglass"] },
        },
        GrantControls = new() { AuthenticationStrength = new() { Id = KnownAuthenticationStrengths.PhishingResistantMfa } },
    });
    o.EmergencyAccessAccounts.UserIds.Add("breakglass");
    o.Settings.TrustedTenantIds.Add("00000000-0000-0000-0000-00000000c0de"); // only this tenant's acrs counts
});
services.AddSingleton<ICommandHandler<ApproveInvoice>, ApproveInvoiceHandler>();
services.AddSingleton(typeof(ProtectedCommandDispatcher<>));
using var provider = services.BuildServiceProvider();
var dispatcher = provider.GetRequiredService<ProtectedCommandDispatcher<ApproveInvoice>>();

// Callers as a message would carry them: claims of a token the sender's gateway validated.
var passwordCaller = Caller(("oid", "alice"), ("amr", "pwd"));
var fido2Caller = Caller(("oid", "alice"), ("amr", "fido"), ("amr", "mfa"));

var first = await dispatcher.DispatchAsync(new ApproveInvoice("INV-1001"), passwordCaller);
var second = await dispatcher.DispatchAsync(new ApproveInvoice("INV-1001"), fido2Caller);
Console.WriteLine($"password caller: {first}");
Console.WriteLine($"FIDO2 caller:    {second}");
return first.StartsWith("step-up", StringComparison.Ordinal) && second == "approved INV-1001" ? 0 : 1;

static ClaimsPrincipal Caller(params (string Type, string Value)[] claims) =>
    new(new ClaimsIdentity(claims.Select(c => new Claim(c.Type, c.Value)), "Bearer"));

/// <summary>A command that names the permission it needs.</summary>
internal interface IProtectedCommand
{
    string RequiredPermission { get; }
}

internal sealed record ApproveInvoice(string InvoiceId) : IProtectedCommand
{
    public const string Permission = "contoso.billing/invoices/approve";

    public string RequiredPermission => Permission;
}

internal interface ICommandHandler<in TCommand>
{
    Task<string> HandleAsync(TCommand command, CancellationToken cancellationToken);
}

internal sealed class ApproveInvoiceHandler : ICommandHandler<ApproveInvoice>
{
    public Task<string> HandleAsync(ApproveInvoice command, CancellationToken cancellationToken) => Task.FromResult("approved " + command.InvoiceId);
}

/// <summary>Evaluates the command's protected action, then runs the handler only when allowed.</summary>
internal sealed class ProtectedCommandDispatcher<TCommand>(IProtectedActionEvaluator evaluator, ICommandHandler<TCommand> handler)
    where TCommand : IProtectedCommand
{
    public async Task<string> DispatchAsync(TCommand command, ClaimsPrincipal caller, CancellationToken cancellationToken = default)
    {
        var decision = await evaluator.EvaluateAsync(
            new ProtectedActionRequest(command.RequiredPermission, SignInMapper.FromClaimsPrincipal(caller)), cancellationToken);
        return decision.Outcome switch
        {
            ProtectedActionOutcome.Allowed => await handler.HandleAsync(command, cancellationToken),
            // A message consumer cannot send a 401: reply with what the sender's client must satisfy.
            ProtectedActionOutcome.StepUpRequired => $"step-up required: satisfy {decision.AuthenticationContextId} and resend",
            _ => "denied: " + decision.Explanation.Split('\n')[0],
        };
    }
}
