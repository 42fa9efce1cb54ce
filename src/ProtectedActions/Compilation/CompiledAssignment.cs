namespace ProtectedActions.Compilation;

/// <summary>
/// A permission (or <c>/*</c> subtree) and its context, with a small cache of the decisions already made for
/// it: a decision is a pure function of the per-policy result codes, so equal sign-ins share one instance and
/// the hot path allocates nothing once warm.
/// </summary>
internal sealed class CompiledAssignment(string permission, bool isPattern, CompiledContext context)
{
    private const int CacheSlots = 64;
    private readonly CachedDecision?[] _cache = new CachedDecision?[CacheSlots];
    private ProtectedActionDecision? _tokenDecision;

    /// <summary>The permission as configured; for a pattern, the prefix including the trailing slash.</summary>
    public string Permission { get; } = permission;
    public bool IsPattern { get; } = isPattern;
    public CompiledContext Context { get; } = context;

    public ProtectedActionDecision TokenDecision =>
        _tokenDecision ??= ProtectedActionDecision.ByToken(Permission, Context.Id, []);

    /// <summary>The cached decision for these codes, client capability and issuer profile (its challenge follows the caller's issuer).</summary>
    public ProtectedActionDecision? Find(ReadOnlySpan<ulong> codes, bool clientCapable, int issuerProfile, int hash)
    {
        var entry = Volatile.Read(ref _cache[(hash ^ issuerProfile) & (CacheSlots - 1)]);
        return entry is not null && entry.ClientCapable == clientCapable && entry.IssuerProfile == issuerProfile && codes.SequenceEqual(entry.Codes) ? entry.Decision : null;
    }

    public void Store(ReadOnlySpan<ulong> codes, bool clientCapable, int issuerProfile, int hash, ProtectedActionDecision decision) =>
        Volatile.Write(ref _cache[(hash ^ issuerProfile) & (CacheSlots - 1)], new CachedDecision(codes.ToArray(), clientCapable, issuerProfile, decision));

    private sealed record CachedDecision(ulong[] Codes, bool ClientCapable, int IssuerProfile, ProtectedActionDecision Decision);
}
