using System.Net;
using ProtectedActions.AspNetCore.Tests.Infrastructure;
using static ProtectedActions.AspNetCore.Tests.FailClosed.Http.HttpScenario;

namespace ProtectedActions.AspNetCore.Tests.FailClosed.Http;

/// <summary>
/// Item 9 over HTTP: a caller presenting a bearer token is not a legacy-protocol client, so the baseline "block
/// legacy authentication" policy does not deny every API caller; browser vs. desktop stays unknown.
/// </summary>
public sealed class ModernAuthenticationHttpTests
{
    private static readonly string BlockLegacy = Policy("policy-block-legacy", Block, "\"clientAppTypes\": [ \"exchangeActiveSync\", \"other\" ]");
    private static readonly string RequireMfa = Policy("policy-mfa", Grant("OR", "mfa"));

    [Test]
    public async Task Locked_out_user_bearer_caller_with_a_satisfying_token_is_allowed_despite_the_legacy_block()
    {
        await using var host = await StartAsync(Document(BlockLegacy, RequireMfa));
        (await host.PostAsync(TestTokens.Create(amr: ["pwd", "mfa"]))).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task Locked_out_user_bearer_caller_without_mfa_is_shown_the_step_up_not_the_legacy_block()
    {
        await using var host = await StartAsync(Document(BlockLegacy, RequireMfa));
        (await host.PostAsync(TestTokens.Password("cp1"))).ShouldBeStepUpForC1();
    }

    [Test]
    public async Task Legacy_block_alone_does_not_deny_a_bearer_caller_even_without_acrs_trust()
    {
        await using var host = await StartAsync(DocumentWith("\"trustAcrsClaim\": false", "", BlockLegacy));
        (await host.PostAsync(TestTokens.Password())).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task Attacker_a_block_on_browsers_only_is_not_escaped_because_the_modern_client_type_is_unknown()
    {
        await using var host = await StartAsync(Document(Policy("policy-block-browser", Block, "\"clientAppTypes\": [ \"browser\" ]")));
        var response = await host.PostAsync(TestTokens.Create(amr: ["pwd", "mfa"], clientCapabilities: ["cp1"]));
        response.StatusCode.Should().NotBe(HttpStatusCode.OK);
        response.ShouldBeStepUpForC1(); // applies only for lack of information: the identity provider decides at step-up
    }

    [Test]
    public async Task Attacker_a_block_on_browsers_only_is_denied_when_acrs_is_not_trusted()
    {
        await using var host = await StartAsync(DocumentWith("\"trustAcrsClaim\": false", "", Policy("policy-block-browser", Block, "\"clientAppTypes\": [ \"browser\" ]")));
        (await host.PostAsync(TestTokens.Password())).ShouldBeDeniedWithoutChallenge();
    }

    [Test]
    public async Task Attacker_a_block_on_both_modern_client_types_applies_on_known_facts_and_denies()
    {
        await using var host = await StartAsync(Document(Policy("policy-block-modern", Block, "\"clientAppTypes\": [ \"browser\", \"mobileAppsAndDesktopClients\" ]")));
        (await host.PostAsync(TestTokens.Create(amr: ["pwd", "mfa"], clientCapabilities: ["cp1"]))).ShouldBeDeniedWithoutChallenge();
    }
}
