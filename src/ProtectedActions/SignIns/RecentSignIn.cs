using System.Net;
using System.Runtime.InteropServices;
using System.Security.Claims;

namespace ProtectedActions.SignIns;

/// <summary>
/// The last sign-in this thread mapped from an identity, handed out again while nothing it was mapped from has changed:
/// the identity's <see cref="ClaimsIdentity.Claims"/> is the same list holding the same <see cref="Claim"/> objects in
/// the same order (the mapping reads nothing else of the identity), with the same address object and claim needs. One
/// principal authorized several times — a SignalR connection's hub calls, a Blazor Server circuit's
/// <c>AuthorizeView</c>s, several protected actions in one request — is then mapped once; a new principal per request
/// costs one reference comparison.
/// </summary>
/// <remarks>
/// Why reusing is exact: the mapping reads nothing but the claims' <see cref="Claim.Type"/>, <see cref="Claim.Value"/>,
/// <see cref="Claim.ValueType"/> and <see cref="Claim.Issuer"/>, which a <see cref="Claim"/> fixes when it is created
/// (none of them is virtual: no derived claim can compute them), so the same objects read the same. The claims are
/// copied before they are read and the sign-in is mapped from that copy, so the copy is exactly what was mapped even
/// when another thread changes the identity meanwhile; the next call compares the identity's claims with the copy, one
/// reference each. The time of the request plays no part in the mapping (the evaluator compares <c>auth_time</c> with
/// its own clock on every call), and the sign-in is immutable. One entry per thread; identities of more than
/// <see cref="MaxClaims"/> claims are not remembered (memory per thread stays bounded). See
/// docs/decisions/request-path-performance.md §10.
/// </remarks>
internal sealed class RecentSignIn
{
    /// <summary>The most claims an identity may have to be remembered.</summary>
    internal const int MaxClaims = 256;

    [ThreadStatic]
    private static RecentSignIn? t_recent;

    private Claim[] _claims = new Claim[32];
    private int _count;
    private List<Claim>? _list;
    private IPAddress? _ipAddress;
    private ClaimNeeds _needs;
    private SignInContext? _signIn;

    /// <summary>
    /// The sign-in of <paramref name="identity"/> (which must be authenticated), as
    /// <see cref="SignInClaimReader.Read{TSource}(TSource, Func{TSource, IEnumerable{Claim}}, IPAddress?, ClaimNeeds)"/> maps it.
    /// </summary>
    public static SignInContext Read(ClaimsIdentity identity, IPAddress? ipAddress, ClaimNeeds needs)
    {
        IEnumerable<Claim> claims;
        try
        {
            claims = identity.Claims;
        }
#pragma warning disable CA1031 // An identity whose claims cannot be read maps as the reader maps it (no claim is read).
        catch (Exception)
#pragma warning restore CA1031
        {
            return SignInClaimReader.Read(identity, static i => i.Claims, ipAddress, needs);
        }

        if (claims is not List<Claim> list)
        {
            return SignInClaimReader.Read(claims, static c => c, ipAddress, needs);
        }

        // No code of the caller's runs while the entry is compared or filled (claims are read through fields only),
        // and the entry names its identity only once it is complete.
        var recent = t_recent ??= new RecentSignIn();
        return recent.Matches(list, ipAddress, needs) ? recent._signIn! : recent.Map(list, ipAddress, needs);
    }

    private bool Matches(List<Claim> list, IPAddress? ipAddress, ClaimNeeds needs)
    {
        if (!ReferenceEquals(list, _list) || !ReferenceEquals(ipAddress, _ipAddress) || needs != _needs)
        {
            return false;
        }

        // The list's current entries (a span never throws, even while another thread changes the list).
        var current = CollectionsMarshal.AsSpan(list);
        if (current.Length != _count)
        {
            return false;
        }

        var remembered = _claims;
        for (var i = 0; i < current.Length; i++)
        {
            if (!ReferenceEquals(current[i], remembered[i]))
            {
                return false;
            }
        }

        return true;
    }

    private SignInContext Map(List<Claim> list, IPAddress? ipAddress, ClaimNeeds needs)
    {
        // The entry names no list while it is rewritten, and the previous identity's claims are let go. Neither is observable:
        // the reader catches everything, so nothing can stop between the copy and the store below.
        // Stryker disable once Statement : lets the previous identity's claims go (memory only)
        Array.Clear(_claims, 0, _count);
        // Stryker disable once Statement : the store below replaces every field; nothing can fail between here and there
        (_list, _count, _ipAddress, _signIn) = (null, 0, null, null);
        var current = CollectionsMarshal.AsSpan(list);
        var count = current.Length;
        if (count > MaxClaims)
        {
            return SignInClaimReader.Read<IEnumerable<Claim>>(list, static c => c, ipAddress, needs);
        }

        // Stryker disable once Equality : reallocating a buffer that already fits only costs time
        if (_claims.Length < count)
        {
            // Stryker disable once Linq,Arithmetic : the buffer's growth only decides how often it is reallocated; any size from count to MaxClaims holds the copy
            _claims = new Claim[Math.Min(MaxClaims, Math.Max(count, _claims.Length * 2))];
        }

        current.CopyTo(_claims);
        var signIn = SignInClaimReader.Read(_claims, count, ipAddress, needs);
        (_list, _count, _ipAddress, _needs, _signIn) = (list, count, ipAddress, needs, signIn);
        return signIn;
    }
}
