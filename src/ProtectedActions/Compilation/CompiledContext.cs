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
}
