using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ProtectedActions;

// Evaluates the seed scenario (c1 = phishing-resistant MFA + one-hour sign-in frequency guarding Entra's
// Conditional Access and named-location permissions, an emergency account excluded) for a handful of
// sign-ins and prints each decision and why. Exits 0 only when every decision is the expected one.
using var json = typeof(Program).Assembly.GetManifestResourceStream("protected-actions.json")!;
var configuration = new ConfigurationBuilder().AddJsonStream(json).Build();
var services = new ServiceCollection();
services.AddProtectedActions(configuration.GetSection("ProtectedActions"));
using var provider = services.BuildServiceProvider();
var evaluator = provider.GetRequiredService<IProtectedActionEvaluator>();

var now = TimeProvider.System.GetUtcNow();
const string Alice = "11111111-1111-1111-1111-111111111111";
const string Issuer = "https://login.microsoftonline.com/00000000-0000-0000-0000-00000000c0de/v2.0"; // settings.trustedIssuers
var cases = new (string Title, string Permission, SignInContext SignIn, ProtectedActionOutcome Expected)[]
{
    ("Password-only admin creates a Conditional Access policy", KnownPermissions.ConditionalAccessPoliciesCreate,
        new() { UserId = Alice, GroupIds = [], RoleIds = [], UserType = UserType.Member, AuthenticationMethodReferences = ["pwd"], AuthenticationTime = now.AddMinutes(-5) },
        ProtectedActionOutcome.StepUpRequired),
    ("Same admin after a FIDO2 sign-in", KnownPermissions.ConditionalAccessPoliciesCreate,
        new() { UserId = Alice, GroupIds = [], RoleIds = [], UserType = UserType.Member, AuthenticationMethodReferences = ["fido", "mfa"], AuthenticationTime = now.AddMinutes(-5) },
        ProtectedActionOutcome.Allowed),
    ("FIDO2 sign-in from three hours ago updates a named location", KnownPermissions.NamedLocationsBasicUpdate,
        new() { UserId = Alice, GroupIds = [], RoleIds = [], UserType = UserType.Member, AuthenticationMethodReferences = ["fido", "mfa"], AuthenticationTime = now.AddHours(-3) },
        ProtectedActionOutcome.StepUpRequired),
    ("Token from the trusted issuer already carries acrs c1", KnownPermissions.NamedLocationsDelete,
        new() { UserId = Alice, Issuer = Issuer, SatisfiedContexts = ["c1"], AuthenticationMethodReferences = ["pwd", "mfa"] },
        ProtectedActionOutcome.Allowed),
    ("Token from another issuer carries acrs c1", KnownPermissions.NamedLocationsDelete,
        new() { UserId = Alice, Issuer = "https://login.microsoftonline.com/00000000-0000-0000-0000-0000000ba0de/v2.0", SatisfiedContexts = ["c1"], AuthenticationMethodReferences = ["pwd"] },
        ProtectedActionOutcome.StepUpRequired),
    ("Emergency-access account with a password", KnownPermissions.ConditionalAccessPoliciesDelete,
        new() { UserId = "00000000-0000-0000-0000-0000000000bb", GroupIds = [], RoleIds = [], UserType = UserType.Member, AuthenticationMethodReferences = ["pwd"], AuthenticationTime = now.AddMinutes(-1) },
        ProtectedActionOutcome.Allowed),
    ("Reading invoices is not a protected action", "contoso.billing/invoices/read",
        new() { UserId = Alice, AuthenticationMethodReferences = ["pwd"] },
        ProtectedActionOutcome.Allowed),
};

var failures = 0;
foreach (var (title, permission, signIn, expected) in cases)
{
    var decision = await evaluator.EvaluateAsync(new ProtectedActionRequest(permission, signIn));
    var ok = decision.Outcome == expected;
    failures += ok ? 0 : 1;
    Console.WriteLine($"{(ok ? "ok  " : "FAIL")} {title}");
    Console.WriteLine($"     {permission} -> {decision.Outcome.ToWireName()}");
    foreach (var line in decision.Explanation.Split('\n'))
    {
        Console.WriteLine("     " + line);
    }

    if (decision.Challenge is { } challenge)
    {
        Console.WriteLine("     WWW-Authenticate: " + string.Join(" | ", challenge.WwwAuthenticate));
    }

    Console.WriteLine();
}

Console.WriteLine(failures == 0 ? "Every decision was as expected." : $"{failures} decision(s) were not as expected.");
return failures == 0 ? 0 : 1;
