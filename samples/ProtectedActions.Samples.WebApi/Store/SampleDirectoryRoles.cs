using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using ProtectedActions.AspNetCore;
using ProtectedActions.Samples.WebApi.Directory;

namespace ProtectedActions.Samples.WebApi.Store;

/// <summary>
/// The sample directory's role assignments: the development identity provider issues no <c>wids</c>, so for the managed
/// (<c>--store sqlite</c>) sample the API adds the Conditional Access Administrator role to Alice's tokens, as Entra would
/// for a user holding that role. Only tokens of the sample tenant for Alice's object id get it; nothing else changes.
/// </summary>
internal sealed class SampleDirectoryRoles : IClaimsTransformation
{
    /// <summary>The object id of the sample's directory administrator (Alice).</summary>
    public static string AdministratorObjectId => SampleDirectory.Users["alice"].ObjectId;

    /// <inheritdoc/>
    public Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (principal.Identity is ClaimsIdentity { IsAuthenticated: true } identity
            && identity.FindFirst("tid")?.Value == SampleDirectory.TenantId
            && identity.FindFirst("oid")?.Value == AdministratorObjectId
            && !identity.HasClaim("wids", ProtectedActionsManagementOptions.ConditionalAccessAdministrator))
        {
            identity.AddClaim(new Claim("wids", ProtectedActionsManagementOptions.ConditionalAccessAdministrator));
        }

        return Task.FromResult(principal);
    }
}
