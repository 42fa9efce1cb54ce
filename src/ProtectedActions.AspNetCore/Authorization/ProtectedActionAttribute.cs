using Microsoft.AspNetCore.Authorization;

namespace ProtectedActions.AspNetCore;

/// <summary>
/// Marks an MVC controller or action (or, as endpoint metadata, any endpoint) as performing the protected
/// action <see cref="Permission"/>. The authorization middleware adds a <see cref="ProtectedActionRequirement"/>
/// to the endpoint's policy, beside any <c>[Authorize]</c> policies and roles (all must succeed).
/// </summary>
/// <example><code>[ProtectedAction("contoso.billing/invoices/approve")] public IActionResult Approve(int id) ...</code></example>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = true, Inherited = true)]
public sealed class ProtectedActionAttribute : Attribute, IAuthorizationRequirementData
{
    private ProtectedActionRequirement[] _requirements;

    /// <summary>Creates the attribute.</summary>
    /// <param name="permission">The permission, <c>namespace/entity[/property]/verb</c>.</param>
    /// <exception cref="ArgumentException">The permission is empty or not in the permission shape.</exception>
    public ProtectedActionAttribute(string permission)
    {
        var requirement = new ProtectedActionRequirement(permission);
        Permission = requirement.Permission;
        _requirements = [requirement];
    }

    /// <summary>The permission the endpoint performs.</summary>
    public string Permission { get; }

    /// <summary>
    /// Whether the permission may be mapped to no authentication context. Default <see langword="false"/>: the
    /// host fails to start (and refuses a reload) when the configuration maps the permission nowhere, so a typo or
    /// an empty configuration never leaves the endpoint silently unprotected. Set it only for a permission that is
    /// meant to be unprotected (or list it in <c>settings.unprotectedPermissions</c>).
    /// </summary>
    public bool AllowUnmapped
    {
        get => _requirements[0].AllowUnmapped;
        set => _requirements = [new ProtectedActionRequirement(Permission, value)];
    }

    /// <inheritdoc />
    public IEnumerable<IAuthorizationRequirement> GetRequirements() => _requirements;
}
