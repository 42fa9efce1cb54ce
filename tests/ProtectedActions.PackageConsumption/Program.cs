using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using ProtectedActions;
using ProtectedActions.Testing;

// A consumer of the packed packages: registers, evaluates, and asserts the decisions.
var services = new ServiceCollection();
services.AddProtectedActions(o =>
{
    o.AuthenticationContexts.Add(new() { Id = "c1" });
    o.ProtectedActions.Add(new() { Permission = "contoso.billing/invoices/approve", AuthenticationContextId = "c1" });
    o.ProtectedActions.Add(new() { Permission = KnownPermissions.ProtectedActionsManagement, AuthenticationContextId = "c1" });
    o.ConditionalAccessPolicies.Add(new()
    {
        Id = "p1", State = "enabled",
        Conditions = new()
        {
            Applications = new() { IncludeAuthenticationContextClassReferences = ["c1"] },
            Users = new() { IncludeUsers = ["All"], ExcludeUsers = ["breakglass"] },
        },
        GrantControls = new() { AuthenticationStrength = new() { Id = KnownAuthenticationStrengths.PhishingResistantMfa } },
    });
    o.EmergencyAccessAccounts.UserIds.Add("breakglass");
    o.Settings.TrustedTenantIds.Add("00000000-0000-0000-0000-00000000c0de"); // only this tenant's acrs counts
}).AddAspNetCore();
services.AddLogging();
using var provider = services.BuildServiceProvider();
var evaluator = provider.GetRequiredService<IProtectedActionEvaluator>();

var password = await evaluator.EvaluateAsync(new ProtectedActionRequest("contoso.billing/invoices/approve",
    new SignInContext { UserId = "alice", GroupIds = [], RoleIds = [], AuthenticationMethodReferences = ["pwd"] }));
var fido2 = await evaluator.EvaluateAsync(new ProtectedActionRequest("contoso.billing/invoices/approve",
    new SignInContext { UserId = "alice", GroupIds = [], RoleIds = [], AuthenticationMethods = AuthenticationMethodModes.Fido2 }));

// The testing kit: the same policy through its configuration builder, sign-in builder and assertions.
var kitEvaluator = new ProtectedActionsConfigurationBuilder()
    .AddContext("c1", "Strong auth")
    .Protect("contoso.billing/invoices/approve", "c1")
    .Protect(KnownPermissions.ProtectedActionsManagement, "c1")
    .AddPolicy("p1", p => p.ForContext("c1").IncludeAllUsers().Exclude("breakglass").RequireStrength(BuiltInStrengths.PhishingResistant))
    .AddEmergencyAccount("breakglass")
    .BuildEvaluator();
(await kitEvaluator.EvaluateAsync(SignInBuilder.ForUser("alice").WithPassword().ToRequest("contoso.billing/invoices/approve")))
    .ShouldRequireStepUp("c1");

// The documents package: the same configuration read from a JSON document, with no issue.
var document = ProtectedActionsDocument.Parse("""
    {
      "authenticationContexts": [ { "id": "c1" } ],
      "protectedActions": [ { "permission": "contoso.billing/invoices/approve", "authenticationContextId": "c1" } ],
      "conditionalAccessPolicies": [ { "id": "p1", "state": "enabled",
        "conditions": { "applications": { "includeAuthenticationContextClassReferences": [ "c1" ] }, "users": { "includeUsers": [ "All" ] } },
        "grantControls": { "operator": "OR", "authenticationStrength": { "id": "00000000-0000-0000-0000-000000000004" } } } ],
      "settings": { "trustedTenantIds": [ "00000000-0000-0000-0000-00000000c0de" ] }
    }
    """, "consumer.json");
var fromDocument = await ProtectedActionEvaluator.Create(document.Options).EvaluateAsync(new ProtectedActionRequest("contoso.billing/invoices/approve",
    new SignInContext { UserId = "alice", GroupIds = [], RoleIds = [], AuthenticationMethodReferences = ["pwd"] }));

// The client package: the step-up challenge read back as a client would.
var challenge = ChallengeParser.Parse(password.Challenge!.WwwAuthenticate[0]).Single();

// The ASP.NET Core package registered its result handler beside the default one.
var aspNetCoreRegistered = provider.GetServices<IAuthorizationMiddlewareResultHandler>().Any();

var ok = password.Outcome == ProtectedActionOutcome.StepUpRequired
    && password.Challenge?.WwwAuthenticate.Count > 0
    && fido2.Outcome == ProtectedActionOutcome.Allowed
    && aspNetCoreRegistered
    && !document.HasErrors && fromDocument.Outcome == ProtectedActionOutcome.StepUpRequired
    && challenge.Error == "insufficient_claims" && challenge.Claims?.Contains("\"c1\"", StringComparison.Ordinal) == true;
Console.WriteLine($"password: {password.Outcome}; fido2: {fido2.Outcome}");
Console.WriteLine(ok ? "package consumption: 1 passed, 0 failed" : "package consumption: 0 passed, 1 failed");
return ok ? 0 : 1;
