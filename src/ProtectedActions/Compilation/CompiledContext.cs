namespace ProtectedActions.Compilation;

/// <summary>An authentication context with the policies that target it, in configuration order.</summary>
internal sealed class CompiledContext(string id, CompiledPolicy[] policies)
{
    public string Id { get; } = id;
    public CompiledPolicy[] Policies { get; } = policies;
    /// <summary>Whether a policy that can take effect for users targets the context (strict mode denies otherwise).</summary>
    public bool HasEnabledPolicy { get; } = policies.Any(SnapshotCompiler.TakesEffectForUsers);
    public bool NeedsDevice { get; } = policies.Any(p => p.State != PolicyState.Disabled && p.NeedsDevice);
    public bool NeedsCountry { get; } = policies.Any(p => p.State != PolicyState.Disabled && p.NeedsCountry);
    /// <summary>Whether an enabled policy has a sign-in frequency, which a trusted <c>acrs</c> does not skip when the token has <c>auth_time</c>.</summary>
    public bool HasEnabledSignInFrequency { get; } = policies.Any(p => p.State == PolicyState.Enabled && p.SignInFrequency is not null);

    /// <summary>
    /// The optional sign-in facts a policy of this context can read (any state: a disabled policy reads nothing, so
    /// counting it only costs a list): the handler has the mapper build only those. <c>xms_cc</c> depends on a
    /// setting, not on the policies, and is added by the evaluator (<c>settings.requireClientCapability</c>).
    /// </summary>
    public SignIns.ClaimNeeds ClaimNeeds { get; } = NeedsOf(policies);

    private static SignIns.ClaimNeeds NeedsOf(CompiledPolicy[] policies)
    {
        var needs = SignIns.ClaimNeeds.None;
        foreach (var p in policies)
        {
            if (p.Users is { } users)
            {
                needs |= users.IncludeGroups.Count + users.ExcludeGroups.Count > 0 ? SignIns.ClaimNeeds.Groups : 0;
                needs |= users.IncludeRoles.Count + users.ExcludeRoles.Count > 0 ? SignIns.ClaimNeeds.Roles : 0;
            }

            needs |= p.NeedsDevice ? SignIns.ClaimNeeds.Device : 0;
        }

        return needs;
    }
}
