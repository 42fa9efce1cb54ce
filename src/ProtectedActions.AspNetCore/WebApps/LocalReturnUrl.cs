using Microsoft.AspNetCore.Http;

namespace ProtectedActions.AspNetCore;

/// <summary>
/// The return-URL rules of the web-app step-up (docs/decisions/web-app-step-up.md): a return URL is always a
/// local URL, so that no step-up can send a user to another site (no open redirect).
/// </summary>
internal static class LocalReturnUrl
{
    /// <summary>The longest return URL accepted.</summary>
    public const int MaxLength = 2048;

    /// <summary>
    /// Whether <paramref name="url"/> is local: starts with one <c>/</c> not followed by <c>/</c> or <c>\</c>, at
    /// most <see cref="MaxLength"/> characters, printable ASCII without spaces or backslashes (paths and queries
    /// are percent-encoded). Rejects <c>//host</c>, <c>/\host</c>, absolute and scheme-relative URLs, control
    /// characters (a browser drops tabs and newlines, turning <c>/\t/host</c> into <c>//host</c>) and
    /// non-ASCII look-alikes.
    /// </summary>
    public static bool IsLocal(string? url)
    {
        if (string.IsNullOrEmpty(url) || url.Length > MaxLength || url[0] != '/')
        {
            return false;
        }

        foreach (var c in url)
        {
            if (c is <= ' ' or >= '\u007f' or '\\')
            {
                return false;
            }
        }

        return url.Length == 1 || url[1] != '/';
    }

    /// <summary>
    /// The page to come back to after a step-up the current request triggered: a GET (or HEAD) request's own
    /// URL; for any other method (a form POST) the same-origin <c>Referer</c>'s path and query; otherwise the
    /// fallback. The result is always local.
    /// </summary>
    public static string ForRequest(HttpContext context, string fallback)
    {
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        {
            var own = request.PathBase.ToUriComponent() + request.Path.ToUriComponent() + request.QueryString.ToUriComponent();
            return IsLocal(own) ? own : fallback;
        }

        return FromReferer(request, fallback);
    }

    /// <summary>The same-origin <c>Referer</c>'s path and query when local; otherwise the fallback.</summary>
    public static string FromReferer(HttpRequest request, string fallback)
    {
        var referer = request.Headers.Referer;
        if (referer.Count != 1 || referer[0] is not { Length: > 0 and <= MaxLength } text
            || !Uri.TryCreate(text, UriKind.Absolute, out var uri) || !SameOrigin(request, uri))
        {
            return fallback;
        }

        var local = uri.PathAndQuery;
        return IsLocal(local) ? local : fallback;
    }

    private static bool SameOrigin(HttpRequest request, Uri uri)
    {
        if (!string.Equals(uri.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase) || !request.Host.HasValue
            || !string.IsNullOrEmpty(uri.UserInfo))
        {
            return false;
        }

        var host = request.Host;
        var port = host.Port ?? (string.Equals(request.Scheme, "https", StringComparison.OrdinalIgnoreCase) ? 443 : 80);
        return string.Equals(uri.IdnHost, host.Host, StringComparison.OrdinalIgnoreCase) && uri.Port == port;
    }
}
