using System.Collections.Frozen;

namespace ProtectedActions.Conditions;

/// <summary>Compiled <c>conditions.users</c>: inclusion and exclusion by user, group, role and guest kind.</summary>
internal sealed class UsersCondition
{
    public required bool IncludeAll { get; init; }
    public required bool IncludeGuestsOrExternal { get; init; }
    public required bool ExcludeGuestsOrExternal { get; init; }
    public required FrozenSet<string> IncludeUsers { get; init; }
    public required FrozenSet<string> ExcludeUsers { get; init; }
    public required FrozenSet<string> IncludeGroups { get; init; }
    public required FrozenSet<string> ExcludeGroups { get; init; }
    public required FrozenSet<string> IncludeRoles { get; init; }
    public required FrozenSet<string> ExcludeRoles { get; init; }
    public required GuestTypesFilter? IncludeGuestTypes { get; init; }
    public required GuestTypesFilter? ExcludeGuestTypes { get; init; }

    /// <summary>
    /// <c>settings.groupClaimsAssignedToApplicationOnly</c>: the token's <c>groups</c> claim lists only the groups
    /// assigned to the application, so a group it does not list may still be one the user belongs to. Membership
    /// of a listed group stays known; any other group is unknown rather than "not a member".
    /// </summary>
    public bool GroupClaimsAssignedToApplicationOnly { get; init; }

    /// <summary>Exclusion beats inclusion; anything the sign-in does not say is unknown, never assumed.</summary>
    public ConditionMatch Evaluate(SignInContext s, out MissingInformation missing)
    {
        missing = MissingInformation.None;
        var excluded = Any(s, ExcludeUsers, ExcludeGroups, ExcludeRoles, ExcludeGuestsOrExternal, ExcludeGuestTypes, GroupClaimsAssignedToApplicationOnly, ref missing);
        if (excluded == ConditionMatch.Match)
        {
            missing = MissingInformation.None;
            return ConditionMatch.NoMatch;
        }

        var included = IncludeAll
            ? ConditionMatch.Match
            : Any(s, IncludeUsers, IncludeGroups, IncludeRoles, IncludeGuestsOrExternal, IncludeGuestTypes, GroupClaimsAssignedToApplicationOnly, ref missing);
        if (included == ConditionMatch.NoMatch)
        {
            missing = MissingInformation.None;
            return ConditionMatch.NoMatch;
        }

        return included == ConditionMatch.Match && excluded == ConditionMatch.NoMatch ? ConditionMatch.Match : ConditionMatch.Unknown;
    }

    private static ConditionMatch Any(SignInContext s, FrozenSet<string> users, FrozenSet<string> groups, FrozenSet<string> roles,
        bool guests, GuestTypesFilter? guestTypes, bool groupsPartial, ref MissingInformation missing)
    {
        var result = ConditionMatch.NoMatch;
        Combine(ref result, users.Count == 0 ? ConditionMatch.NoMatch : s.UserId is null ? Unknown(ref missing, MissingInformation.User) : Bool(users.Contains(s.UserId)));
        Combine(ref result, Groups(groups, s.GroupIds, groupsPartial, ref missing));
        Combine(ref result, roles.Count == 0 ? ConditionMatch.NoMatch : s.RoleIds is null ? Unknown(ref missing, MissingInformation.Roles) : Intersects(roles, s.RoleIds));
        Combine(ref result, !guests ? ConditionMatch.NoMatch : s.UserType is null ? Unknown(ref missing, MissingInformation.UserType) : Bool(s.UserType == UserType.Guest));
        if (guestTypes is not null)
        {
            Combine(ref result, guestTypes.Evaluate(s, ref missing));
        }

        return result;
    }

    /// <summary>
    /// Group membership: unknown when the token does not list groups (absent claim, overage); when it lists only
    /// the groups assigned to the application, a listed group is a match and any other group is unknown.
    /// </summary>
    private static ConditionMatch Groups(FrozenSet<string> groups, IReadOnlyList<string>? listed, bool listedPartially, ref MissingInformation missing)
    {
        if (groups.Count == 0)
        {
            return ConditionMatch.NoMatch;
        }

        if (listed is null)
        {
            return Unknown(ref missing, MissingInformation.Groups);
        }

        var match = Intersects(groups, listed);
        return match == ConditionMatch.NoMatch && listedPartially ? Unknown(ref missing, MissingInformation.Groups) : match;
    }

    /// <summary>Or over three values: any match wins, else any unknown, else no match.</summary>
    internal static void Combine(ref ConditionMatch acc, ConditionMatch next)
    {
        if (acc == ConditionMatch.Match || next == ConditionMatch.Match)
        {
            acc = ConditionMatch.Match;
        }
        else if (next == ConditionMatch.Unknown)
        {
            acc = ConditionMatch.Unknown;
        }
    }

    internal static ConditionMatch Unknown(ref MissingInformation missing, MissingInformation what)
    {
        missing |= what;
        return ConditionMatch.Unknown;
    }

    private static ConditionMatch Bool(bool b) => b ? ConditionMatch.Match : ConditionMatch.NoMatch;

    private static ConditionMatch Intersects(FrozenSet<string> set, IReadOnlyList<string> values)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is { } v && set.Contains(v))
            {
                return ConditionMatch.Match;
            }
        }

        return ConditionMatch.NoMatch;
    }
}

/// <summary>Compiled <c>include/excludeGuestsOrExternalUsers</c>.</summary>
internal sealed class GuestTypesFilter(GuestOrExternalUserTypes types, FrozenSet<string>? tenants)
{
    /// <summary>Matches a guest whose kind is one of the listed kinds (and, when tenants are enumerated, whose home tenant is listed).</summary>
    public ConditionMatch Evaluate(SignInContext s, ref MissingInformation missing)
    {
        if (s.UserType == UserType.Member && s.GuestOrExternalUserTypes == GuestOrExternalUserTypes.None)
        {
            return ConditionMatch.NoMatch;
        }

        if (s.GuestOrExternalUserTypes == GuestOrExternalUserTypes.None)
        {
            return UsersCondition.Unknown(ref missing, MissingInformation.GuestType);
        }

        if ((s.GuestOrExternalUserTypes & types) == 0)
        {
            return ConditionMatch.NoMatch;
        }

        if (tenants is null)
        {
            return ConditionMatch.Match;
        }

        return s.TenantId is null ? UsersCondition.Unknown(ref missing, MissingInformation.Tenant)
            : tenants.Contains(s.TenantId) ? ConditionMatch.Match : ConditionMatch.NoMatch;
    }
}
