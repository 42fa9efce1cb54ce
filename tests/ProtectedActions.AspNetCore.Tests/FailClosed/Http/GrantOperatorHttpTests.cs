using System.Net;
using ProtectedActions.AspNetCore.Tests.Infrastructure;
using static ProtectedActions.AspNetCore.Tests.FailClosed.Http.HttpScenario;

namespace ProtectedActions.AspNetCore.Tests.FailClosed.Http;

/// <summary>Item 5 over HTTP: several grant controls without an <c>operator</c> require all of them, never one.</summary>
public sealed class GrantOperatorHttpTests
{
    private static readonly string MfaAndCompliant = Policy("policy-no-operator", Grant(null, "mfa", "compliantDevice"));

    private static string MfaToken(string? deviceId = null) => TestTokens.Create(amr: ["pwd", "mfa"], deviceId: deviceId, clientCapabilities: ["cp1"]);

    [Test]
    public async Task Attacker_mfa_alone_on_a_device_of_unknown_compliance_is_not_allowed()
    {
        await using var host = await StartAsync(Document(MfaAndCompliant));
        var response = await host.PostAsync(MfaToken());
        response.StatusCode.Should().NotBe(HttpStatusCode.OK);
        response.ShouldBeStepUpForC1(); // acrs is trusted: the identity provider checks the device at step-up
    }

    [Test]
    public async Task Attacker_mfa_alone_is_denied_when_acrs_is_not_trusted()
    {
        await using var host = await StartAsync(DocumentWith("\"trustAcrsClaim\": false", "", MfaAndCompliant));
        (await host.PostAsync(MfaToken())).ShouldBeDeniedWithoutChallenge();
    }

    [Test]
    public async Task Attacker_a_compliant_device_without_mfa_is_not_allowed()
    {
        await using var host = await StartAsync(Document(MfaAndCompliant), Devices);
        var response = await host.PostAsync(TestTokens.Create(amr: ["pwd"], deviceId: TestScenario.CompliantDevice, clientCapabilities: ["cp1"]));
        response.ShouldBeStepUpForC1();
    }

    [Test]
    public async Task Locked_out_user_mfa_on_a_device_the_provider_knows_compliant_is_allowed()
    {
        await using var host = await StartAsync(Document(MfaAndCompliant), Devices);
        (await host.PostAsync(MfaToken(TestScenario.CompliantDevice))).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
