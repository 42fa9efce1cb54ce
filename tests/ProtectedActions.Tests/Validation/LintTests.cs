using static ProtectedActions.Tests.Support.Fixtures;

namespace ProtectedActions.Tests.Validation;

public class LintTests
{
    private static List<ConfigurationIssue> Warnings(ProtectedActionsOptions o) => ProtectedActionsConfiguration.Validate(o).Warnings.ToList();

    [Test]
    public void Seed_configuration_has_no_warnings() => Warnings(Seed()).Should().BeEmpty();

    [Test]
    public void Guarding_policy_that_does_not_exclude_emergency_accounts_is_flagged()
    {
        var o = Seed();
        o.ConditionalAccessPolicies[0].Conditions!.Users!.ExcludeUsers = [];
        Warnings(o).Should().ContainSingle(w => w.Code == "PA5001" && w.Path == "ProtectedActions:ConditionalAccessPolicies[0]:conditions:users");
    }

    [Test]
    public void Excluding_the_emergency_group_satisfies_the_rule()
    {
        var o = Seed();
        o.EmergencyAccessAccounts = new() { GroupIds = ["bg-group"] };
        o.ConditionalAccessPolicies[0].Conditions!.Users!.ExcludeUsers = [];
        o.ConditionalAccessPolicies[0].Conditions!.Users!.ExcludeGroups = ["bg-group"];
        Warnings(o).Should().NotContain(w => w.Code == "PA5001");
    }

    [Test]
    public void Report_only_policy_is_not_checked_for_emergency_exclusion()
    {
        var o = Seed();
        o.ConditionalAccessPolicies.Add(Policy("ro", "c1", state: "enabledForReportingButNotEnforced", controls: ["mfa"]));
        o.ConditionalAccessPolicies[1].Conditions!.Users!.ExcludeUsers = [];
        Warnings(o).Should().NotContain(w => w.Code == "PA5001");
    }

    [Test]
    public void No_emergency_accounts_configured_is_flagged_once()
    {
        var o = Seed();
        o.EmergencyAccessAccounts = new();
        o.ConditionalAccessPolicies.Add(Policy("p2", "c1", controls: ["mfa"]));
        Warnings(o).Where(w => w.Code == "PA5007").Should().HaveCount(1);
    }

    [TestCase("disabled")]
    [TestCase("enabledForReportingButNotEnforced")]
    public void Protected_context_without_enabled_policy_is_flagged(string state)
    {
        var o = Seed();
        o.ConditionalAccessPolicies[0].State = state;
        Warnings(o).Should().Contain(w => w.Code == "PA5002" && w.Path == "ProtectedActions:AuthenticationContexts[0]");
    }

    [Test]
    public void Unavailable_context_in_use_is_flagged()
    {
        var o = Seed();
        o.AuthenticationContexts[0].IsAvailable = false;
        Warnings(o).Should().Contain(w => w.Code == "PA5003" && w.Path == "ProtectedActions:AuthenticationContexts[0]:isAvailable");
    }

    [Test]
    public void Block_by_identity_alone_is_flagged()
    {
        var o = Seed();
        o.ConditionalAccessPolicies = [Policy("b", "c1", controls: ["block"])];
        Warnings(o).Should().Contain(w => w.Code == "PA5004");
    }

    [Test]
    public void Block_conditioned_on_platform_is_not_flagged()
    {
        var o = Seed();
        o.ConditionalAccessPolicies = [Policy("b", "c1", controls: ["block"], conditions: c => c.Platforms = new() { IncludePlatforms = ["android"] })];
        Warnings(o).Should().NotContain(w => w.Code == "PA5004");
    }

    [Test]
    public void Management_permission_unprotected_while_others_are_is_flagged()
    {
        var o = Seed();
        o.ProtectedActions.RemoveAt(2);
        Warnings(o).Should().ContainSingle(w => w.Code == "PA5005");
    }

    [Test]
    public void Management_permission_covered_by_a_pattern_is_not_flagged()
    {
        var o = Seed();
        o.ProtectedActions = [new() { Permission = "microsoft.directory/*", AuthenticationContextId = "c1" }];
        Warnings(o).Should().NotContain(w => w.Code == "PA5005");
    }

    [Test]
    public void Risk_condition_without_a_source_is_flagged()
    {
        var o = Seed();
        o.ConditionalAccessPolicies[0].Conditions!.SignInRiskLevels = ["high"];
        Warnings(o).Should().Contain(w => w.Code == "PA5006");
    }
}
