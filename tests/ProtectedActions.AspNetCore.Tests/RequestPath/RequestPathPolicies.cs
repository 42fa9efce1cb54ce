namespace ProtectedActions.AspNetCore.Tests.RequestPath;

/// <summary>The Conditional Access policies the request-path handler tests build their configurations from.</summary>
internal static class RequestPathPolicies
{
    /// <summary>
    /// An enabled policy on all users for authentication context <paramref name="context"/>, its grant controls OR-ed,
    /// with an optional sign-in frequency of <paramref name="hours"/>.
    /// </summary>
    public static ConditionalAccessPolicy Policy(string id, string context, Action<ConditionalAccessGrantControls> grant,
        Action<ConditionalAccessConditions>? conditions = null, int? hours = null)
    {
        var c = new ConditionalAccessConditions
        {
            Applications = new() { IncludeAuthenticationContextClassReferences = [context] },
            Users = new() { IncludeUsers = ["All"] },
        };
        conditions?.Invoke(c);
        var g = new ConditionalAccessGrantControls { Operator = "OR" };
        grant(g);
        return new()
        {
            Id = id, State = "enabled", Conditions = c, GrantControls = g,
            SessionControls = hours is null ? null : new() { SignInFrequency = new() { IsEnabled = true, Value = hours, Type = "hours" } },
        };
    }
}
