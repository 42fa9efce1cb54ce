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
        : this(permission, allowUnmapped: false)
    {
    }

    /// <summary>Creates the requirement, saying whether the permission may be mapped to no authentication context.</summary>
    /// <param name="permission">The permission, <c>namespace/entity[/property]/verb</c>.</param>
    /// <param name="allowUnmapped">
    /// <see langword="true"/> when the permission is intentionally unprotected: start-up (and a reload) then accept
    /// a configuration that maps it to no authentication context, and the action is allowed as not protected.
    /// Default <see langword="false"/>: start-up fails when an endpoint declares a permission mapped nowhere.
    /// </param>
    /// <exception cref="ArgumentException">The permission is empty or not in the permission shape.</exception>
    public ProtectedActionRequirement(string permission, bool allowUnmapped)
    {
        PermissionName.ThrowIfInvalid(permission);
        Permission = permission;
        AllowUnmapped = allowUnmapped;
    }

    /// <summary>The permission being attempted.</summary>
    public string Permission { get; }

    /// <summary>Whether the permission may be mapped to no authentication context (an explicit opt-out of the start-up check).</summary>
    public bool AllowUnmapped { get; }

    /// <inheritdoc />
    public override string ToString() => "ProtectedAction: " + Permission;
}
