using ProtectedActions.AspNetCore;

namespace Microsoft.AspNetCore.Authorization;

/// <summary>Adds protected actions to authorization policies that hosts build by name.</summary>
public static class ProtectedActionAuthorizationPolicyBuilderExtensions
{
    /// <summary>
    /// Requires the caller to be allowed to perform the protected action <paramref name="permission"/> wherever the
    /// policy is used (<c>[Authorize(Policy = "...")]</c>, <c>RequireAuthorization("...")</c>, the default or fallback
    /// policy). The same requirement as <c>RequireProtectedAction(permission)</c> on an endpoint and
    /// <see cref="ProtectedActionAttribute"/>: a step-up is answered 401 with the challenge, and the start-up check
    /// of declared permissions sees it through the policy.
    /// </summary>
    /// <param name="builder">The policy builder, for example in <c>AddAuthorization(o => o.AddPolicy("Approvers", p => ...))</c>.</param>
    /// <param name="permission">The permission, <c>namespace/entity[/property]/verb</c>, for example <c>KnownPermissions.ConditionalAccessPoliciesCreate</c>.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentException">The permission is empty or not in the permission shape.</exception>
    public static AuthorizationPolicyBuilder RequireProtectedAction(this AuthorizationPolicyBuilder builder, string permission) =>
        RequireProtectedAction(builder, permission, allowUnmapped: false);

    /// <summary>
    /// Requires the protected action <paramref name="permission"/>, saying whether the configuration may leave it
    /// unmapped. By default the host fails to start when a declared permission is mapped to no authentication
    /// context; <paramref name="allowUnmapped"/> <see langword="true"/> is the explicit opt-out for a permission
    /// that is meant to be unprotected (it is then allowed as not protected while the configuration maps it nowhere).
    /// </summary>
    /// <param name="builder">The policy builder.</param>
    /// <param name="permission">The permission, <c>namespace/entity[/property]/verb</c>.</param>
    /// <param name="allowUnmapped">Whether the configuration may map the permission to no authentication context.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentException">The permission is empty or not in the permission shape.</exception>
    public static AuthorizationPolicyBuilder RequireProtectedAction(this AuthorizationPolicyBuilder builder, string permission, bool allowUnmapped)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddRequirements(new ProtectedActionRequirement(permission, allowUnmapped));
    }
}
