using System.IdentityModel.Tokens.Jwt;
using ProtectedActions.Tests.SignIns;
using static ProtectedActions.Tests.Support.Fixtures;

namespace ProtectedActions.Tests.Evaluation;

/// <summary>Item 9 of "fail closed, fail right": a caller presenting a bearer token is a modern-authentication client.</summary>
public class ModernAuthenticationClientTests
{
    private static SignInContext S(ClientAppType? app) => new()
    {
        UserId = Alice, GroupIds = [], RoleIds = [], UserType = UserType.Member, AuthenticationMethods = AuthenticationMethodModes.Fido2,
        AuthenticationTime = Now, ClientAppType = app,
    };

    /// <summary>The seed (phishing-resistant MFA) plus the baseline "block legacy authentication" policy.</summary>
    private static ProtectedActionsOptions BlockLegacy(params string[] clientAppTypes)
    {
        var o = Seed();
        o.ConditionalAccessPolicies.Add(Policy("legacy", "c1", controls: ["block"], conditions: c => c.ClientAppTypes = [.. clientAppTypes]));
        return o;
    }

    private static PolicyResult Legacy(ProtectedActionDecision d) => d.Policies.Single(p => p.Id == "legacy");

    private static Dictionary<string, object?> Claims() => new()
    {
        ["oid"] = Alice, ["tid"] = TestTokens.TenantId, ["amr"] = new[] { "fido", "mfa" },
        ["auth_time"] = Now.AddMinutes(-5).ToUnixTimeSeconds(),
    };

    [Test]
    public void Every_sign_in_the_mapper_builds_from_a_token_is_modern_authentication()
    {
        var token = TestTokens.Mint(Claims());

        SignInMapper.FromJsonWebToken(TestTokens.ValidateJsonWebToken(token)).ClientAppType.Should().Be(ClientAppType.ModernAuthentication);
        SignInMapper.FromJwtSecurityToken(new JwtSecurityToken(token)).ClientAppType.Should().Be(ClientAppType.ModernAuthentication);
        SignInMapper.FromClaimsPrincipal(TestTokens.ValidateToPrincipalWithJsonWebTokenHandler(token, mapInboundClaims: true)).ClientAppType
            .Should().Be(ClientAppType.ModernAuthentication);
    }

    [Test]
    public void A_bearer_token_caller_is_not_denied_by_the_block_legacy_authentication_policy()
    {
        var signIn = SignInMapper.FromJsonWebToken(TestTokens.ValidateJsonWebToken(TestTokens.Mint(Claims())));

        var d = Evaluate(BlockLegacy("exchangeActiveSync", "other"), signIn);

        d.Outcome.Should().Be(ProtectedActionOutcome.Allowed);
        Legacy(d).Should().BeEquivalentTo(new { Applies = false, Reason = PolicyReason.ClientApps });
    }

    [Test]
    public void The_easSupported_spelling_of_the_baseline_does_not_deny_bearer_callers_either()
    {
        Evaluate(BlockLegacy("easSupported", "other"), S(ClientAppType.ModernAuthentication)).Outcome.Should().Be(ProtectedActionOutcome.Allowed);
    }

    [TestCase("browser")]
    [TestCase("mobileAppsAndDesktopClients")]
    [TestCase("browser,other")]
    [TestCase("mobileAppsAndDesktopClients,exchangeActiveSync")]
    public void One_modern_type_is_unknown_for_a_bearer_caller(string types)
    {
        var d = Evaluate(BlockLegacy(types.Split(',')), S(ClientAppType.ModernAuthentication));

        d.Outcome.Should().NotBe(ProtectedActionOutcome.Allowed);
        Legacy(d).Should().BeEquivalentTo(new { Applies = true, Reason = PolicyReason.NotEnoughInformation, MissingInformation = MissingInformation.ClientAppType });
    }

    [TestCase("browser,mobileAppsAndDesktopClients")]
    [TestCase("all")]
    [TestCase("browser,mobileAppsAndDesktopClients,other")]
    public void Both_modern_types_match_a_bearer_caller_on_known_facts(string types)
    {
        var d = Evaluate(BlockLegacy(types.Split(',')), S(ClientAppType.ModernAuthentication));

        d.Outcome.Should().Be(ProtectedActionOutcome.Denied);
        Legacy(d).Should().BeEquivalentTo(new { Applies = true, Reason = PolicyReason.NotSet });
    }

    [Test]
    public void A_hand_built_sign_in_without_a_client_app_type_stays_unknown()
    {
        var d = Evaluate(BlockLegacy("exchangeActiveSync", "other"), S(null));

        d.Outcome.Should().NotBe(ProtectedActionOutcome.Allowed);
        Legacy(d).Reason.Should().Be(PolicyReason.NotEnoughInformation);
    }

    [Test]
    public void A_legacy_client_declared_by_the_host_is_blocked()
    {
        Evaluate(BlockLegacy("exchangeActiveSync", "other"), S(ClientAppType.Other)).Outcome.Should().Be(ProtectedActionOutcome.Denied);
        Evaluate(BlockLegacy("exchangeActiveSync", "other"), S(ClientAppType.ExchangeActiveSync)).Outcome.Should().Be(ProtectedActionOutcome.Denied);
    }

    [Test]
    public void An_out_of_range_client_app_type_is_unknown()
    {
        var d = Evaluate(BlockLegacy("exchangeActiveSync", "other"), S((ClientAppType)99));

        d.Outcome.Should().NotBe(ProtectedActionOutcome.Allowed);
        Legacy(d).Reason.Should().Be(PolicyReason.NotEnoughInformation);
    }

    [Test]
    public void A_known_browser_is_decided_as_before()
    {
        Evaluate(BlockLegacy("browser"), S(ClientAppType.Browser)).Outcome.Should().Be(ProtectedActionOutcome.Denied);
        Evaluate(BlockLegacy("browser"), S(ClientAppType.MobileAppsAndDesktopClients)).Outcome.Should().Be(ProtectedActionOutcome.Allowed);
    }

    [Test]
    public void ModernAuthentication_is_not_a_configuration_value()
    {
        var result = ProtectedActionsConfiguration.Validate(BlockLegacy("modernAuthentication"));

        result.Errors.Should().ContainSingle(e => e.Code == "PA1030" && e.Path == "ProtectedActions:ConditionalAccessPolicies[1]:conditions:clientAppTypes[0]");
    }

    [Test]
    public void The_sign_in_document_accepts_modernAuthentication()
    {
        var result = SignInDocument.Parse("""{ "userId": "u", "clientAppType": "modernAuthentication" }""");

        result.SignIn!.ClientAppType.Should().Be(ClientAppType.ModernAuthentication);
    }
}
