using System.Net;
using ProtectedActions.AspNetCore.Tests.Infrastructure;
using static ProtectedActions.AspNetCore.Tests.FailClosed.Http.HttpScenario;

namespace ProtectedActions.AspNetCore.Tests.FailClosed.Http;

/// <summary>
/// Item 6 over HTTP: a FIDO2 strength restricted to one key model (allowed AAGUIDs) is not satisfied by a token
/// that says only "fido"; the caller is stepped up (the identity provider enforces the key model), and only
/// development details say why.
/// </summary>
public sealed class StrengthRestrictionHttpTests
{
    private const string Strengths = """
        "authenticationStrengthPolicies": [ { "id": "strength-yubikey", "displayName": "One key model", "policyType": "custom",
          "allowedCombinations": [ "fido2" ],
          "combinationConfigurations": [ { "@odata.type": "#microsoft.graph.fido2CombinationConfiguration", "id": "cfg",
            "appliesToCombinations": [ "fido2" ], "allowedAAGUIDs": [ "cb69481e-8ff7-4039-93ec-0a2729a154a8" ] } ] } ]
        """;

    private static readonly string Restricted = Policy("policy-yubikey", "\"grantControls\": { \"operator\": \"OR\", \"authenticationStrength\": { \"id\": \"strength-yubikey\" } }");

    private static string RestrictedDocument(string settings = TrustTestIssuer) => DocumentWith(settings, Strengths, Restricted);

    private static string AnyFido => TestTokens.Create(amr: ["fido", "mfa"], clientCapabilities: ["cp1"]);

    [Test]
    public async Task Attacker_any_fido2_key_does_not_satisfy_a_strength_restricted_to_one_key_model_and_gets_a_step_up()
    {
        await using var host = await StartAsync(RestrictedDocument());
        (await host.PostAsync(AnyFido)).ShouldBeStepUpForC1();
    }

    [Test]
    public async Task Attacker_any_fido2_key_is_denied_when_acrs_is_not_trusted_because_no_step_up_could_prove_the_key()
    {
        await using var host = await StartAsync(RestrictedDocument("\"trustAcrsClaim\": false"));
        (await host.PostAsync(AnyFido)).ShouldBeDeniedWithoutChallenge();
    }

    [Test]
    public async Task Locked_out_user_with_acrs_c1_after_signing_in_with_the_allowed_key_is_allowed()
    {
        await using var host = await StartAsync(RestrictedDocument());
        (await host.PostAsync(TestTokens.Create(amr: ["fido", "mfa"], acrs: ["c1"]))).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task The_explanation_names_the_restriction_with_development_details()
    {
        await using var host = await StartAsync(RestrictedDocument(TrustTestIssuer + ", \"includeDevelopmentDetails\": true"));
        var response = await host.PostAsync(AnyFido);
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await TestApi.ProblemAsync(response)).GetProperty("explanation").GetString().Should().Contain("restricted to specific FIDO2 keys");
    }

    [Test]
    public async Task Without_development_details_the_problem_says_nothing_about_the_restriction_or_the_policy()
    {
        await using var host = await StartAsync(RestrictedDocument());
        var response = await host.PostAsync(AnyFido);
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var body = await response.Content.ReadAsStringAsync();
        body.Should().NotContain("restricted").And.NotContain("explanation").And.NotContain("policy-yubikey").And.NotContain("cb69481e");
    }
}
