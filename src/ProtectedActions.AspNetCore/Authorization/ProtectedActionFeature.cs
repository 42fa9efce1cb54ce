using System.Collections;
using System.Security.Claims;

namespace ProtectedActions.AspNetCore;

/// <summary>
/// Carries decisions from the authorization handler to the result handler, so that a failed requirement is
/// answered from the decision already made instead of evaluating again. Decisions are found by the permission
/// the requirement asked for (not the decision's own spelling, which may be the configured one or a pattern),
/// case-insensitively: permissions are case-insensitive everywhere.
/// </summary>
/// <remarks>
/// One object per request: the first decision lives in fields and the feature is its own list of
/// decisions; only a second decision in the same request (another permission, or another principal) creates a
/// list for the rest.
/// </remarks>
internal sealed class ProtectedActionFeature : IProtectedActionFeature, IReadOnlyList<ProtectedActionDecision>
{
    private ProtectedActionDecision? _firstDecision;
    private string? _firstPermission;
    private ClaimsPrincipal? _firstPrincipal;
    private List<(string Permission, ProtectedActionDecision Decision, ClaimsPrincipal Principal)>? _more;

    public IReadOnlyList<ProtectedActionDecision> Decisions => this;

    public int Count => _firstDecision is null ? 0 : 1 + (_more?.Count ?? 0);

    public ProtectedActionDecision this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count)
            {
                throw new ArgumentOutOfRangeException(nameof(index));
            }

            return index == 0 ? _firstDecision! : _more![index - 1].Decision;
        }
    }

    /// <summary>The latest decision for <paramref name="permission"/> (what the result handler answers with).</summary>
    public ProtectedActionDecision? Find(string permission)
    {
        if (_more is { } more)
        {
            for (var i = more.Count - 1; i >= 0; i--)
            {
                if (string.Equals(more[i].Permission, permission, StringComparison.OrdinalIgnoreCase))
                {
                    return more[i].Decision;
                }
            }
        }

        return _firstDecision is not null && string.Equals(_firstPermission, permission, StringComparison.OrdinalIgnoreCase)
            ? _firstDecision
            : null;
    }

    /// <summary>
    /// The decision already made for <paramref name="permission"/> and this very principal: an endpoint that
    /// authorizes another principal against the same request gets its own evaluation.
    /// </summary>
    public ProtectedActionDecision? Find(string permission, ClaimsPrincipal principal)
    {
        if (_more is { } more)
        {
            for (var i = more.Count - 1; i >= 0; i--)
            {
                if (ReferenceEquals(more[i].Principal, principal) && string.Equals(more[i].Permission, permission, StringComparison.OrdinalIgnoreCase))
                {
                    return more[i].Decision;
                }
            }
        }

        return _firstDecision is not null && ReferenceEquals(_firstPrincipal, principal)
            && string.Equals(_firstPermission, permission, StringComparison.OrdinalIgnoreCase)
            ? _firstDecision
            : null;
    }

    public void Add(string permission, ProtectedActionDecision decision, ClaimsPrincipal principal)
    {
        if (_firstDecision is null)
        {
            _firstPermission = permission;
            _firstDecision = decision;
            _firstPrincipal = principal;
            return;
        }

        (_more ??= new(1)).Add((permission, decision, principal));
    }

    public IEnumerator<ProtectedActionDecision> GetEnumerator()
    {
        var count = Count;
        for (var i = 0; i < count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
