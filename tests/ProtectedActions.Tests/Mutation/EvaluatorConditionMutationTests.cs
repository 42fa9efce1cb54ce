using ProtectedActions.Tests.Support;

namespace ProtectedActions.Tests.Mutation;

/// <summary>
/// The client-capability check (<c>xms_cc</c> must list <c>cp1</c> anywhere in the list), the users condition's
/// empty lists against a sign-in that lacks the user id, groups or roles, and the risk conditions' missing
/// information.
/// </summary>
public class EvaluatorConditionMutationTests
{
    private static ProtectedActionsOptions CapabilityRequired()
    {
        var options = Fixtures.Seed();
        options.Settings.RequireClientCapability = true;
        return options;
    }

    private static string[] List(string capabilities) => capabilities.Length == 0 ? [] : capabilities.Split(',');

    private static SignInContext PasswordWith(IReadOnlyList<string>? capabilities)
    {
        var s = Fixtures.Password();
        return new SignInContext
        {
            UserId = s.UserId,
            TenantId = s.TenantId,
            Issuer = s.Issuer,
            GroupIds = s.GroupIds,
            RoleIds = s.RoleIds,
            UserType = s.UserType,
            AuthenticationMethodReferences = s.AuthenticationMethodReferences,
            AuthenticationTime = s.AuthenticationTime,
            ClientCapabilities = capabilities,
        };
    }

    [TestCase("cp1")]
    [TestCase("cp2,cp1")]
    [TestCase("a,b,cp1")]
    [TestCase("cp1,cp2,cp3")]
    public void Locked_out_user_whose_client_lists_cp1_anywhere_gets_the_challenge(string capabilities)
    {
        var d = Fixtures.Evaluate(CapabilityRequired(), PasswordWith(List(capabilities)));

        d.Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
        d.ClientCapable.Should().BeTrue();
        d.Challenge.Should().NotBeNull();
        d.Challenge!.AuthenticationContextId.Should().Be("c1");
        d.Causes.Should().NotHaveFlag(DecisionCauses.ClientNotCapable);
    }

    [TestCase("")]
    [TestCase("cp2")]
    [TestCase("CP1")]
    [TestCase("cp1 ")]
    [TestCase("a,b")]
    public void A_client_without_exactly_cp1_gets_no_challenge(string capabilities)
    {
        var d = Fixtures.Evaluate(CapabilityRequired(), PasswordWith(List(capabilities)));

        d.Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
        d.ClientCapable.Should().BeFalse();
        d.Challenge.Should().BeNull();
        d.Causes.Should().HaveFlag(DecisionCauses.ClientNotCapable);
        d.Explanation.Should().StartWith(
            "Step-up required for authentication context c1, but the client did not declare the cp1 capability, so no challenge is sent.");
    }

    [Test]
    public void A_client_without_xms_cc_gets_no_challenge_when_capability_is_required()
    {
        var d = Fixtures.Evaluate(CapabilityRequired(), PasswordWith(null));

        d.ClientCapable.Should().BeFalse();
        d.Challenge.Should().BeNull();
    }

    [Test]
    public void Capability_is_not_asked_for_unless_required()
    {
        var d = Fixtures.Evaluate(Fixtures.Seed(), PasswordWith(null));

        d.ClientCapable.Should().BeTrue();
        d.Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
        d.Challenge.Should().NotBeNull();
        d.Challenge!.AuthenticationContextId.Should().Be(d.AuthenticationContextId);
        d.Causes.Should().NotHaveFlag(DecisionCauses.ClientNotCapable);
    }

    // ---- users condition: empty lists never need what the sign-in lacks ----

    private const string Finance = "99999999-0000-0000-0000-000000000001";

    private static ProtectedActionsOptions BlockFor(Action<ConditionalAccessUsers> users)
    {
        var options = Fixtures.Seed();
        options.ConditionalAccessPolicies.Add(Fixtures.Policy("users", "c1", controls: ["block"], conditions: c =>
        {
            c.Users = new();
            users(c.Users);
        }));
        return options;
    }

    private static SignInContext Anonymous(IReadOnlyList<string>? groups, IReadOnlyList<string>? roles = null) => new()
    {
        UserId = null,
        TenantId = Fixtures.Tenant,
        Issuer = Fixtures.Issuer,
        GroupIds = groups,
        RoleIds = roles,
        UserType = UserType.Member,
        AuthenticationMethodReferences = ["fido", "mfa"],
        AuthenticationMethods = AuthenticationMethodModes.Fido2,
        AuthenticationTime = Fixtures.Now - TimeSpan.FromMinutes(10),
    };

    [Test]
    public void A_group_policy_applies_on_known_facts_to_a_member_whose_user_id_is_unknown()
    {
        // No user lists and no role lists: the unknown user id and roles do not matter.
        var d = Fixtures.Evaluate(BlockFor(u => u.IncludeGroups = [Finance]), Anonymous([Finance]));

        var p = d.Policies.Single(x => x.Id == "users");
        p.Applies.Should().BeTrue();
        p.Reason.Should().Be(PolicyReason.NotSet);
        p.MissingInformation.Should().Be(MissingInformation.None);
        d.Outcome.Should().Be(ProtectedActionOutcome.Denied);
    }

    [Test]
    public void Locked_out_user_outside_the_group_is_not_caught_because_the_user_id_is_unknown()
    {
        var d = Fixtures.Evaluate(BlockFor(u => u.IncludeGroups = [Finance]), Anonymous([]));

        var p = d.Policies.Single(x => x.Id == "users");
        p.Applies.Should().BeFalse();
        p.Reason.Should().Be(PolicyReason.Users);
    }

    [Test]
    public void A_role_policy_does_not_need_groups_the_token_does_not_list()
    {
        const string admin = "62e90394-69f5-4237-9190-012177145e10";
        var d = Fixtures.Evaluate(BlockFor(u => u.IncludeRoles = [admin]), Anonymous(groups: null, roles: [admin]));

        var p = d.Policies.Single(x => x.Id == "users");
        p.Reason.Should().Be(PolicyReason.NotSet);
        p.MissingInformation.Should().Be(MissingInformation.None);
    }

    [Test]
    public void Attacker_without_a_user_id_is_caught_by_a_policy_that_lists_users()
    {
        var d = Fixtures.Evaluate(BlockFor(u => u.IncludeUsers = [Fixtures.Alice]), Anonymous([]));

        var p = d.Policies.Single(x => x.Id == "users");
        p.Applies.Should().BeTrue();
        p.Reason.Should().Be(PolicyReason.NotEnoughInformation);
        p.MissingInformation.Should().Be(MissingInformation.User);
        d.IsAllowed.Should().BeFalse();
    }

    [Test]
    public void Attacker_without_a_user_id_is_not_excluded_by_a_user_exclusion()
    {
        var d = Fixtures.Evaluate(BlockFor(u => { u.IncludeUsers = ["All"]; u.ExcludeUsers = [Fixtures.BreakGlass]; }), Anonymous([]));

        var p = d.Policies.Single(x => x.Id == "users");
        p.Applies.Should().BeTrue();
        p.MissingInformation.Should().Be(MissingInformation.User);
        d.IsAllowed.Should().BeFalse();
    }

    // ---- risk conditions name which risk was missing ----

    [Test]
    public void A_user_risk_policy_without_user_risk_names_user_risk_as_missing()
    {
        var options = Fixtures.Seed();
        options.ConditionalAccessPolicies.Add(Fixtures.Policy("risk", "c1", controls: ["block"], conditions: c => c.UserRiskLevels = ["high"]));

        var d = Fixtures.Evaluate(options, Fixtures.Fido2());

        var p = d.Policies.Single(x => x.Id == "risk");
        p.MissingInformation.Should().Be(MissingInformation.UserRisk);
        d.Explanation.Should().Contain("applies for lack of information (user risk)");
    }

    [Test]
    public void A_sign_in_risk_policy_without_sign_in_risk_names_sign_in_risk_as_missing()
    {
        var options = Fixtures.Seed();
        options.ConditionalAccessPolicies.Add(Fixtures.Policy("risk", "c1", controls: ["block"], conditions: c => c.SignInRiskLevels = ["high"]));

        var d = Fixtures.Evaluate(options, Fixtures.Fido2());

        var p = d.Policies.Single(x => x.Id == "risk");
        p.MissingInformation.Should().Be(MissingInformation.SignInRisk);
        d.Explanation.Should().Contain("applies for lack of information (sign-in risk)");
    }
}
