using System.Collections.Frozen;

namespace ProtectedActions.Evaluation;

/// <summary>
/// Whether a sign-in's <c>acrs</c> claim is trusted: acrs means something only from the tenant
/// that defined the contexts, so it counts only from configured issuers, from the v1/v2 Entra issuer of a
/// configured tenant whose <c>tid</c> matches, or, by explicit opt-in, from any issuer the host validated.
/// Looking a sign-in up allocates nothing.
/// </summary>
internal sealed class AcrsTrust
{
    private readonly bool _enabled;
    private readonly bool _anyIssuer;
    private readonly FrozenSet<string> _issuers;
    private readonly FrozenDictionary<string, Guid> _tenantIssuers;

    private AcrsTrust(bool enabled, bool anyIssuer, FrozenSet<string> issuers, FrozenDictionary<string, Guid> tenantIssuers)
    {
        _enabled = enabled;
        _anyIssuer = anyIssuer;
        _issuers = issuers;
        _tenantIssuers = tenantIssuers;
    }

    /// <summary>Trusts nothing.</summary>
    // Stryker disable once Boolean : None lists no issuer, so it trusts nothing even when enabled, and anyIssuer is read only when enabled
    public static AcrsTrust None { get; } = new(false, false, FrozenSet<string>.Empty, FrozenDictionary<string, Guid>.Empty);

    /// <summary>Builds the rule from validated settings (invalid tenant ids and blank issuers are skipped; validation reports them).</summary>
    public static AcrsTrust Create(ProtectedActionsSettings s)
    {
        // trustedIssuers is shorthand for entra profiles: both lists name issuers whose acrs counts.
        var entraProfiles = (s.Issuers ?? []).Where(p => p is not null && SignIns.IssuerProfilePreset.Find(p.Profile) is { ReadsAcrs: true })
            .Select(p => p.Issuer);
        var issuers = (s.TrustedIssuers ?? []).Concat(entraProfiles).Where(x => !string.IsNullOrWhiteSpace(x)).Select(x => x!)
            .ToFrozenSet(StringComparer.Ordinal);
        var tenants = new Dictionary<string, Guid>(StringComparer.OrdinalIgnoreCase);
        foreach (var raw in s.TrustedTenantIds ?? [])
        {
            // Stryker disable once Logical : || differs only for the zero GUID, which validation rejects (PA1081), so no snapshot is built with this rule
            if (Guid.TryParse(raw, out var tid) && tid != Guid.Empty)
            {
                tenants[V1Issuer(tid)] = tid;
                tenants[V2Issuer(tid)] = tid;
            }
        }

        // Any issuer profile names the issuers the host means to trust: acrs from others is then never "any issuer".
        var listed = issuers.Count > 0 || tenants.Count > 0 || (s.Issuers?.Count ?? 0) > 0;
        return new AcrsTrust(
            s.TrustAcrsClaim,
            s.TrustAcrsFromAnyValidatedIssuer && !listed,
            issuers,
            tenants.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>The v1 Entra issuer of a tenant.</summary>
    public static string V1Issuer(Guid tenant) => $"https://sts.windows.net/{tenant}/";

    /// <summary>The v2 Entra issuer of a tenant.</summary>
    public static string V2Issuer(Guid tenant) => $"https://login.microsoftonline.com/{tenant}/v2.0";

    /// <summary>Whether <paramref name="signIn"/>'s <c>acrs</c> may satisfy a context, and an identity provider step-up can prove what this API cannot.</summary>
    public bool Trusts(SignInContext signIn)
    {
        if (!_enabled)
        {
            return false;
        }

        if (_anyIssuer)
        {
            return true;
        }

        var issuer = signIn.Issuer;
        if (issuer is null)
        {
            return false;
        }

        if (_issuers.Contains(issuer))
        {
            return true;
        }

        return _tenantIssuers.TryGetValue(issuer, out var tenant)
            && Guid.TryParse(signIn.TenantId, out var tid) && tid == tenant;
    }
}
