using System.Net;
using ProtectedActions.AspNetCore.Tests.Infrastructure;
using static ProtectedActions.AspNetCore.Tests.FailClosed.Http.HttpScenario;

namespace ProtectedActions.AspNetCore.Tests.FailClosed.Http;

/// <summary>
/// Item 10 over HTTP: a token with the groups overage indicator has unknown groups, never "none": an exclusion it
/// cannot prove does not exempt it, and an inclusion it cannot rule out still asks for the step-up.
/// </summary>
public sealed class GroupsOverageHttpTests
{
    private const string ExcludeGroup = "\"includeUsers\": [ \"All\" ], \"excludeGroups\": [ \"" + GroupId + "\" ]";
    private const string IncludeGroup = "\"includeGroups\": [ \"" + GroupId + "\" ]";

    private static readonly string BlockAllButGroup = Policy("policy-block-but-group", Block, users: ExcludeGroup);
    private static readonly string MfaForGroup = Policy("policy-group-mfa", Grant("OR", "mfa"), users: IncludeGroup);

    private static Dictionary<string, object> HasGroups => new() { ["hasgroups"] = true };

    private static Dictionary<string, object> DistributedGroups => new()
    {
        ["_claim_names"] = new Dictionary<string, object> { ["groups"] = "src1" },
        ["_claim_sources"] = new Dictionary<string, object> { ["src1"] = new Dictionary<string, object> { ["endpoint"] = "https://graph.microsoft.com/v1.0/users/x/getMemberObjects" } },
    };

    private static string Token(Dictionary<string, object> extra, params string[] amr) =>
        TestTokens.Create(amr: amr.Length == 0 ? ["pwd"] : amr, extra: extra, clientCapabilities: ["cp1"]);

    [Test]
    public async Task Attacker_hasgroups_token_does_not_claim_the_exclusion_from_a_block()
    {
        await using var host = await StartAsync(Document(BlockAllButGroup));
        (await host.PostAsync(Token(HasGroups))).StatusCode.Should().NotBe(HttpStatusCode.OK);
    }

    [Test]
    public async Task Attacker_claim_names_pointing_groups_elsewhere_does_not_claim_the_exclusion_from_a_block()
    {
        await using var host = await StartAsync(Document(BlockAllButGroup));
        (await host.PostAsync(Token(DistributedGroups))).StatusCode.Should().NotBe(HttpStatusCode.OK);
    }

    [Test]
    public async Task Overage_token_is_denied_by_the_block_when_acrs_is_not_trusted()
    {
        await using var host = await StartAsync(DocumentWith("\"trustAcrsClaim\": false", "", BlockAllButGroup));
        (await host.PostAsync(Token(HasGroups))).ShouldBeDeniedWithoutChallenge();
    }

    [Test]
    public async Task Locked_out_user_with_an_overage_token_and_trusted_acrs_sees_the_challenge()
    {
        await using var host = await StartAsync(Document(BlockAllButGroup));
        (await host.PostAsync(Token(HasGroups))).ShouldBeStepUpForC1();
    }

    [Test]
    public async Task A_token_that_lists_the_excluded_group_is_exempt()
    {
        await using var host = await StartAsync(Document(BlockAllButGroup));
        (await host.PostAsync(Token(new() { ["groups"] = new[] { GroupId } }))).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task Overage_token_against_a_group_mfa_policy_gets_a_step_up()
    {
        await using var host = await StartAsync(Document(MfaForGroup));
        (await host.PostAsync(Token(HasGroups))).ShouldBeStepUpForC1();
    }

    [Test]
    public async Task Distributed_groups_token_against_a_group_mfa_policy_gets_a_step_up()
    {
        await using var host = await StartAsync(Document(MfaForGroup));
        (await host.PostAsync(Token(DistributedGroups))).ShouldBeStepUpForC1();
    }

    [Test]
    public async Task Locked_out_user_overage_token_with_mfa_is_allowed_by_the_group_mfa_policy()
    {
        await using var host = await StartAsync(Document(MfaForGroup));
        (await host.PostAsync(Token(HasGroups, "pwd", "mfa"))).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task A_token_without_a_groups_claim_has_unknown_groups_and_sees_the_challenge()
    {
        await using var host = await StartAsync(Document(BlockAllButGroup));
        (await host.PostAsync(Token([]))).ShouldBeStepUpForC1();
    }

    [Test]
    public async Task A_token_listing_only_other_groups_is_known_not_excluded_and_is_blocked()
    {
        await using var host = await StartAsync(Document(BlockAllButGroup));
        (await host.PostAsync(Token(new() { ["groups"] = new[] { "55555555-5555-4555-8555-555555555555" } }))).ShouldBeDeniedWithoutChallenge();
    }

    [Test]
    public async Task Attacker_app_emitting_only_assigned_groups_cannot_prove_the_exclusion_when_the_host_says_so()
    {
        await using var host = await StartAsync(DocumentWith(TrustTestIssuer + ", \"groupClaimsAssignedToApplicationOnly\": true", "", BlockAllButGroup));
        var response = await host.PostAsync(Token(new() { ["groups"] = new[] { "55555555-5555-4555-8555-555555555555" } }));
        response.StatusCode.Should().NotBe(HttpStatusCode.OK);
        response.ShouldBeStepUpForC1();
    }

    [Test]
    public async Task Assigned_groups_only_a_listed_excluded_group_still_exempts()
    {
        await using var host = await StartAsync(DocumentWith(TrustTestIssuer + ", \"groupClaimsAssignedToApplicationOnly\": true", "", BlockAllButGroup));
        (await host.PostAsync(Token(new() { ["groups"] = new[] { GroupId } }))).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
