using System.Security.Claims;

namespace ProtectedActions.AspNetCore;

/// <summary>
/// Carries decisions from the authorization handler to the result handler, so that a failed requirement is
/// answered from the decision already made instead of evaluating again. Decisions are found by the permission
/// the requirement asked for (not the decision's own spelling, which may be the configured one or a pattern),
/// case-insensitively: permissions are case-insensitive everywhere.
/// </summary>
internal sealed class ProtectedActionFeature : IProtectedActionFeature
{
    private readonly List<ProtectedActionDecision> _decisions = new(1);
    private readonly List<string> _permissions = new(1);
    private readonly List<ClaimsPrincipal> _principals = new(1);

    public IReadOnlyList<ProtectedActionDecision> Decisions => _decisions;

    /// <summary>The latest decision for <paramref name="permission"/> (what the result handler answers with).</summary>
    public ProtectedActionDecision? Find(string permission)
    {
        for (var i = _decisions.Count - 1; i >= 0; i--)
        {
            if (string.Equals(_permissions[i], permission, StringComparison.OrdinalIgnoreCase))
            {
                return _decisions[i];
            }
        }

        return null;
    }

    /// <summary>
    /// The decision already made for <paramref name="permission"/> and this very principal: an endpoint that
    /// authorizes another principal against the same request gets its own evaluation.
    /// </summary>
    public ProtectedActionDecision? Find(string permission, ClaimsPrincipal principal)
    {
        for (var i = _decisions.Count - 1; i >= 0; i--)
        {
            if (ReferenceEquals(_principals[i], principal) && string.Equals(_permissions[i], permission, StringComparison.OrdinalIgnoreCase))
            {
                return _decisions[i];
            }
        }

        return null;
    }

    public void Add(string permission, ProtectedActionDecision decision, ClaimsPrincipal principal)
    {
        _permissions.Add(permission);
        _decisions.Add(decision);
        _principals.Add(principal);
    }
}
