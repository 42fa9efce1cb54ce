namespace ProtectedActions;

/// <summary>How one policy that targets the context fared against the sign-in.</summary>
public sealed class PolicyResult
{
    internal PolicyResult(string id, string? displayName, PolicyState state, bool applies, PolicyReason reason,
        bool? satisfied, IReadOnlyList<string> failedControls, bool remediable, MissingInformation missingInformation, string? detail = null,
        DecisionCauses causes = DecisionCauses.None)
    {
        Causes = causes;
        Detail = detail;
        Id = id;
        DisplayName = displayName;
        State = state;
        Applies = applies;
        Reason = reason;
        Satisfied = satisfied;
        FailedControls = failedControls;
        Remediable = remediable;
        MissingInformation = missingInformation;
    }

    /// <summary>Creates a policy result directly, for fakes and tests in consuming applications.</summary>
    public static PolicyResult Create(string id, string? displayName = null, PolicyState state = PolicyState.Enabled, bool applies = true,
        PolicyReason reason = PolicyReason.NotSet, bool? satisfied = true, IReadOnlyList<string>? failedControls = null,
        bool remediable = false, MissingInformation missingInformation = MissingInformation.None, DecisionCauses causes = DecisionCauses.None)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        return new PolicyResult(id, displayName, state, applies, reason, satisfied, failedControls ?? [], remediable, missingInformation, causes: causes);
    }

    /// <summary>The policy id (or display name when it has none).</summary>
    public string Id { get; }
    /// <summary>The display name.</summary>
    public string? DisplayName { get; }
    /// <summary>The policy state.</summary>
    public PolicyState State { get; }
    /// <summary>Whether the policy applies to the sign-in (also when it applies only for lack of information).</summary>
    public bool Applies { get; }
    /// <summary><see cref="PolicyReason.NotSet"/> when it applies, else the first condition that did not match.</summary>
    public PolicyReason Reason { get; }
    /// <summary>Whether its controls are satisfied; <see langword="null"/> when it does not apply or is disabled.</summary>
    public bool? Satisfied { get; }
    /// <summary>The controls not satisfied: built-in control names, <c>authenticationStrength</c>, <c>signInFrequency</c>, <c>termsOfUse</c>, <c>customAuthenticationFactors</c>.</summary>
    public IReadOnlyList<string> FailedControls { get; }
    /// <summary>Whether re-authentication can satisfy what failed.</summary>
    public bool Remediable { get; }
    /// <summary>Whether the policy is report-only (never enforced).</summary>
    public bool ReportOnly => State == PolicyState.ReportOnly;
    /// <summary>What the sign-in lacked when <see cref="Reason"/> is <see cref="PolicyReason.NotEnoughInformation"/>; <see cref="ProtectedActions.MissingInformation.None"/> otherwise.</summary>
    public MissingInformation MissingInformation { get; }

    /// <summary>What the failure came from when <see cref="Satisfied"/> is <see langword="false"/> (also for report-only policies); <see cref="DecisionCauses.None"/> otherwise.</summary>
    public DecisionCauses Causes { get; }

    /// <summary>Why the failed controls can or cannot be fixed, for the explanation (never claim values).</summary>
    internal string? Detail { get; }
}
