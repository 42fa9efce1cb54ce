using ProtectedActions.AspNetCore;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Marks endpoints and route groups as protected actions.</summary>
public static class ProtectedActionEndpointConventionBuilderExtensions
{
    /// <summary>
    /// Requires the caller to be allowed to perform the protected action <paramref name="permission"/> on every
    /// endpoint the builder configures (an endpoint or a whole route group). Composes with
    /// <c>RequireAuthorization(...)</c> and other requirements: all must succeed. Call it more than once to
    /// require several protected actions.
    /// </summary>
    /// <param name="builder">The endpoint or route group builder.</param>
    /// <param name="permission">The permission, <c>namespace/entity[/property]/verb</c>, for example <c>KnownPermissions.ConditionalAccessPoliciesCreate</c>.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentException">The permission is empty or not in the permission shape.</exception>
    public static TBuilder RequireProtectedAction<TBuilder>(this TBuilder builder, string permission)
        where TBuilder : IEndpointConventionBuilder => RequireProtectedAction(builder, permission, allowUnmapped: false);

    /// <summary>
    /// Requires the protected action <paramref name="permission"/>, saying whether the configuration may leave it
    /// unmapped. By default the host fails to start when a declared permission is mapped to no authentication
    /// context; <paramref name="allowUnmapped"/> <see langword="true"/> is the explicit opt-out for a permission
    /// that is meant to be unprotected (it is then allowed as not protected while the configuration maps it nowhere).
    /// </summary>
    /// <param name="builder">The endpoint or route group builder.</param>
    /// <param name="permission">The permission, <c>namespace/entity[/property]/verb</c>.</param>
    /// <param name="allowUnmapped">Whether the configuration may map the permission to no authentication context.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentException">The permission is empty or not in the permission shape.</exception>
    public static TBuilder RequireProtectedAction<TBuilder>(this TBuilder builder, string permission, bool allowUnmapped)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        // The attribute is IAuthorizationRequirementData: the authorization middleware merges it into the
        // endpoint's combined policy, exactly as for [ProtectedAction] on an MVC action.
        var metadata = new ProtectedActionAttribute(permission) { AllowUnmapped = allowUnmapped };
        builder.Add(endpoint => endpoint.Metadata.Add(metadata));
        return builder;
    }
}
