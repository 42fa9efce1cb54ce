using System.Globalization;
using System.Text;

namespace ProtectedActions.Challenges;

/// <summary>Writes the two challenge shapes from already validated parts.</summary>
internal static class ChallengeWriter
{
    /// <summary>Entra's claims-challenge error code.</summary>
    public const string InsufficientClaims = "insufficient_claims";
    /// <summary>RFC 9470's error code.</summary>
    public const string InsufficientUserAuthentication = "insufficient_user_authentication";

    /// <summary>The minified claims request for a context: <c>{"access_token":{"acrs":{"essential":true,"value":"c1"}}}</c>.</summary>
    public static string ClaimsJson(string contextId) =>
        "{\"access_token\":{\"acrs\":{\"essential\":true,\"value\":\"" + contextId + "\"}}}";

    /// <summary>
    /// <c>Bearer realm="…", authorization_uri="…", error="insufficient_claims", claims="&lt;base64&gt;"</c>;
    /// standard base64 with padding, as Entra sends it and MSAL reads it.
    /// </summary>
    public static string Entra(string realm, string authorizationUri, string claimsJson) =>
        Checked(new StringBuilder(160)
            .Append("Bearer ")
            .AppendQuotedParameter("realm", realm).Append(", ")
            .AppendQuotedParameter("authorization_uri", authorizationUri).Append(", ")
            .AppendQuotedParameter("error", InsufficientClaims).Append(", ")
            .AppendQuotedParameter("claims", Convert.ToBase64String(Encoding.UTF8.GetBytes(claimsJson)))
            .ToString());

    /// <summary>
    /// RFC 9470 §3: <c>Bearer error="insufficient_user_authentication", error_description="…"</c>, then
    /// <c>acr_values="…"</c> when given and <c>max_age="N"</c> when given, in the RFC's order and quoting.
    /// </summary>
    public static string Rfc9470(string errorDescription, string? acrValues, int? maxAgeSeconds)
    {
        var builder = new StringBuilder(128)
            .Append("Bearer ")
            .AppendQuotedParameter("error", InsufficientUserAuthentication).Append(", ")
            .AppendQuotedParameter("error_description", errorDescription);
        if (acrValues is not null)
        {
            builder.Append(", ").AppendQuotedParameter("acr_values", acrValues);
        }

        if (maxAgeSeconds is { } maxAge)
        {
            builder.Append(", ").AppendQuotedParameter("max_age", maxAge.ToString(CultureInfo.InvariantCulture));
        }

        return Checked(builder.ToString());
    }

    private static string Checked(string header) => HeaderText.IsSafeHeaderValue(header)
        ? header
        : throw new InvalidOperationException("A challenge contains a character that cannot appear in an HTTP header.");
}
