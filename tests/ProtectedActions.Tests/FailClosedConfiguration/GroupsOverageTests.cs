using System.Security.Claims;
using ProtectedActions.Tests.SignIns;
using static ProtectedActions.Tests.Support.Fixtures;

namespace ProtectedActions.Tests.FailClosedConfiguration;

/// <summary>Item 10: a token that does not list every group never says "not a member".</summary>
public class GroupsOverageTests
{
    private const string Admins = "aaaaaaaa-0000-0000-0000-000000000001";
    private const string Emergency = "aaaaaaaa-0000-0000-0000-0000000000ee";
    private const string Listed = "aaaaaaaa-0000-0000-0000-0000000000a1";

    private static SignInContext Map(params Claim[] claims) =>
        SignInMapper.FromClaimsPrincipal(new ClaimsPrincipal(new ClaimsIdentity(claims, "Bearer")));

    private static Dictionary<string, object?> Base() => new()
    {
        ["oid"] = Alice,
        ["tid"] = TestTokens.TenantId,
        ["groups"] = new[] { Listed },
    };

    [TestCaseSource(typeof(TestTokens), nameof(TestTokens.Modes))]
    public void Claim_sources_alone_make_groups_unknown(Func<string, string?, SignInContext> map)
    {
        var claims = Base();
        claims["_claim_sources"] = new Dictionary<string, object> { ["src1"] = new Dictionary<string, object> { ["endpoint"] = "https://graph.microsoft.com/v1.0/users/x/getMemberObjects" } };
        var signIn = map(TestTokens.Mint(claims), null);
        signIn.GroupIds.Should().BeNull();
        signIn.Notes.Should().ContainSingle().Which.Should().StartWith("groups: the token signals a groups overage");
    }

    [TestCaseSource(typeof(TestTokens), nameof(TestTokens.Modes))]
    public void Claim_names_naming_groups_make_listed_groups_unknown(Func<string, string?, SignInContext> map)
    {
        var claims = Base();
        claims["_claim_names"] = new Dictionary<string, object> { ["groups"] = "src1" };
        map(TestTokens.Mint(claims), null).GroupIds.Should().BeNull();
    }

    [TestCaseSource(typeof(TestTokens), nameof(TestTokens.Modes))]
    public void Hasgroups_as_a_json_boolean_makes_groups_unknown(Func<string, string?, SignInContext> map)
    {
        var claims = Base();
        claims["hasgroups"] = true;
        map(TestTokens.Mint(claims), null).GroupIds.Should().BeNull();
    }

    [TestCaseSource(typeof(TestTokens), nameof(TestTokens.Modes))]
    public void A_token_without_overage_keeps_its_groups(Func<string, string?, SignInContext> map) =>
        map(TestTokens.Mint(Base()), null).GroupIds.Should().Equal(Listed);

    [TestCase("True")]
    [TestCase("TRUE")]
    [TestCase(" true ")]
    public void Hasgroups_true_in_any_case_is_an_overage(string value) =>
        Map(new Claim("hasgroups", value), new Claim("groups", Listed)).GroupIds.Should().BeNull();

    [Test]
    public void Hasgroups_false_is_not_an_overage() =>
        Map(new Claim("hasgroups", "false", ClaimValueTypes.Boolean), new Claim("groups", Listed)).GroupIds.Should().Equal(Listed);

    [Test]
    public void Claim_names_naming_groups_in_another_case_or_with_escapes_are_an_overage()
    {
        Map(new Claim("_claim_names", "{\"Groups\":\"src1\"}", "JSON"), new Claim("groups", Listed)).GroupIds.Should().BeNull();
        Map(new Claim("_claim_names", "{\"group\\u0073\":\"src1\"}", "JSON"), new Claim("groups", Listed)).GroupIds.Should().BeNull();
        Map(new Claim("_claim_names", "{ \"groups\" : \"src1\" }", "JSON"), new Claim("groups", Listed)).GroupIds.Should().BeNull();
    }

    [Test]
    public void Claim_names_naming_only_other_claims_keep_the_groups() =>
        Map(new Claim("_claim_names", "{\"roles\":\"src1\"}", "JSON"), new Claim("groups", Listed)).GroupIds.Should().Equal(Listed);

    [TestCase("_claim_names", "not json")]
    [TestCase("_claim_names", "[\"groups\"]")]
    [TestCase("_claim_sources", "{\"src1\":")]
    public void An_unreadable_overage_indicator_fails_closed(string type, string value) =>
        Map(new Claim(type, value, "JSON"), new Claim("groups", Listed)).GroupIds.Should().BeNull();

    [Test]
    public void Empty_claim_sources_are_not_an_overage() =>
        Map(new Claim("_claim_sources", "{}", "JSON"), new Claim("groups", Listed)).GroupIds.Should().Equal(Listed);

    // End to end: evaluator with a token carrying the overage indicator.

    private static ProtectedActionsOptions WithUsers(Action<ConditionalAccessUsers> users, bool assignedOnly = false)
    {
        var o = Seed();
        var u = new ConditionalAccessUsers();
        users(u);
        o.ConditionalAccessPolicies[0].Conditions!.Users = u;
        o.Settings.GroupClaimsAssignedToApplicationOnly = assignedOnly;
        return o;
    }

    private static SignInContext Overage() => Map(
        new Claim("oid", Alice), new Claim("amr", "pwd"), new Claim("_claim_names", "{\"groups\":\"src1\"}", "JSON"),
        new Claim("_claim_sources", "{\"src1\":{\"endpoint\":\"https://graph.microsoft.com/v1.0/users/x/getMemberObjects\"}}", "JSON"));

    [Test]
    public void Attacker_with_an_overage_token_does_not_escape_a_group_include()
    {
        var d = Evaluate(WithUsers(u => u.IncludeGroups = [Admins]), Overage());
        d.Policies[0].Applies.Should().BeTrue();
        d.Policies[0].Reason.Should().Be(PolicyReason.NotEnoughInformation);
        d.Outcome.Should().NotBe(ProtectedActionOutcome.Allowed);
    }

    [Test]
    public void Attacker_with_an_overage_token_is_not_exempted_by_a_group_exclusion()
    {
        var d = Evaluate(WithUsers(u => { u.IncludeUsers = ["All"]; u.ExcludeGroups = [Emergency]; }), Overage());
        d.Policies[0].Applies.Should().BeTrue();
        d.Policies[0].Reason.Should().Be(PolicyReason.NotEnoughInformation);
        d.Outcome.Should().NotBe(ProtectedActionOutcome.Allowed);
    }

    [Test]
    public void Hasgroups_token_end_to_end_applies_a_group_policy_for_lack_of_information()
    {
        var signIn = Map(new Claim("oid", Alice), new Claim("hasgroups", "true", ClaimValueTypes.Boolean));
        Evaluate(WithUsers(u => u.IncludeGroups = [Admins]), signIn).Policies[0].Reason.Should().Be(PolicyReason.NotEnoughInformation);
    }

    // settings.groupClaimsAssignedToApplicationOnly

    private static SignInContext ListedOnly() => Map(new Claim("oid", Alice), new Claim("amr", "pwd"), new Claim("groups", Listed));

    [Test]
    public void By_default_a_group_the_token_does_not_list_is_not_a_membership() =>
        Evaluate(WithUsers(u => u.IncludeGroups = [Admins]), ListedOnly()).Policies[0].Applies.Should().BeFalse();

    [Test]
    public void Assigned_only_a_group_the_token_does_not_list_is_unknown_for_an_include()
    {
        var d = Evaluate(WithUsers(u => u.IncludeGroups = [Admins], assignedOnly: true), ListedOnly());
        d.Policies[0].Applies.Should().BeTrue();
        d.Policies[0].Reason.Should().Be(PolicyReason.NotEnoughInformation);
    }

    [Test]
    public void Assigned_only_a_listed_group_is_a_known_membership() =>
        Evaluate(WithUsers(u => u.IncludeGroups = [Listed], assignedOnly: true), ListedOnly()).Policies[0].Reason.Should().Be(PolicyReason.NotSet);

    [Test]
    public void Assigned_only_attacker_is_not_exempted_by_an_exclusion_of_a_group_the_token_does_not_list()
    {
        var d = Evaluate(WithUsers(u => { u.IncludeUsers = ["All"]; u.ExcludeGroups = [Emergency]; }, assignedOnly: true), ListedOnly());
        d.Policies[0].Applies.Should().BeTrue();
        d.Policies[0].Reason.Should().Be(PolicyReason.NotEnoughInformation);
        d.Outcome.Should().NotBe(ProtectedActionOutcome.Allowed);
    }

    [Test]
    public void Assigned_only_a_listed_excluded_group_still_exempts() =>
        Evaluate(WithUsers(u => { u.IncludeUsers = ["All"]; u.ExcludeGroups = [Listed]; }, assignedOnly: true), ListedOnly())
            .Policies[0].Should().Match<PolicyResult>(p => !p.Applies && p.Reason == PolicyReason.Users);

    [Test]
    public void Assigned_only_leaves_policies_without_group_conditions_alone() =>
        Evaluate(WithUsers(u => u.IncludeUsers = [Alice], assignedOnly: true), ListedOnly()).Policies[0].Reason.Should().Be(PolicyReason.NotSet);

    [Test]
    public void Locked_out_user_whose_listed_group_is_included_sees_a_step_up()
    {
        var d = Evaluate(WithUsers(u => u.IncludeGroups = [Listed], assignedOnly: true), ListedOnly());
        d.Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
    }
}
