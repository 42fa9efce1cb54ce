using System.Net;
using Microsoft.Extensions.Options;
using ProtectedActions.AspNetCore.Tests.Infrastructure;
using static ProtectedActions.AspNetCore.Tests.FailClosed.Http.HttpScenario;

namespace ProtectedActions.AspNetCore.Tests.FailClosed.Http;

/// <summary>
/// Item 3 over HTTP: an <c>acrs</c> claim counts only from an issuer (or tenant) the configuration names, and a
/// trusted <c>acrs</c> does not skip the context's sign-in frequency when the token carries <c>auth_time</c>.
/// </summary>
public sealed class AcrsTrustHttpTests
{
    private const string TrustedTenantIssuer = "https://login.microsoftonline.com/" + TestTokens.TenantId + "/v2.0";
    private const string AttackerTenant = "44444444-4444-4444-8444-444444444444";
    private const string AttackerTenantIssuer = "https://login.microsoftonline.com/" + AttackerTenant + "/v2.0";

    private static readonly string Strength = Policy("policy-strength",
        "\"grantControls\": { \"operator\": \"OR\", \"authenticationStrength\": { \"id\": \"00000000-0000-0000-0000-000000000004\" } }");

    private static readonly string HourlyMfa = Policy("policy-hourly", Grant("OR", "mfa"),
        extra: "\"sessionControls\": { \"signInFrequency\": { \"isEnabled\": true, \"value\": 1, \"type\": \"hours\", \"frequencyInterval\": \"timeBased\" } }");

    private static string TenantDocument => DocumentWith($"\"trustedTenantIds\": [ \"{TestTokens.TenantId}\" ]", "", Strength);

    [Test]
    public async Task Attacker_acrs_c1_from_a_second_issuer_the_host_accepts_but_does_not_trust_gets_a_challenge_not_200()
    {
        await using var host = await StartAsync(Document(Strength), AcceptIssuers(UntrustedIssuer));
        var response = await host.PostAsync(TestTokens.Create(amr: ["pwd"], acrs: ["c1"], issuer: UntrustedIssuer, clientCapabilities: ["cp1"]));
        response.ShouldBeStepUpForC1();
    }

    [Test]
    public async Task Locked_out_user_of_the_untrusted_issuer_who_meets_the_policy_locally_is_allowed()
    {
        await using var host = await StartAsync(Document(Strength), AcceptIssuers(UntrustedIssuer));
        (await host.PostAsync(TestTokens.Create(amr: ["fido"], issuer: UntrustedIssuer))).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task Attacker_acrs_from_the_trusted_tenants_issuer_with_a_mismatching_tid_gets_a_challenge()
    {
        await using var host = await StartAsync(TenantDocument, AcceptIssuers(TrustedTenantIssuer));
        var token = TestTokens.Create(amr: ["pwd"], acrs: ["c1"], issuer: TrustedTenantIssuer, extra: new Dictionary<string, object> { ["tid"] = AttackerTenant });
        (await host.PostAsync(token)).ShouldBeStepUpForC1();
    }

    [Test]
    public async Task Attacker_tenant_that_defines_c1_without_any_policy_cannot_mint_acrs_for_a_multi_tenant_host()
    {
        await using var host = await StartAsync(TenantDocument, AcceptIssuers(TrustedTenantIssuer, AttackerTenantIssuer));
        var token = TestTokens.Create(amr: ["pwd"], acrs: ["c1"], issuer: AttackerTenantIssuer, extra: new Dictionary<string, object> { ["tid"] = AttackerTenant });
        (await host.PostAsync(token)).ShouldBeStepUpForC1();
    }

    [Test]
    public async Task Locked_out_user_acrs_from_the_trusted_tenant_with_its_own_tid_is_allowed()
    {
        await using var host = await StartAsync(TenantDocument, AcceptIssuers(TrustedTenantIssuer, AttackerTenantIssuer));
        (await host.PostAsync(TestTokens.Create(amr: ["pwd"], acrs: ["c1"], issuer: TrustedTenantIssuer))).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task Attacker_trusted_acrs_with_auth_time_two_hours_old_against_a_one_hour_frequency_gets_an_rfc9470_challenge_with_max_age()
    {
        await using var host = await StartAsync(DocumentWith(TrustTestIssuer + ", \"challengeFormat\": \"Rfc9470\"", "", HourlyMfa));
        var response = await host.PostAsync(TestTokens.Create(amr: ["pwd", "mfa"], acrs: ["c1"], authenticationAge: TimeSpan.FromHours(2)));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        TestApi.WwwAuthenticate(response).Should().ContainSingle().Which.Should()
            .StartWith("Bearer error=\"insufficient_user_authentication\"").And.Contain("acr_values=\"c1\"").And.EndWith("max_age=\"3600\"");
    }

    [Test]
    public async Task Attacker_trusted_acrs_with_auth_time_two_hours_old_gets_the_entra_claims_challenge()
    {
        await using var host = await StartAsync(Document(HourlyMfa));
        var response = await host.PostAsync(TestTokens.Create(amr: ["pwd", "mfa"], acrs: ["c1"], authenticationAge: TimeSpan.FromHours(2), clientCapabilities: ["cp1"]));
        response.ShouldBeStepUpForC1();
    }

    [Test]
    public async Task Locked_out_user_trusted_acrs_with_a_fresh_auth_time_is_allowed()
    {
        await using var host = await StartAsync(Document(HourlyMfa));
        (await host.PostAsync(TestTokens.Create(amr: ["pwd"], acrs: ["c1"], authenticationAge: TimeSpan.FromMinutes(10)))).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task Attacker_trusted_acrs_with_an_auth_time_in_the_future_does_not_escape_the_frequency()
    {
        await using var host = await StartAsync(DocumentWith(TrustTestIssuer + ", \"challengeFormat\": \"Rfc9470\"", "", HourlyMfa));
        var response = await host.PostAsync(TestTokens.Create(amr: ["pwd", "mfa"], acrs: ["c1"], authenticationAge: TimeSpan.FromHours(-2)));
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        TestApi.WwwAuthenticate(response).Should().ContainSingle().Which.Should().Contain("max_age=\"3600\"");
    }

    [Test]
    public async Task Locked_out_user_trusted_acrs_in_a_token_without_auth_time_is_judged_by_acrs_alone()
    {
        await using var host = await StartAsync(DocumentWith(TrustTestIssuer + ", \"challengeFormat\": \"Rfc9470\"", "", HourlyMfa));
        (await host.PostAsync(TokenWithoutAuthTime(["pwd"], ["c1"]))).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task A_token_without_auth_time_or_acrs_is_challenged_with_max_age_when_a_frequency_applies()
    {
        await using var host = await StartAsync(DocumentWith(TrustTestIssuer + ", \"challengeFormat\": \"Rfc9470\"", "", HourlyMfa));
        var response = await host.PostAsync(TokenWithoutAuthTime(["pwd", "mfa"]));
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        TestApi.WwwAuthenticate(response).Should().ContainSingle().Which.Should().Contain("acr_values=\"c1\"");
    }

    [Test]
    public async Task Host_start_up_fails_when_acrs_is_trusted_and_no_issuer_is_named()
    {
        var start = () => StartAsync(DocumentWith("\"trustAcrsClaim\": true", "", Strength));
        (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Message.Should().Contain("settings:trustedIssuers");
    }

    [Test]
    public async Task Host_start_up_fails_with_default_settings_too()
    {
        var start = () => StartAsync(DocumentWith("", "", Strength));
        (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Message.Should().Contain("settings:trustedIssuers");
    }

    [Test]
    public async Task Opting_in_to_any_validated_issuer_by_name_starts_and_trusts_what_the_host_validated()
    {
        await using var host = await StartAsync(DocumentWith("\"trustAcrsFromAnyValidatedIssuer\": true", "", Strength), AcceptIssuers(UntrustedIssuer));
        (await host.PostAsync(TestTokens.Create(amr: ["pwd"], acrs: ["c1"], issuer: UntrustedIssuer))).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task Acrs_trust_off_starts_without_issuers_and_acrs_proves_nothing()
    {
        await using var host = await StartAsync(DocumentWith("\"trustAcrsClaim\": false", "", Strength));
        var response = await host.PostAsync(TestTokens.Create(amr: ["pwd"], acrs: ["c1"]));
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "mfa strength is fixable by signing in again");
        (await host.PostAsync(TestTokens.Fido())).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
