using System.IdentityModel.Tokens.Jwt;
using System.Net;
using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using ProtectedActions.SignIns;

// The authorization handler maps only the facts the permission's context reads (ClaimNeeds, an internal seam).
[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("ProtectedActions.AspNetCore")]

namespace ProtectedActions;

/// <summary>
/// Builds a <see cref="SignInContext"/> from a token <b>the host has already validated</b> (signature,
/// issuer, audience, lifetime), for example the <see cref="ClaimsPrincipal"/> that JwtBearer authentication
/// produces. The library never accepts an unvalidated token as proof of anything: passing one here makes
/// every decision worthless, because whoever wrote the token chose its claims.
/// </summary>
/// <remarks>
/// <para>
/// Reads, in short or long (inbound-mapped) form: <c>oid</c> (else <c>sub</c>), <c>tid</c>, <c>iss</c>,
/// <c>groups</c>, <c>wids</c>, <c>amr</c>, <c>auth_time</c>, <c>acrs</c>, <c>acr</c>, <c>xms_cc</c>,
/// <c>deviceid</c>, <c>idtyp</c>, and the guest markers <c>acct</c> and <c>idp</c>. Multi-valued claims may
/// come as JSON arrays or as repeated claims.
/// </para>
/// <para>
/// Malformed content never throws and never helps the caller: a claim that is not of the expected type, is
/// empty, has conflicting values, has more than 1000 entries or a value longer than 2048 characters, or an
/// <c>auth_time</c> that is not a number of seconds between 2000-01-01 and 9999-12-31 is treated as
/// <em>absent</em> (<see langword="null"/>: unknown, so conditions and controls that need it fail closed),
/// and <see cref="SignInContext.Notes"/> says which claim and what was wrong, never its value. Whether
/// <c>auth_time</c> lies in the future, and whether <c>acrs</c> is trusted, is decided by the evaluator.
/// </para>
/// <para>Only <see cref="ArgumentNullException"/> is thrown, for a null argument.</para>
/// </remarks>
public static class SignInMapper
{
    /// <summary>
    /// Maps the claims of the <b>authenticated</b> identities of a principal (with or without inbound claim
    /// mapping). Identities that are not authenticated (<see cref="ClaimsIdentity.IsAuthenticated"/> false, for
    /// example one added by a claims transformation) never contribute a claim. When several identities are
    /// authenticated their claims are read together (a single-valued claim with conflicting values becomes
    /// absent); a host with several authentication schemes should pick the identity that carries the validated
    /// token and use <see cref="FromClaimsIdentity"/>, as the ASP.NET Core integration does.
    /// </summary>
    /// <param name="principal">The authenticated principal, for example <c>HttpContext.User</c> after JwtBearer.</param>
    /// <param name="ipAddress">The caller's IP address, when known.</param>
    /// <exception cref="ArgumentNullException"><paramref name="principal"/> is null.</exception>
    public static SignInContext FromClaimsPrincipal(ClaimsPrincipal principal, IPAddress? ipAddress = null)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return SignInClaimReader.ReadAuthenticated(principal, ipAddress);
    }

    /// <summary>
    /// Maps the claims of exactly one identity: the one that carries the token the host validated (for JwtBearer,
    /// the identity the scheme produced). Facts are never merged with other identities. An identity that is not
    /// authenticated maps to a sign-in with no claims at all (only <paramref name="ipAddress"/>), which no policy
    /// that needs anything can allow; <see cref="SignInContext.Notes"/> says so.
    /// </summary>
    /// <param name="identity">The authenticated identity.</param>
    /// <param name="ipAddress">The caller's IP address, when known.</param>
    /// <exception cref="ArgumentNullException"><paramref name="identity"/> is null.</exception>
    public static SignInContext FromClaimsIdentity(ClaimsIdentity identity, IPAddress? ipAddress = null) =>
        FromClaimsIdentityReading(identity, ipAddress, ClaimNeeds.All);

    /// <summary>
    /// <see cref="FromClaimsIdentity(ClaimsIdentity, IPAddress?)"/>, leaving unset (unknown) the optional facts
    /// <paramref name="needs"/> does not ask for. Every claim is checked as by a full mapping: the notes are the same.
    /// </summary>
    internal static SignInContext FromClaimsIdentityReading(ClaimsIdentity identity, IPAddress? ipAddress, ClaimNeeds needs)
    {
        ArgumentNullException.ThrowIfNull(identity);
        if (!identity.IsAuthenticated)
        {
            return new SignInContext
            {
                IpAddress = ipAddress,
                Notes = ["identity: not authenticated; no claim is read"],
            };
        }

        return SignInClaimReader.Read(identity, static i => i.Claims, ipAddress, needs);
    }

    /// <summary>Maps a <see cref="JsonWebToken"/> the host validated (for example <c>TokenValidationResult.SecurityToken</c>).</summary>
    /// <param name="token">The validated token.</param>
    /// <param name="ipAddress">The caller's IP address, when known.</param>
    /// <exception cref="ArgumentNullException"><paramref name="token"/> is null.</exception>
    public static SignInContext FromJsonWebToken(JsonWebToken token, IPAddress? ipAddress = null)
    {
        ArgumentNullException.ThrowIfNull(token);
        return SignInClaimReader.Read(token, static t => t.Claims, ipAddress);
    }

    /// <summary>Maps a <see cref="JwtSecurityToken"/> the host validated.</summary>
    /// <param name="token">The validated token.</param>
    /// <param name="ipAddress">The caller's IP address, when known.</param>
    /// <exception cref="ArgumentNullException"><paramref name="token"/> is null.</exception>
    public static SignInContext FromJwtSecurityToken(JwtSecurityToken token, IPAddress? ipAddress = null)
    {
        ArgumentNullException.ThrowIfNull(token);
        return SignInClaimReader.Read(token, static t => t.Claims, ipAddress);
    }
}
