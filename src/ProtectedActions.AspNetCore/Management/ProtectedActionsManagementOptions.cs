namespace ProtectedActions.AspNetCore;

/// <summary>Who may use the management endpoints (<c>MapProtectedActionsManagement</c>).</summary>
public sealed class ProtectedActionsManagementOptions
{
    /// <summary>The Entra role template id of Conditional Access Administrator.</summary>
    public const string ConditionalAccessAdministrator = "b1be1c3e-b65d-4f19-8427-f6fa0d97feb9";

    /// <summary>The Entra role template id of Security Administrator.</summary>
    public const string SecurityAdministrator = "194ae4cb-b126-40b2-bd5b-6091b380977d";

    /// <summary>
    /// The roles (matched case-insensitively against the token's <c>wids</c> and <c>roles</c> claims) that may read and
    /// change the configuration; default Conditional Access Administrator and Security Administrator. Changes also need
    /// the protected action <c>microsoft.directory/resourceNamespaces/resourceActions/authenticationContext/update</c>.
    /// </summary>
    public IList<string> AdministratorRoles { get; } = [ConditionalAccessAdministrator, SecurityAdministrator];

    /// <summary>The largest request body (a Graph export to import) accepted, in bytes; default 4 MiB.</summary>
    public int MaxRequestBytes { get; set; } = 4 * 1024 * 1024;
}
