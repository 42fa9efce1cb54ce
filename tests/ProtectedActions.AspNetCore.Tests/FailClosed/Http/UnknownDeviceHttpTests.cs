using System.Net;
using ProtectedActions.AspNetCore.Tests.Infrastructure;
using static ProtectedActions.AspNetCore.Tests.FailClosed.Http.HttpScenario;

namespace ProtectedActions.AspNetCore.Tests.FailClosed.Http;

/// <summary>
/// Item 7 over HTTP: a device known only by its id, or a token without any device claim, is an unknown device,
/// not an unregistered one: an include-mode filter guarding a block cannot be escaped by saying nothing.
/// </summary>
public sealed class UnknownDeviceHttpTests
{
    private const string SomeDevice = "bbbbbbbb-0000-4000-8000-000000000009";

    private static readonly string BlockWorkplace = Policy("policy-block-workplace", Block,
        "\"devices\": { \"deviceFilter\": { \"mode\": \"include\", \"rule\": \"device.trustType -eq \\\"Workplace\\\"\" } }");

    private static string NeverRegistered => TrustTestIssuer + ", \"devicesNeverRegistered\": true";

    [Test]
    public async Task Attacker_token_with_only_a_deviceid_does_not_escape_an_include_mode_block()
    {
        await using var host = await StartAsync(Document(BlockWorkplace));
        var response = await host.PostAsync(TestTokens.Create(amr: ["pwd", "mfa"], deviceId: SomeDevice, clientCapabilities: ["cp1"]));
        response.StatusCode.Should().NotBe(HttpStatusCode.OK);
    }

    [Test]
    public async Task Attacker_token_without_any_device_claim_does_not_escape_an_include_mode_block()
    {
        await using var host = await StartAsync(Document(BlockWorkplace));
        var response = await host.PostAsync(TestTokens.Create(amr: ["pwd", "mfa"], clientCapabilities: ["cp1"]));
        response.StatusCode.Should().NotBe(HttpStatusCode.OK);
    }

    [Test]
    public async Task Attacker_a_deviceid_in_the_token_is_not_overridden_by_devices_never_registered()
    {
        await using var host = await StartAsync(DocumentWith(NeverRegistered, "", BlockWorkplace));
        (await host.PostAsync(TestTokens.Create(amr: ["pwd"], deviceId: SomeDevice, clientCapabilities: ["cp1"]))).StatusCode.Should().NotBe(HttpStatusCode.OK);
    }

    [Test]
    public async Task Attacker_with_acrs_trust_off_an_unknown_device_is_denied()
    {
        await using var host = await StartAsync(DocumentWith("\"trustAcrsClaim\": false", "", BlockWorkplace));
        (await host.PostAsync(TestTokens.Create(amr: ["pwd"], deviceId: SomeDevice))).ShouldBeDeniedWithoutChallenge();
    }

    [Test]
    public async Task Locked_out_user_on_an_unknown_device_with_trusted_acrs_sees_the_challenge()
    {
        await using var host = await StartAsync(Document(BlockWorkplace));
        (await host.PostAsync(TestTokens.Create(amr: ["pwd"], deviceId: SomeDevice, clientCapabilities: ["cp1"]))).ShouldBeStepUpForC1();
    }

    [Test]
    public async Task Host_declaring_devices_never_registered_allows_a_caller_without_a_device_claim()
    {
        await using var host = await StartAsync(DocumentWith(NeverRegistered, "", BlockWorkplace));
        (await host.PostAsync(TestTokens.Password())).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task Device_the_provider_knows_as_azure_ad_joined_is_not_blocked()
    {
        await using var host = await StartAsync(Document(BlockWorkplace), Devices);
        (await host.PostAsync(TestTokens.Create(amr: ["pwd"], deviceId: TestScenario.CompliantDevice))).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task Device_the_provider_knows_as_workplace_registered_is_blocked_on_known_facts()
    {
        await using var host = await StartAsync(Document(BlockWorkplace), Devices);
        (await host.PostAsync(TestTokens.Create(amr: ["pwd"], deviceId: TestScenario.NonCompliantDevice, clientCapabilities: ["cp1"]))).ShouldBeDeniedWithoutChallenge();
    }
}
