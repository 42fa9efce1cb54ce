namespace ProtectedActions.Samples.IdentityProvider;

/// <summary>
/// Decides, as Entra does, whether a sign-in earns an authentication context: every enabled policy targeting
/// the context must be satisfied (also when none does). It runs the library's own evaluator on the same policies
/// the relying party enforces, so the provider cannot hand out a context the policies would refuse.
/// </summary>
internal sealed class ContextGrantor
{
    // One synthetic permission per context: the evaluator is asked "may this sign-in do <context>?".
    private const string PermissionPrefix = "devidp.contexts/";

    private readonly IProtectedActionEvaluator? _evaluator;
    private readonly Dictionary<string, string> _contexts = new(StringComparer.OrdinalIgnoreCase);

    public ContextGrantor(ProtectedActionsOptions? options, TimeProvider timeProvider, IDeviceInformationProvider? devices)
    {
        if (options is null)
        {
            return; // no policies: no context is ever granted
        }

        foreach (var context in options.AuthenticationContexts)
        {
            if (context.Id is { } id)
            {
                _contexts[id] = context.DisplayName ?? id;
                options.ProtectedActions.Add(new ProtectedActionAssignment { Permission = PermissionFor(id), AuthenticationContextId = id });
            }
        }

        // The provider judges the sign-in itself: never earlier acrs, and every client may receive a context.
        options.Settings.TrustAcrsClaim = false;
        options.Settings.RequireClientCapability = false;
        _evaluator = ProtectedActionEvaluator.Create(options, timeProvider, devices);
    }

    public bool IsKnown(string contextId) => _evaluator is not null && _contexts.ContainsKey(contextId);

    public string DisplayName(string contextId) => _contexts.TryGetValue(contextId, out var name) ? name : contextId;

    public async ValueTask<ProtectedActionDecision?> EvaluateAsync(string contextId, SignInContext signIn, CancellationToken cancellationToken) =>
        IsKnown(contextId)
            ? await _evaluator!.EvaluateAsync(new ProtectedActionRequest(PermissionFor(contextId), signIn), cancellationToken).ConfigureAwait(false)
            : null;

    private static string PermissionFor(string contextId) => PermissionPrefix + contextId.ToLowerInvariant() + "/satisfy";
}
