using Microsoft.Extensions.DependencyInjection;
using ProtectedActions;

var services = new ServiceCollection();
services.AddProtectedActions(o =>
{
    o.AuthenticationContexts.Add(new() { Id = "c1", DisplayName = "Phishing-resistant MFA" });
    o.ProtectedActions.Add(new() { Permission = "contoso.billing/invoices/approve", AuthenticationContextId = "c1" });
    o.ConditionalAccessPolicies.Add(new()
    {
        Id = "approve-invoices", DisplayName = "Approving invoices needs phishing-resistant MFA", State = "enabled",
        Conditions = new()
        {
            Applications = new() { IncludeAuthenticationContextClassReferences = ["c1"] },
            Users = new() { IncludeUsers = ["All"], ExcludeUsers = ["<emergency-account-id>"] },
        },
        GrantControls = new() { AuthenticationStrength = new() { Id = KnownAuthenticationStrengths.PhishingResistantMfa } },
    });
    o.EmergencyAccessAccounts.UserIds.Add("<emergency-account-id>");
    o.Settings.TrustedTenantIds.Add("00000000-0000-0000-0000-00000000c0de"); // your tenant id: only its acrs counts
});
using var provider = services.BuildServiceProvider();
var evaluator = provider.GetRequiredService<IProtectedActionEvaluator>();

var signIn = new SignInContext { UserId = "alice", GroupIds = [], RoleIds = [], AuthenticationMethodReferences = ["pwd"] };
var decision = await evaluator.EvaluateAsync(new ProtectedActionRequest("contoso.billing/invoices/approve", signIn));
Console.WriteLine(decision.Outcome);      // StepUpRequired
Console.WriteLine(decision.Explanation);  // why, policy by policy
