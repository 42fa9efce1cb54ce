using static ProtectedActions.Tests.Support.Fixtures;

namespace ProtectedActions.Tests.Evaluation;

public class UsersConditionTests
{
    private const string Admins = "aaaaaaaa-0000-0000-0000-000000000001";
    private const string Emergency = "aaaaaaaa-0000-0000-0000-0000000000ee";
    private const string GlobalAdmin = "62e90394-69f5-4237-9190-012177145e10";

    private static ProtectedActionsOptions With(Action<ConditionalAccessUsers> users)
    {
        var o = Seed();
        var u = new ConditionalAccessUsers();
        users(u);
        o.ConditionalAccessPolicies[0].Conditions!.Users = u;
        return o;
    }

    private static (bool Applies, PolicyReason Reason) Run(ProtectedActionsOptions o, SignInContext s)
    {
        var d = Evaluate(o, s);
        return (d.Policies[0].Applies, d.Policies[0].Reason);
    }

    private static SignInContext Member(string user = Alice, string[]? groups = null, string[]? roles = null) => new()
    {
        UserId = user, GroupIds = groups ?? [], RoleIds = roles ?? [], UserType = UserType.Member,
        AuthenticationMethods = AuthenticationMethodModes.Password, AuthenticationTime = Now,
    };

    [Test]
    public void Include_all_applies_to_any_member() =>
        Run(With(u => u.IncludeUsers = ["All"]), Member()).Should().Be((true, PolicyReason.NotSet));

    [Test]
    public void Include_none_applies_to_nobody() =>
        Run(With(u => u.IncludeUsers = ["None"]), Member()).Should().Be((false, PolicyReason.Users));

    [Test]
    public void Include_specific_user_applies_only_to_that_user()
    {
        var o = With(u => u.IncludeUsers = [Alice]);
        Run(o, Member()).Applies.Should().BeTrue();
        Run(o, Member(user: "someone-else")).Should().Be((false, PolicyReason.Users));
    }

    [Test]
    public void User_ids_compare_case_insensitively() =>
        Run(With(u => u.IncludeUsers = [Alice.ToUpperInvariant()]), Member()).Applies.Should().BeTrue();

    [Test]
    public void Exclude_user_beats_include_all() =>
        Run(With(u => { u.IncludeUsers = ["All"]; u.ExcludeUsers = [Alice]; }), Member()).Should().Be((false, PolicyReason.Users));

    [Test]
    public void Include_group_applies_to_members_of_the_group()
    {
        var o = With(u => u.IncludeGroups = [Admins]);
        Run(o, Member(groups: [Admins])).Applies.Should().BeTrue();
        Run(o, Member(groups: ["other"])).Should().Be((false, PolicyReason.Users));
    }

    [Test]
    public void Exclude_group_beats_include_group() =>
        Run(With(u => { u.IncludeGroups = [Admins]; u.ExcludeGroups = [Emergency]; }), Member(groups: [Admins, Emergency]))
            .Should().Be((false, PolicyReason.Users));

    [Test]
    public void Unknown_groups_with_group_inclusion_apply_for_lack_of_information()
    {
        var s = new SignInContext { UserId = Alice, AuthenticationMethods = AuthenticationMethodModes.Password };
        Run(With(u => u.IncludeGroups = [Admins]), s).Should().Be((true, PolicyReason.NotEnoughInformation));
    }

    [Test]
    public void Unknown_groups_with_group_exclusion_apply_for_lack_of_information()
    {
        var s = new SignInContext { UserId = Alice, AuthenticationMethods = AuthenticationMethodModes.Password };
        Run(With(u => { u.IncludeUsers = ["All"]; u.ExcludeGroups = [Emergency]; }), s).Should().Be((true, PolicyReason.NotEnoughInformation));
    }

    [Test]
    public void Known_exclusion_wins_even_when_other_information_is_missing()
    {
        var s = new SignInContext { UserId = Alice, AuthenticationMethods = AuthenticationMethodModes.Password };
        Run(With(u => { u.IncludeGroups = [Admins]; u.ExcludeUsers = [Alice]; }), s).Should().Be((false, PolicyReason.Users));
    }

    [Test]
    public void Include_role_applies_to_holders_of_the_role()
    {
        var o = With(u => u.IncludeRoles = [GlobalAdmin]);
        Run(o, Member(roles: [GlobalAdmin])).Applies.Should().BeTrue();
        Run(o, Member(roles: [])).Should().Be((false, PolicyReason.Users));
    }

    [Test]
    public void Exclude_role_beats_include_all() =>
        Run(With(u => { u.IncludeUsers = ["All"]; u.ExcludeRoles = [GlobalAdmin]; }), Member(roles: [GlobalAdmin])).Should().Be((false, PolicyReason.Users));

    [Test]
    public void Unknown_roles_with_role_inclusion_apply_for_lack_of_information()
    {
        var s = new SignInContext { UserId = Alice, GroupIds = [], AuthenticationMethods = AuthenticationMethodModes.Password };
        Run(With(u => u.IncludeRoles = [GlobalAdmin]), s).Should().Be((true, PolicyReason.NotEnoughInformation));
    }

    [TestCase(UserType.Guest, true)]
    [TestCase(UserType.Member, false)]
    public void GuestsOrExternalUsers_keyword_includes_guests_only(UserType type, bool applies)
    {
        var s = new SignInContext { UserId = Alice, GroupIds = [], RoleIds = [], UserType = type, AuthenticationMethods = AuthenticationMethodModes.Password };
        Run(With(u => u.IncludeUsers = ["GuestsOrExternalUsers"]), s).Applies.Should().Be(applies);
    }

    [Test]
    public void GuestsOrExternalUsers_exclusion_excludes_guests()
    {
        var s = new SignInContext { UserId = Alice, GroupIds = [], RoleIds = [], UserType = UserType.Guest, AuthenticationMethods = AuthenticationMethodModes.Password };
        Run(With(u => { u.IncludeUsers = ["All"]; u.ExcludeUsers = ["GuestsOrExternalUsers"]; }), s).Should().Be((false, PolicyReason.Users));
    }

    [Test]
    public void Unknown_user_type_with_guest_keyword_applies_for_lack_of_information()
    {
        var s = new SignInContext { UserId = Alice, GroupIds = [], RoleIds = [], AuthenticationMethods = AuthenticationMethodModes.Password };
        Run(With(u => u.IncludeUsers = ["GuestsOrExternalUsers"]), s).Should().Be((true, PolicyReason.NotEnoughInformation));
    }

    [TestCase(GuestOrExternalUserTypes.B2bCollaborationGuest, true)]
    [TestCase(GuestOrExternalUserTypes.ServiceProvider, false)]
    public void Guest_type_inclusion_matches_listed_kinds(GuestOrExternalUserTypes kind, bool applies)
    {
        var s = new SignInContext { UserId = Alice, GroupIds = [], RoleIds = [], UserType = UserType.Guest, GuestOrExternalUserTypes = kind, AuthenticationMethods = AuthenticationMethodModes.Password };
        var o = With(u => u.IncludeGuestsOrExternalUsers = new() { GuestOrExternalUserTypes = "b2bCollaborationGuest,internalGuest", ExternalTenants = new() { MembershipKind = "all" } });
        Run(o, s).Applies.Should().Be(applies);
    }

    [Test]
    public void Guest_type_exclusion_with_enumerated_tenants_matches_only_those_tenants()
    {
        var o = With(u =>
        {
            u.IncludeUsers = ["All"];
            u.ExcludeGuestsOrExternalUsers = new() { GuestOrExternalUserTypes = "b2bCollaborationGuest", ExternalTenants = new() { MembershipKind = "enumerated", Members = ["partner-tenant"] } };
        });
        SignInContext Guest(string tenant) => new() { UserId = Alice, TenantId = tenant, GroupIds = [], RoleIds = [], UserType = UserType.Guest, GuestOrExternalUserTypes = GuestOrExternalUserTypes.B2bCollaborationGuest, AuthenticationMethods = AuthenticationMethodModes.Password };
        Run(o, Guest("partner-tenant")).Should().Be((false, PolicyReason.Users));
        Run(o, Guest("other-tenant")).Applies.Should().BeTrue();
    }

    [Test]
    public void Guest_of_unknown_kind_against_a_kind_filter_applies_for_lack_of_information()
    {
        var s = new SignInContext { UserId = Alice, GroupIds = [], RoleIds = [], UserType = UserType.Guest, AuthenticationMethods = AuthenticationMethodModes.Password };
        var o = With(u => u.IncludeGuestsOrExternalUsers = new() { GuestOrExternalUserTypes = "b2bCollaborationGuest" });
        Run(o, s).Should().Be((true, PolicyReason.NotEnoughInformation));
    }

    [Test]
    public void Missing_user_id_with_a_user_exclusion_applies_for_lack_of_information()
    {
        var s = new SignInContext { GroupIds = [], RoleIds = [], AuthenticationMethods = AuthenticationMethodModes.Password };
        Run(With(u => { u.IncludeUsers = ["All"]; u.ExcludeUsers = [BreakGlass]; }), s).Should().Be((true, PolicyReason.NotEnoughInformation));
    }

    [Test]
    public void Workload_identity_policies_never_apply_to_users()
    {
        var o = Seed();
        o.ConditionalAccessPolicies[0].Conditions!.ClientApplications = new() { IncludeServicePrincipals = ["All"] };
        Run(o, Member()).Should().Be((false, PolicyReason.Users));
    }
}
