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
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        // The attribute is IAuthorizationRequirementData: the authorization middleware merges it into the
        // endpoint's combined policy, exactly as for [ProtectedAction] on an MVC action.
        var metadata = new ProtectedActionAttribute(permission);
        builder.Add(endpoint => endpoint.Metadata.Add(metadata));
        return builder;
    }
}
