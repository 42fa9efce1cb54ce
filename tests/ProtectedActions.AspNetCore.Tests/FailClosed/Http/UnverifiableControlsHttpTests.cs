using System.Net;
using ProtectedActions.AspNetCore.Tests.Infrastructure;
using static ProtectedActions.AspNetCore.Tests.FailClosed.Http.HttpScenario;

namespace ProtectedActions.AspNetCore.Tests.FailClosed.Http;

/// <summary>
/// Item 8 over HTTP: a control the API cannot verify (compliant device with no device information) is a step-up
/// with the context's challenge when <c>acrs</c> is trusted; a known failure, or no trust, is a 403.
/// </summary>
public sealed class UnverifiableControlsHttpTests
{
    private static readonly string Compliant = Policy("policy-compliant", Grant("OR", "compliantDevice"));

    [Test]
    public async Task Locked_out_user_on_an_unknown_device_with_trusted_acrs_gets_the_contexts_challenge()
    {
        await using var host = await StartAsync(Document(Compliant));
        (await host.PostAsync(TestTokens.Password("cp1"))).ShouldBeStepUpForC1();
    }

    [Test]
    public async Task Locked_out_user_after_step_up_with_acrs_c1_is_allowed()
    {
        await using var host = await StartAsync(Document(Compliant));
        (await host.PostAsync(TestTokens.Create(amr: ["pwd"], acrs: ["c1"]))).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task Attacker_device_known_non_compliant_by_the_provider_is_denied_even_with_trusted_acrs()
    {
        await using var host = await StartAsync(Document(Compliant), Devices);
        (await host.PostAsync(TestTokens.Create(amr: ["pwd"], deviceId: TestScenario.NonCompliantDevice, clientCapabilities: ["cp1"]))).ShouldBeDeniedWithoutChallenge();
    }

    [Test]
    public async Task Unknown_device_with_acrs_trust_off_is_denied()
    {
        await using var host = await StartAsync(DocumentWith("\"trustAcrsClaim\": false", "", Compliant));
        (await host.PostAsync(TestTokens.Password("cp1"))).ShouldBeDeniedWithoutChallenge();
    }

    [Test]
    public async Task Device_known_non_compliant_with_acrs_trust_off_is_denied()
    {
        await using var host = await StartAsync(DocumentWith("\"trustAcrsClaim\": false", "", Compliant), Devices);
        (await host.PostAsync(TestTokens.Create(amr: ["pwd"], deviceId: TestScenario.NonCompliantDevice))).ShouldBeDeniedWithoutChallenge();
    }

    [Test]
    public async Task Device_known_compliant_by_the_provider_is_allowed()
    {
        await using var host = await StartAsync(Document(Compliant), Devices);
        (await host.PostAsync(TestTokens.Create(amr: ["pwd"], deviceId: TestScenario.CompliantDevice))).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [TestCase("approvedApplication")]
    [TestCase("compliantApplication")]
    [TestCase("domainJoinedDevice")]
    public async Task Locked_out_user_other_controls_only_the_identity_provider_can_check_get_the_challenge(string control)
    {
        await using var host = await StartAsync(Document(Policy("policy-" + control, Grant("OR", control))));
        (await host.PostAsync(TestTokens.Password("cp1"))).ShouldBeStepUpForC1();
    }

    [Test]
    public async Task Locked_out_user_terms_of_use_get_the_challenge_and_acrs_c1_is_allowed()
    {
        await using var host = await StartAsync(Document(Policy("policy-tou", "\"grantControls\": { \"operator\": \"OR\", \"termsOfUse\": [ \"66666666-6666-4666-8666-666666666666\" ] }")));
        (await host.PostAsync(TestTokens.Password("cp1"))).ShouldBeStepUpForC1();
        (await host.PostAsync(TestTokens.Create(amr: ["pwd"], acrs: ["c1"]))).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task Attacker_a_block_on_known_facts_is_denied_even_with_trusted_acrs()
    {
        await using var host = await StartAsync(Document(Policy("policy-block-all", Block)));
        (await host.PostAsync(TestTokens.Create(amr: ["pwd", "mfa"], clientCapabilities: ["cp1"]))).ShouldBeDeniedWithoutChallenge();
    }
}
