using Microsoft.Extensions.Time.Testing;
using ProtectedActions.Tests.SignIns;
using static ProtectedActions.Tests.Providers.ProviderFixtures;

namespace ProtectedActions.Tests.Providers;

/// <summary>
/// Each preset against signed tokens shaped like that provider's (claim names, value formats, amr as array or
/// string), validated and mapped every way a host can, then decided. docs/providers.md cites the vendor pages.
/// </summary>
public class PresetTokenTests
{
    private static readonly FakeTimeProvider Clock = new(DateTimeOffset.UtcNow);

    private static ProtectedActionDecision Decide(Func<string, string?, SignInContext> map, string issuer, Dictionary<string, object?> claims,
        string permission = Strong, ProtectedActionsOptions? options = null)
    {
        claims["iss"] = issuer;
        var signIn = map(TestTokens.Mint(claims), issuer);
        var evaluator = ProtectedActionEvaluator.Create(options ?? Options(), Clock);
        return evaluator.EvaluateAsync(new ProtectedActionRequest(permission, signIn)).AsTask().GetAwaiter().GetResult();
    }

    private static long AuthTime(int minutesAgo = 2) => Clock.GetUtcNow().AddMinutes(-minutesAgo).ToUnixTimeSeconds();

    // Keycloak access token: sub is a UUID, acr the ACR mapped to the level of authentication, realm roles nested.
    private static Dictionary<string, object?> KeycloakToken(string acr) => new()
    {
        ["sub"] = "5f0c7f0e-1c1a-4f7e-9c9d-2f3e4a5b6c7d",
        ["typ"] = "Bearer",
        ["azp"] = "payroll-spa",
        ["sid"] = "8a1e6b0c-0c6f-4c3e-9a55-0c9f8d7e6b5a",
        ["acr"] = acr,
        ["auth_time"] = AuthTime(),
        ["realm_access"] = new Dictionary<string, object> { ["roles"] = new[] { "offline_access", "payroll" } },
        ["scope"] = "openid profile email",
    };

    [TestCaseSource(typeof(TestTokens), nameof(TestTokens.Modes))]
    public void Keycloak_loa_2_satisfies_c1_and_loa_1_asks_for_2(Func<string, string?, SignInContext> map)
    {
        Decide(map, Keycloak, KeycloakToken("2")).Outcome.Should().Be(ProtectedActionOutcome.Allowed);
        var weaker = Decide(map, Keycloak, KeycloakToken("1"));
        weaker.Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
        weaker.Challenge!.AcrValues.Should().Be("2");
        Decide(map, Keycloak, KeycloakToken("1"), Weak).Outcome.Should().Be(ProtectedActionOutcome.Allowed);
    }

    [TestCaseSource(typeof(TestTokens), nameof(TestTokens.Modes))]
    public void Keycloak_amr_pwd_otp_is_multifactor_under_its_preset(Func<string, string?, SignInContext> map)
    {
        var options = Options(o => o.ConditionalAccessPolicies[0] = Support.Fixtures.Policy("p1", "c1", controls: ["mfa"]));
        var token = KeycloakToken("0");
        token["amr"] = new[] { "pwd", "otp" };

        Decide(map, Keycloak, token, Strong, options).Outcome.Should().Be(ProtectedActionOutcome.Allowed);
    }

    // Okta (custom authorization server) access token: ver, cid, uid, scp, and acr one of its urn:okta:loa values.
    private static Dictionary<string, object?> OktaToken(string acr, object? amr = null) => new()
    {
        ["ver"] = 1,
        ["jti"] = "AT.n4x2Vh1yS0L7kq9wU3e2a",
        ["cid"] = "0oa8k2x1bYy7Qz4dR5d7",
        ["uid"] = "00u1ab2cd3EF4gh5I6j7",
        ["sub"] = "alice@contoso.example",
        ["scp"] = new[] { "openid", "payroll.approve" },
        ["acr"] = acr,
        ["amr"] = amr ?? new[] { "pwd", "mfa", "otp" },
        ["auth_time"] = AuthTime(),
    };

    [TestCaseSource(typeof(TestTokens), nameof(TestTokens.Modes))]
    public void Okta_phishing_resistant_satisfies_both_and_2fa_only_the_weaker(Func<string, string?, SignInContext> map)
    {
        Decide(map, Okta, OktaToken("phrh")).Outcome.Should().Be(ProtectedActionOutcome.Allowed);
        Decide(map, Okta, OktaToken("urn:okta:loa:2fa:any"), Weak).Outcome.Should().Be(ProtectedActionOutcome.Allowed);
        var strong = Decide(map, Okta, OktaToken("urn:okta:loa:2fa:any"));
        strong.Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
        strong.Challenge!.WwwAuthenticate[0].Should().Contain("acr_values=\"phr\"");
    }

    // Auth0 access token: sub "auth0|…", aud an array, amr ["mfa"] after MFA (added by an Action), acr the policy URI.
    private static Dictionary<string, object?> Auth0Token(string? acr, object? amr) => new()
    {
        ["sub"] = "auth0|64f1c2d3e4b5a6978899aabb",
        ["azp"] = "p4yR0llSp4Cl13nt",
        ["scope"] = "openid profile payroll:approve",
        ["acr"] = acr,
        ["amr"] = amr,
        ["auth_time"] = AuthTime(),
    };

    [TestCaseSource(typeof(TestTokens), nameof(TestTokens.Modes))]
    public void Auth0_multi_factor_policy_satisfies_c1_and_amr_mfa_as_string_or_array_is_a_second_factor(Func<string, string?, SignInContext> map)
    {
        Decide(map, Auth0, Auth0Token(Auth0Mfa, new[] { "mfa" })).Outcome.Should().Be(ProtectedActionOutcome.Allowed);

        var options = Options(o => o.ConditionalAccessPolicies[0] = Support.Fixtures.Policy("p1", "c1", controls: ["mfa"]));
        Decide(map, Auth0, Auth0Token(null, "mfa"), Strong, options).Outcome.Should().Be(ProtectedActionOutcome.Allowed);
        Decide(map, Auth0, Auth0Token(null, new[] { "mfa" }), Strong, options).Outcome.Should().Be(ProtectedActionOutcome.Allowed);
        var none = Decide(map, Auth0, Auth0Token(null, new[] { "pwd" }), Strong, options);
        none.Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
        none.Challenge!.AcrValues.Should().Be(Auth0Mfa);
    }

    // Duende IdentityServer access token: client_id, idp, amr (single value serialised as a string), and acr when the host sets it.
    private static Dictionary<string, object?> DuendeToken(string? acr, object amr) => new()
    {
        ["sub"] = "818727",
        ["client_id"] = "payroll",
        ["idp"] = "local",
        ["amr"] = amr,
        ["acr"] = acr,
        ["sid"] = "2A9E6E7C0F1B4D3C",
        ["auth_time"] = AuthTime(),
        ["scope"] = new[] { "openid", "payroll" },
    };

    [TestCaseSource(typeof(TestTokens), nameof(TestTokens.Modes))]
    public void Duende_acr_satisfies_and_an_external_login_proves_no_method(Func<string, string?, SignInContext> map)
    {
        Decide(map, Duende, DuendeToken("mfa-strong", "pwd")).Outcome.Should().Be(ProtectedActionOutcome.Allowed);

        var options = Options(o => o.ConditionalAccessPolicies[0] = Support.Fixtures.Policy("p1", "c1", controls: ["mfa"]));
        Decide(map, Duende, DuendeToken(null, "external"), Strong, options).Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
        Decide(map, Duende, DuendeToken(null, new[] { "pwd", "mfa" }), Strong, options).Outcome.Should().Be(ProtectedActionOutcome.Allowed);
    }

    // OpenIddict access token: oi_tkn_id/oi_au_id private claims, acr set by the server's authorization logic.
    private static Dictionary<string, object?> OpenIddictToken(string acr) => new()
    {
        ["sub"] = "b2c4a0f6-6b1d-4b3e-8f11-0e2a4d7c9b1a",
        ["oi_prst"] = "payroll-spa",
        ["oi_au_id"] = "c8d3f7a1-5b2e-4c9d-8e1f-2a3b4c5d6e7f",
        ["client_id"] = "payroll-spa",
        ["oi_tkn_id"] = "d1e2f3a4-b5c6-4d7e-8f9a-0b1c2d3e4f5a",
        ["acr"] = acr,
        ["amr"] = new[] { "pwd", "hwk", "user" },
        ["auth_time"] = AuthTime(),
    };

    [TestCaseSource(typeof(TestTokens), nameof(TestTokens.Modes))]
    public void OpenIddict_level_2_satisfies_and_level_1_asks_for_2(Func<string, string?, SignInContext> map)
    {
        Decide(map, OpenIddict, OpenIddictToken("2")).Outcome.Should().Be(ProtectedActionOutcome.Allowed);
        Decide(map, OpenIddict, OpenIddictToken("1")).Challenge!.AcrValues.Should().Be("2");
    }

    [TestCaseSource(typeof(TestTokens), nameof(TestTokens.Modes))]
    public void Entra_tokens_under_an_entra_profile_are_decided_by_acrs_as_before(Func<string, string?, SignInContext> map)
    {
        var options = Options(o => o.Settings.Issuers[0].Issuer = TestTokens.EntraIssuer);
        var token = new Dictionary<string, object?>
        {
            ["oid"] = "6f1b2c3d-0000-4000-8000-000000000001",
            ["tid"] = TestTokens.TenantId,
            ["amr"] = new[] { "pwd" },
            ["acrs"] = new[] { "c1" },
            ["acr"] = "1",
            ["auth_time"] = AuthTime(),
            ["xms_cc"] = new[] { "cp1" },
        };

        Decide(map, TestTokens.EntraIssuer, token, Strong, options).SatisfiedBy.Should().Be(SatisfiedBy.Token);
        token["acrs"] = new[] { "c2" };
        var stepUp = Decide(map, TestTokens.EntraIssuer, token, Strong, options);
        stepUp.Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
        stepUp.Challenge!.Claims.Should().Contain("\"acrs\"");
    }

    [TestCaseSource(typeof(TestTokens), nameof(TestTokens.Modes))]
    public void Attacker_a_validly_signed_token_from_another_issuer_with_a_matching_acr_gets_nothing(Func<string, string?, SignInContext> map)
    {
        var decision = Decide(map, "https://attacker.example/realms/staff", KeycloakToken("2"));

        decision.Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
        decision.SatisfiedBy.Should().NotBe(SatisfiedBy.Token);
    }
}
