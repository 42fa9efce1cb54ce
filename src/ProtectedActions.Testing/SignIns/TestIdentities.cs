namespace ProtectedActions.Testing;

/// <summary>
/// The identities the builders use unless told otherwise, so a sign-in built with <see cref="SignInBuilder"/>
/// and a token built with <see cref="EntraTokenBuilder"/> describe the same user by default.
/// </summary>
public static class TestIdentities
{
    /// <summary>The default tenant id (<c>tid</c>).</summary>
    public const string TenantId = "a3f1c6d2-4b7e-4c1a-9e2f-0d5b8c7a6e41";

    /// <summary>The default user object id (<c>oid</c>).</summary>
    public const string UserId = "5c0e8b1f-2d3a-4e6b-8f7c-9a1b2c3d4e5f";

    /// <summary>The default issuer: the Entra v2 issuer of <see cref="TenantId"/>.</summary>
    public const string Issuer = "https://login.microsoftonline.com/" + TenantId + "/v2.0";

    /// <summary>The default audience of tokens built by <see cref="EntraTokenBuilder"/>.</summary>
    public const string Audience = "api://protected-actions-tests";

    /// <summary>The Entra v2 issuer URI of <paramref name="tenantId"/>: <c>https://login.microsoftonline.com/{tenantId}/v2.0</c>.</summary>
    /// <param name="tenantId">The tenant id.</param>
    public static string IssuerFor(string tenantId)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        return "https://login.microsoftonline.com/" + tenantId + "/v2.0";
    }
}
