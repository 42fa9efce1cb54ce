namespace ProtectedActions.SignIns;

/// <summary>Recognises Microsoft Entra issuer URIs (v1 and v2, public and national clouds) and their tenant.</summary>
internal static class EntraIssuer
{
    private static readonly string[] Hosts =
    [
        "login.microsoftonline.com", "sts.windows.net", "login.windows.net",
        "login.microsoftonline.us", "login.chinacloudapi.cn", "sts.chinacloudapi.cn",
        "login.partner.microsoftonline.cn", "login.microsoftonline.de",
    ];

    /// <summary>
    /// Whether <paramref name="value"/> is an https Entra issuer whose first path segment is a tenant GUID
    /// (<c>https://sts.windows.net/{tid}/</c>, <c>https://login.microsoftonline.com/{tid}/v2.0</c>).
    /// </summary>
    public static bool TryGetTenant(string? value, out Guid tenant)
    {
        tenant = Guid.Empty;
        if (value is null || value.Length > 512 || !Uri.TryCreate(value, UriKind.Absolute, out var uri)
            || uri.Scheme != Uri.UriSchemeHttps || !uri.IsDefaultPort || uri.UserInfo.Length != 0)
        {
            return false;
        }

        if (Array.IndexOf(Hosts, uri.IdnHost.ToLowerInvariant()) < 0)
        {
            return false;
        }

        var path = uri.AbsolutePath.AsSpan().TrimStart('/');
        var slash = path.IndexOf('/');
        var first = slash < 0 ? path : path[..slash];
        return Guid.TryParseExact(first, "D", out tenant);
    }
}
