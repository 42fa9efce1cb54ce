using Microsoft.AspNetCore.Authorization;

namespace ProtectedActions.AspNetCore;

/// <summary>
/// An authorization requirement met when the caller may perform the protected action <see cref="Permission"/>
/// now (the evaluator's decision is <see cref="ProtectedActionOutcome.Allowed"/>). Usually added through
/// <c>RequireProtectedAction(...)</c> or <see cref="ProtectedActionAttribute"/>; it composes with every other
/// requirement of the endpoint's policy (all must succeed).
/// </summary>
public sealed class ProtectedActionRequirement : IAuthorizationRequirement
{
    /// <summary>Creates the requirement.</summary>
    /// <param name="permission">The permission, <c>namespace/entity[/property]/verb</c>, for example <c>contoso.billing/invoices/approve</c>.</param>
    /// <exception cref="ArgumentException">The permission is empty or not in the permission shape.</exception>
    public ProtectedActionRequirement(string permission)
    {
        PermissionName.ThrowIfInvalid(permission);
        Permission = permission;
    }

    /// <summary>The permission being attempted.</summary>
    public string Permission { get; }

    /// <inheritdoc />
    public override string ToString() => "ProtectedAction: " + Permission;
}
