using ProtectedActions.Tests.Support;

namespace ProtectedActions.Tests.Providers;

/// <summary>A small configuration with c1 (strong) and c2 (weaker) and issuer profiles for every preset.</summary>
internal static class ProviderFixtures
{
    public const string Strong = "contoso.payroll/payments/approve";
    public const string Weak = "contoso.payroll/payments/read";
    public const string Keycloak = "https://sso.contoso.example/realms/staff";
    public const string Okta = "https://contoso.okta.example/oauth2/default";
    public const string Auth0 = "https://contoso.eu.auth0.example/";
    public const string Duende = "https://identity.contoso.example";
    public const string OpenIddict = "https://login.contoso.example/";
    public const string Generic = "https://idp.contoso.example";
    public const string Auth0Mfa = "http://schemas.openid.net/pape/policies/2007/06/multi-factor";

    /// <summary>Both contexts require phishing-resistant MFA, which an acr-only token cannot prove by amr: only acr satisfies them by token.</summary>
    public static ProtectedActionsOptions Options(Action<ProtectedActionsOptions>? configure = null)
    {
        var options = new ProtectedActionsOptions
        {
            AuthenticationContexts = [new() { Id = "c1", DisplayName = "Approve payments" }, new() { Id = "c2", DisplayName = "Read payments" }],
            ProtectedActions =
            [
                new() { Permission = Strong, AuthenticationContextId = "c1" },
                new() { Permission = Weak, AuthenticationContextId = "c2" },
            ],
            ConditionalAccessPolicies =
            [
                Fixtures.Policy("p1", "c1", strength: Fixtures.PhishingResistant),
                Fixtures.Policy("p2", "c2", strength: Fixtures.PhishingResistant),
            ],
            Settings = new()
            {
                Issuers =
                [
                    new() { Issuer = Fixtures.Issuer, Profile = "entra" },
                    new()
                    {
                        Issuer = Keycloak, Profile = "keycloak",
                        Acr = new() { Levels = ["0", "1", "2"], Contexts = new(StringComparer.OrdinalIgnoreCase) { ["c1"] = ["2"], ["c2"] = ["1"] } },
                    },
                    new()
                    {
                        Issuer = Okta, Profile = "okta",
                        Acr = new() { Contexts = new(StringComparer.OrdinalIgnoreCase) { ["c1"] = ["phr"], ["c2"] = ["urn:okta:loa:2fa:any"] } },
                    },
                    new() { Issuer = Auth0, Profile = "auth0", Acr = new() { Contexts = new(StringComparer.OrdinalIgnoreCase) { ["c1"] = [Auth0Mfa] } } },
                    new() { Issuer = Duende, Profile = "duende", Acr = new() { Contexts = new(StringComparer.OrdinalIgnoreCase) { ["c1"] = ["mfa-strong"] } } },
                    new() { Issuer = OpenIddict, Profile = "openiddict", Acr = new() { Levels = ["1", "2"], Contexts = new(StringComparer.OrdinalIgnoreCase) { ["c1"] = ["2"] } } },
                    new() { Issuer = Generic, Profile = "generic", Acr = new() { Contexts = new(StringComparer.OrdinalIgnoreCase) { ["c1"] = ["gold", "platinum"] } } },
                ],
            },
        };
        configure?.Invoke(options);
        return options;
    }

    public static SignInContext SignIn(string issuer, string? acr, string[]? amr = null, IReadOnlyList<string>? acrs = null, TimeSpan? age = null) => new()
    {
        UserId = "user-1",
        Issuer = issuer,
        Acr = acr,
        SatisfiedContexts = acrs,
        AuthenticationMethodReferences = amr ?? ["pwd"],
        AuthenticationTime = Fixtures.Now - (age ?? TimeSpan.FromMinutes(2)),
        ClientCapabilities = ["cp1"],
    };

    public static ProtectedActionDecision Decide(SignInContext signIn, string permission = Strong, ProtectedActionsOptions? options = null) =>
        Fixtures.Evaluate(options ?? Options(), signIn, permission);
}
