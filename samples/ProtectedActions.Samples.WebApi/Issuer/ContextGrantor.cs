namespace ProtectedActions.Samples.WebApi.Issuer;

/// <summary>
/// Decides, as Entra does, whether a sign-in earns an authentication context: every enabled policy targeting
/// the context must be satisfied (also when none does). It runs the library's own evaluator on the same policies
/// the API enforces, so the issuer cannot hand out an <c>acrs</c> value the policies would refuse.
/// </summary>
internal sealed class ContextGrantor
{
    // One synthetic permission per context: the evaluator is asked "may this sign-in do <context>?".
    private const string PermissionPrefix = "devissuer.contexts/";

    private readonly IProtectedActionEvaluator _evaluator;
    private readonly HashSet<string> _contexts = new(StringComparer.OrdinalIgnoreCase);

    public ContextGrantor(ProtectedActionsOptions options, TimeProvider timeProvider, IDeviceInformationProvider devices)
    {
        foreach (var context in options.AuthenticationContexts)
        {
            if (context.Id is { } id)
            {
                _contexts.Add(id);
                options.ProtectedActions.Add(new ProtectedActionAssignment { Permission = PermissionFor(id), AuthenticationContextId = id });
            }
        }

        // The issuer judges the sign-in itself: never earlier acrs, and every client may receive a context.
        options.Settings.TrustAcrsClaim = false;
        options.Settings.RequireClientCapability = false;
        _evaluator = ProtectedActionEvaluator.Create(options, timeProvider, devices);
    }

    public IReadOnlyCollection<string> Contexts => _contexts;

    public bool IsKnown(string contextId) => _contexts.Contains(contextId);

    public ValueTask<ProtectedActionDecision> EvaluateAsync(string contextId, SignInContext signIn, CancellationToken cancellationToken) =>
        _evaluator.EvaluateAsync(new ProtectedActionRequest(PermissionFor(contextId), signIn), cancellationToken);

    private static string PermissionFor(string contextId) => PermissionPrefix + contextId.ToLowerInvariant() + "/satisfy";
}
