using System.Net;
using ProtectedActions.AspNetCore.Tests.Infrastructure;
using static ProtectedActions.AspNetCore.Tests.FailClosed.Http.HttpScenario;

namespace ProtectedActions.AspNetCore.Tests.FailClosed.Http;

/// <summary>
/// Item 11 over HTTP: real Graph material starts the host — a Global Secure Access compliant network location
/// (membership unknown, so excluding it never exempts) and a device filter written <c>device.deviceid</c>.
/// </summary>
public sealed class GraphMaterialHttpTests
{
    private const string GsaId = "3d46dbda-8382-466a-856d-eb00cbc6b910";
    private const string BlockedDevice = "cccccccc-0000-4000-8000-000000000001";

    private const string Locations = """
        "namedLocations": [ { "@odata.type": "#microsoft.graph.compliantNetworkNamedLocation", "id": "3d46dbda-8382-466a-856d-eb00cbc6b910",
          "displayName": "All Compliant Network locations", "compliantNetworkType": "allTenantCompliantNetworks", "isTrusted": true } ]
        """;

    private static readonly string BlockOutsideGsa = Policy("policy-block-outside-gsa", Block,
        "\"locations\": { \"includeLocations\": [ \"All\" ], \"excludeLocations\": [ \"" + GsaId + "\" ] }");

    private static readonly string BlockByLowercaseId = Policy("policy-block-device", Block,
        "\"devices\": { \"deviceFilter\": { \"mode\": \"include\", \"rule\": \"device.deviceid -eq \\\"" + BlockedDevice + "\\\"\" } }");

    [Test]
    public async Task Attacker_cannot_claim_to_be_on_a_compliant_network_excluded_from_a_block()
    {
        await using var host = await StartAsync(DocumentWith(TrustTestIssuer, Locations, BlockOutsideGsa));
        (await host.PostAsync(TestTokens.Create(amr: ["pwd", "mfa"], clientCapabilities: ["cp1"]))).StatusCode.Should().NotBe(HttpStatusCode.OK);
    }

    [Test]
    public async Task Compliant_network_exclusion_is_a_denial_when_acrs_is_not_trusted()
    {
        await using var host = await StartAsync(DocumentWith("\"trustAcrsClaim\": false", Locations, BlockOutsideGsa));
        (await host.PostAsync(TestTokens.Password())).ShouldBeDeniedWithoutChallenge();
    }

    [Test]
    public async Task Locked_out_user_behind_a_compliant_network_location_sees_the_challenge_and_acrs_c1_is_allowed()
    {
        await using var host = await StartAsync(DocumentWith(TrustTestIssuer, Locations, BlockOutsideGsa));
        (await host.PostAsync(TestTokens.Password("cp1"))).ShouldBeStepUpForC1();
        (await host.PostAsync(TestTokens.Create(amr: ["pwd"], acrs: ["c1"]))).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task Compliant_network_location_starts_the_host_with_warning_PA3020()
    {
        await using var host = await StartAsync(DocumentWith(TrustTestIssuer, Locations, BlockOutsideGsa));
        host.Status.Issues.Should().Contain(i => i.Code == "PA3020" && i.Severity == ConfigurationSeverity.Warning);
    }

    [Test]
    public async Task Device_filter_written_device_deviceid_starts_the_host_with_a_warning_naming_deviceId()
    {
        await using var host = await StartAsync(Document(BlockByLowercaseId));
        host.Status.Issues.Should().Contain(i => i.Code == "PA2010" && i.Severity == ConfigurationSeverity.Warning)
            .Which.Message.Should().Contain("device.deviceId");
    }

    [Test]
    public async Task Attacker_device_filter_in_another_letter_case_still_blocks_the_named_device()
    {
        await using var host = await StartAsync(Document(BlockByLowercaseId));
        (await host.PostAsync(TestTokens.Create(amr: ["pwd"], deviceId: BlockedDevice))).ShouldBeDeniedWithoutChallenge();
    }

    [Test]
    public async Task Locked_out_user_device_filter_in_another_letter_case_allows_another_device()
    {
        await using var host = await StartAsync(Document(BlockByLowercaseId));
        (await host.PostAsync(TestTokens.Create(amr: ["pwd"], deviceId: "dddddddd-0000-4000-8000-000000000002"))).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
