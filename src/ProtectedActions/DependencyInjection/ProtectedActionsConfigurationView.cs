using ProtectedActions.Compilation;

namespace ProtectedActions;

/// <summary>
/// A read-only view of one compiled, valid configuration: the active one
/// (<see cref="IProtectedActionsConfigurationStatus.Active"/>) or one a reload proposes (passed to
/// <see cref="IProtectedActionsConfigurationCheck"/>). Host integrations read settings from it rather than from
/// the raw options, so that a refused reload changes nothing observable.
/// </summary>
public sealed class ProtectedActionsConfigurationView
{
    private readonly ProtectedActionsSnapshot _snapshot;
    private readonly string[] _trustedIssuers;

    internal ProtectedActionsConfigurationView(ProtectedActionsSnapshot snapshot)
    {
        _snapshot = snapshot;
        _trustedIssuers = snapshot.TrustedIssuers is { } issuers ? [.. issuers] : [];
    }

    /// <summary>The configuration's version (increases with every compiled configuration).</summary>
    public long Version => _snapshot.Version;

    /// <summary>The configuration path prefix used in issue paths, for example <c>ProtectedActions</c>.</summary>
    public string RootPath => _snapshot.RootPath;

    /// <summary><c>settings.trustedIssuers</c>: the issuers whose <c>acrs</c> claim is trusted (empty: none listed).</summary>
    public IReadOnlyList<string> TrustedIssuers => _trustedIssuers;

    /// <summary><c>settings.includeDevelopmentDetails</c>: whether the HTTP layer may name failed policies.</summary>
    public bool IncludeDevelopmentDetails => _snapshot.IncludeDevelopmentDetails;

    /// <summary>
    /// The authentication context that protects <paramref name="permission"/> (exact or through a <c>/*</c>
    /// pattern, case-insensitive, the same lookup the evaluator uses), or <see langword="null"/> when none does.
    /// </summary>
    /// <param name="permission">The permission.</param>
    /// <exception cref="ArgumentNullException"><paramref name="permission"/> is null.</exception>
    public string? FindAuthenticationContext(string permission)
    {
        ArgumentNullException.ThrowIfNull(permission);
        return _snapshot.Find(permission)?.Context.Id;
    }

    /// <summary>Whether <c>settings.unprotectedPermissions</c> lists <paramref name="permission"/> (case-insensitive).</summary>
    /// <param name="permission">The permission.</param>
    /// <exception cref="ArgumentNullException"><paramref name="permission"/> is null.</exception>
    public bool IsIntentionallyUnprotected(string permission)
    {
        ArgumentNullException.ThrowIfNull(permission);
        return _snapshot.UnprotectedPermissions.Contains(permission);
    }

    /// <summary>Whether <paramref name="issuer"/> is listed in <c>settings.trustedIssuers</c> or has a profile in <c>settings.issuers</c> (exact, ordinal, as the evaluator compares).</summary>
    /// <param name="issuer">The issuer (<c>iss</c>).</param>
    public bool IsTrustedIssuer(string? issuer) =>
        issuer is not null && ((_snapshot.TrustedIssuers is { } issuers && issuers.Contains(issuer)) || _snapshot.Issuers.Find(issuer) is not null);
}
