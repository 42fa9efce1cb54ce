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
        // Parsed by hand rather than with Uri: this runs for every request's sign-in, and Uri parsing allocates.
        // Anything unusual (a port, user info, another scheme, a non-GUID first segment) is simply "not Entra".
        tenant = Guid.Empty;
        const string Scheme = "https://";
        if (value is null || value.Length > 512 || !value.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var rest = value.AsSpan(Scheme.Length);
        var slash = rest.IndexOf('/');
        if (slash is -1)
        {
            return false;
        }

        var host = rest[..slash];
        if (host.ContainsAny(':', '@') || !IsEntraHost(host))
        {
            return false;
        }

        var path = rest[(slash + 1)..];
        var end = path.IndexOfAny('/', '?', '#');
        var first = end is -1 ? path : path[..end];
        return Guid.TryParseExact(first, "D", out tenant);
    }

    private static bool IsEntraHost(ReadOnlySpan<char> host)
    {
        foreach (var h in Hosts)
        {
            if (host.Equals(h, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
