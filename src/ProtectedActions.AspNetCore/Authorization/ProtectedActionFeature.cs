namespace ProtectedActions.AspNetCore;

/// <summary>
/// Carries decisions from the authorization handler to the result handler, so that a failed requirement is
/// answered from the decision already made instead of evaluating again.
/// </summary>
internal sealed class ProtectedActionFeature : IProtectedActionFeature
{
    private readonly List<ProtectedActionDecision> _decisions = new(1);

    public IReadOnlyList<ProtectedActionDecision> Decisions => _decisions;

    public ProtectedActionDecision? Find(string permission)
    {
        foreach (var d in _decisions)
        {
            if (string.Equals(d.Permission, permission, StringComparison.Ordinal))
            {
                return d;
            }
        }

        return null;
    }

    public void Add(ProtectedActionDecision decision) => _decisions.Add(decision);
}
