using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ProtectedActions.AspNetCore;

/// <summary>
/// The no-loop rule: remembers, per subject (issuer + user id) and context, when a step-up was last asked for, in
/// the host's <see cref="IDistributedCache"/> when it registered one (all instances agree), else in a bounded
/// in-memory map. A step-up decision for a subject that comes back within the window with a token authenticated
/// after that challenge (auth_time, else iat), or with a token issued after it (iat) whose auth_time did not move (a
/// provider that ignores max_age), becomes a denial with <see cref="DecisionCauses.StepUpUnsatisfiable"/>,
/// whose reason names the mismatch. A caller never challenged, or one presenting the same (or an older) sign-in,
/// gets the normal challenge. Failures of the store only ever mean "no memory": the normal challenge, never an allow.
/// </summary>
internal sealed partial class StepUpLoopGuard
{
    private const string KeyPrefix = "protected-actions:step-up:";
    private readonly StepUpLoopOptions _options;
    private readonly TimeProvider _time;
    private readonly IDistributedCache? _cache;
    private readonly IProtectedActionsConfigurationStatus? _status;
    private readonly ILogger<StepUpLoopGuard> _logger;
    // In-process memory, keyed by the subject itself: hashing (the distributed key) is paid only for an external
    // store, never on the hot path. _remembered counts the entries so that the allowed path's ForgetAsync costs one
    // volatile read while nothing is remembered (ConcurrentDictionary.IsEmpty takes every lock when it is empty).
    private readonly ConcurrentDictionary<MemoryKey, Slot> _memory = new();
    private int _remembered;

    public StepUpLoopGuard(IOptions<StepUpLoopOptions> options, IServiceProvider services, ILogger<StepUpLoopGuard> logger)
    {
        _options = options.Value;
        _time = services.GetService<TimeProvider>() ?? TimeProvider.System;
        _cache = services.GetService<IDistributedCache>();
        _status = services.GetService<IProtectedActionsConfigurationStatus>();
        _logger = logger;
    }

    /// <summary>A remembered challenge: when it was sent, and the authentication time and issue time of the token it answered.</summary>
    private sealed record Entry(DateTimeOffset ChallengedAt, DateTimeOffset? ChallengedAuthentication, DateTimeOffset? ChallengedIssuedAt);

    /// <summary>
    /// Who (issuer, subject, tenant) was challenged for which context, compared ordinally (the in-process key; never leaves the process). The
    /// hash leaves out the issuer (long, and the same for nearly every caller); equality compares all three.
    /// </summary>
    private readonly record struct MemoryKey(string Issuer, string Subject, string ContextId, string? Tenant)
    {
        public bool Equals(MemoryKey other) =>
            string.Equals(Subject, other.Subject, StringComparison.Ordinal) && string.Equals(ContextId, other.ContextId, StringComparison.Ordinal)
            && string.Equals(Issuer, other.Issuer, StringComparison.Ordinal) && string.Equals(Tenant, other.Tenant, StringComparison.Ordinal);

        public override int GetHashCode() => HashCode.Combine(StringComparer.Ordinal.GetHashCode(Subject), StringComparer.Ordinal.GetHashCode(ContextId));
    }

    /// <summary>
    /// The remembered challenge of one key, replaced as a whole (readers never see half an update). A challenge
    /// repeated for the same key updates its slot in place: one lookup, no new dictionary node.
    /// </summary>
    private sealed class Slot(Entry entry)
    {
        private Entry _current = entry;
        private volatile bool _detached;

        public Entry Current
        {
            get => Volatile.Read(ref _current);
            set => Volatile.Write(ref _current, value);
        }

        /// <summary>Whether the slot left the map (forgotten, expired): a thread's <see cref="LastLookup"/> then looks its key up again.</summary>
        public bool IsDetached => _detached;

        public void Detach() => _detached = true;
    }

    /// <summary>
    /// The slot this thread last found or wrote, by the sign-in and context it was for. A key is a function of the
    /// (immutable) sign-in and the context, so the same sign-in object challenged again for the same context (a
    /// principal authorized again: a SignalR connection, a Blazor Server circuit, see
    /// docs/decisions/request-path-performance.md §10 and §13) has the same key: its slot is used without hashing the
    /// subject again, as long as the slot is still in the map.
    /// </summary>
    private sealed class LastLookup(StepUpLoopGuard guard, SignInContext signIn, string contextId, Slot slot)
    {
        public bool IsFor(StepUpLoopGuard g, SignInContext s, string c) =>
            ReferenceEquals(guard, g) && ReferenceEquals(signIn, s) && ReferenceEquals(contextId, c) && !slot.IsDetached;

        public Slot Slot => slot;
    }

    [ThreadStatic]
    private static LastLookup? t_last;

    /// <summary>Applies the rule to a decision already made for <paramref name="signIn"/>.</summary>
    /// <remarks>
    /// Without an <see cref="IDistributedCache"/> the memory is this process's map and nothing here waits: the answer is
    /// returned synchronously, and the slot found by the read is the one the write updates (one lookup, not two).
    /// </remarks>
    public ValueTask<ProtectedActionDecision> ApplyAsync(ProtectedActionDecision decision, SignInContext signIn, ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        if (decision.Outcome != ProtectedActionOutcome.StepUpRequired || !decision.ClientCapable || decision.Challenge is null
            || decision.AuthenticationContextId is not { } contextId || signIn.UserId is not { } subject)
        {
            return new(decision);
        }

        var key = new MemoryKey(signIn.Issuer ?? "", subject, contextId, signIn.TenantId);
        var now = _time.GetUtcNow();
        var issued = IssuedAt(user);
        var authenticated = signIn.AuthenticationTime ?? issued;
        if (_cache is not null)
        {
            return ApplyWithStoreAsync(decision, signIn, key, now, issued, authenticated, cancellationToken);
        }

        var last = t_last;
        // Stryker disable once Conditional : the thread's last slot is only a cache; without it the map gives the same slot (StepUpLoopGuardMemoryTests pin that a stale one is never used)
        var slot = last is not null && last.IsFor(this, signIn, contextId) ? last.Slot
            : _memory.TryGetValue(key, out var found) ? found : null;
        if (Unsatisfiable(decision, signIn, slot?.Current, now, issued, authenticated) is { } denied)
        {
            return new(denied);
        }

        var entry = new Entry(now, authenticated, issued);
        if (slot is not null)
        {
            // A slot removed (forgotten, expired) just as it is updated loses the update: the next answer gets an
            // ordinary challenge, never an allow (as in Remember).
            slot.Current = entry;
        }
        else
        {
            slot = WriteToMemory(key, entry);
        }

        // Stryker disable once Logical,Equality,Negate,Boolean,Block : when the thread's last slot is refreshed only decides how often the cache helps; every use checks that it is for this guard, sign-in and context and still in the map
        if (slot is not null && !ReferenceEquals(last?.Slot, slot))
        {
            t_last = new LastLookup(this, signIn, contextId, slot);
        }

        return new(decision);
    }

    private async ValueTask<ProtectedActionDecision> ApplyWithStoreAsync(ProtectedActionDecision decision, SignInContext signIn, MemoryKey key,
        DateTimeOffset now, DateTimeOffset? issued, DateTimeOffset? authenticated, CancellationToken cancellationToken)
    {
        // Stryker disable once Boolean : ConfigureAwait(true) instead of (false) only changes which thread continues; no decision or answer depends on it.
        var remembered = await ReadFromStoreAsync(key, cancellationToken).ConfigureAwait(false);
        if (Unsatisfiable(decision, signIn, remembered, now, issued, authenticated) is { } denied)
        {
            return denied;
        }

        // Stryker disable once Boolean : ConfigureAwait(true) instead of (false) only changes which thread continues; no decision or answer depends on it.
        await WriteToStoreAsync(key, new Entry(now, authenticated, issued), cancellationToken).ConfigureAwait(false);
        return decision;
    }

    /// <summary>
    /// The denial for a caller who answered the remembered challenge (within the window, with a sign-in or token newer than
    /// the challenged one) and still needs a step-up; <see langword="null"/> when the ordinary challenge stands.
    /// </summary>
    private ProtectedActionDecision? Unsatisfiable(ProtectedActionDecision decision, SignInContext signIn, Entry? remembered, DateTimeOffset now,
        DateTimeOffset? issued, DateTimeOffset? authenticated)
    {
        if (remembered is not { } entry || now - entry.ChallengedAt >= _options.Window || now < entry.ChallengedAt
            || !(IsAfter(authenticated, entry.ChallengedAuthentication, entry) || IsAfter(issued, entry.ChallengedIssuedAt, entry)))
        {
            return null;
        }

        var contextId = decision.AuthenticationContextId!;
        var mismatch = Mismatch(decision, signIn, entry);
        LogUnsatisfiable(_logger, decision.Permission, contextId, FailingPolicies(decision), DescribeIssuer(signIn.Issuer));
        return ProtectedActionDecision.Create(ProtectedActionOutcome.Denied, decision.Permission, contextId, policies: decision.Policies,
            clientCapable: decision.ClientCapable, reasons: [mismatch, .. decision.Reasons],
            causes: (decision.Causes & ~DecisionCauses.ClientNotCapable) | DecisionCauses.StepUpUnsatisfiable);
    }

    /// <summary>
    /// Forgets the challenge remembered for <paramref name="signIn"/>'s subject and the context of an allowed
    /// <paramref name="decision"/>: the step-up worked, so a later, weaker sign-in of the same user (a new session
    /// within the window) is an ordinary caller again and gets the normal challenge, not a 403. Costs nothing while
    /// this instance remembers no challenge. Known limit with a distributed cache: only the instance that sent the
    /// challenge knows to forget it (others leave the entry to expire), see docs/decisions/issuer-profiles.md.
    /// </summary>
    public ValueTask ForgetAsync(ProtectedActionDecision decision, SignInContext signIn, CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _remembered) == 0 || !decision.IsAllowed || decision.AuthenticationContextId is not { } contextId
            || signIn.UserId is not { } subject)
        {
            return default;
        }

        var key = new MemoryKey(signIn.Issuer ?? "", subject, contextId, signIn.TenantId);
        return !Remove(key) || _cache is null ? default : RemoveFromStoreAsync(key, cancellationToken);
    }

    private async ValueTask RemoveFromStoreAsync(MemoryKey key, CancellationToken cancellationToken)
    {
        try
        {
            // Stryker disable once Boolean : ConfigureAwait(true) instead of (false) only changes which thread continues; no decision or answer depends on it.
            await _cache!.RemoveAsync(DistributedKey(key), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogStoreFailed(_logger, ex.GetType().Name);
        }
    }

    /// <summary>
    /// Whether <paramref name="instant"/> (an authentication or issue time of the returning token) is newer than the
    /// challenged token's and no earlier than the challenge (within the clock skew): the token answers the challenge.
    /// The same token presented again, or an older one, never does.
    /// </summary>
    private bool IsAfter(DateTimeOffset? instant, DateTimeOffset? challenged, Entry entry) =>
        instant is { } at && (challenged is not { } before || at > before) && at >= entry.ChallengedAt - _options.ClockSkew;

    /// <summary>What the provider returned against what was asked, in words (the caller's own token; never logged).</summary>
    private static string Mismatch(ProtectedActionDecision decision, SignInContext signIn, Entry entry)
    {
        var challenge = decision.Challenge!;
        var parts = new List<string>(2);
        if (challenge.AcrValues is { } asked)
        {
            parts.Add(signIn.Acr is { } acr
                ? $"the provider issued acr={Printable(acr)} for a request for {asked}"
                : $"the provider issued no acr for a request for {asked}");
        }
        else if (challenge.Claims is not null)
        {
            parts.Add($"the provider's token does not list authentication context {decision.AuthenticationContextId} in acrs after a claims challenge for it");
        }

        if (decision.MaxAgeSeconds is { } maxAge && signIn.AuthenticationTime is { } authTime)
        {
            var age = (long)Math.Max(0, (entry.ChallengedAt - authTime).TotalSeconds);
            if (age > maxAge)
            {
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"the provider returned a sign-in {age} seconds old at the time of the request for max_age={maxAge}"));
            }
        }

        if (parts.Count == 0)
        {
            parts.Add($"the new sign-in still does not meet the requirements of authentication context {decision.AuthenticationContextId}");
        }

        return "step-up-unsatisfiable: the caller stepped up after being asked, but " + string.Join("; and ", parts)
            + ". Another challenge would not help; check the identity provider's configuration for this context.";
    }

    private string DescribeIssuer(string? issuer) =>
        issuer is not null && _status?.Active.IsTrustedIssuer(issuer) == true ? issuer : "(an issuer without a profile)";

    private static string FailingPolicies(ProtectedActionDecision decision) =>
        string.Join(",", decision.Policies.Where(p => p.Applies && p.State == PolicyState.Enabled && p.Satisfied == false).Select(p => p.Id));

    private static DateTimeOffset? IssuedAt(ClaimsPrincipal user)
    {
        foreach (var identity in user.Identities)
        {
            if (!identity.IsAuthenticated)
            {
                continue;
            }

            if (FindIssuedAt(identity) is { Value: { Length: > 0 and <= 32 } text }
                && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
                && seconds is >= 946_684_800 and <= 253_402_300_799)
            {
                return DateTimeOffset.FromUnixTimeSeconds(seconds);
            }
        }

        return null;
    }

    /// <summary>The first <c>iat</c> claim, exactly as <see cref="ClaimsIdentity.FindFirst(string)"/> finds it (type ignoring case), by index when the claims are a list.</summary>
    private static Claim? FindIssuedAt(ClaimsIdentity identity)
    {
        // Only a plain ClaimsIdentity is read by hand: a derived one (JwtBearer's CaseSensitiveClaimsIdentity) has its own FindFirst.
        if (identity.GetType() != typeof(ClaimsIdentity) || identity.Claims is not List<Claim> claims)
        {
            return identity.FindFirst("iat");
        }

        for (var i = 0; i < claims.Count; i++)
        {
            if (claims[i] is { Type.Length: 3 } claim && string.Equals(claim.Type, "iat", StringComparison.OrdinalIgnoreCase))
            {
                return claim;
            }
        }

        return null;
    }

    /// <summary>
    /// A key that holds no claim value: a hash of issuer, subject, context and (when the token names one) tenant.
    /// The tenant keeps apart the same user of an issuer shared by several tenants, each with its own contexts.
    /// </summary>
    internal static string Key(string? issuer, string subject, string contextId, string? tenant = null)
    {
        var text = (issuer ?? "") + "\n" + subject + "\n" + contextId + (tenant is null ? "" : "\n" + tenant);
        return KeyPrefix + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    private static string DistributedKey(MemoryKey key) => Key(key.Issuer, key.Subject, key.ContextId, key.Tenant);

    private bool Remove(MemoryKey key)
    {
        if (!_memory.TryRemove(key, out var removed))
        {
            return false;
        }

        removed.Detach();
        Interlocked.Decrement(ref _remembered);
        return true;
    }

    private Slot Remember(MemoryKey key, Entry entry)
    {
        // The counter is raised before an entry appears and lowered after one is gone, so it is never below the
        // number of entries: ForgetAsync never skips an entry that is there. A slot removed (forgotten, expired)
        // just as it is updated loses that update: the next answer gets an ordinary challenge, never an allow.
        while (true)
        {
            if (_memory.TryGetValue(key, out var slot))
            {
                slot.Current = entry;
                return slot;
            }

            Interlocked.Increment(ref _remembered);
            var added = new Slot(entry);
            if (_memory.TryAdd(key, added))
            {
                return added;
            }

            // Stryker disable once Statement : reached only when another thread adds the same key between TryGetValue and TryAdd, an interleaving no test can force (no user code runs in between); without it the count runs high, which only shrinks the bound (ordinary challenges) and never lets ForgetAsync skip an entry
            Interlocked.Decrement(ref _remembered);
        }
    }

    /// <summary>The challenge the host's <see cref="IDistributedCache"/> remembers for <paramref name="key"/> (null on any failure).</summary>
    private async ValueTask<Entry?> ReadFromStoreAsync(MemoryKey key, CancellationToken cancellationToken)
    {
        try
        {
            // Stryker disable once Boolean : ConfigureAwait(true) instead of (false) only changes which thread continues; no decision or answer depends on it.
            var bytes = await _cache!.GetAsync(DistributedKey(key), cancellationToken).ConfigureAwait(false);
            if (bytes is not { Length: 24 })
            {
                return null;
            }

            var challenged = Instant(BinaryPrimitives.ReadInt64LittleEndian(bytes));
            return challenged is { } at
                ? new Entry(at, Instant(BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(8))), Instant(BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(16))))
                : null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogStoreFailed(_logger, ex.GetType().Name);
            return null;
        }
    }

    /// <summary>
    /// Remembers a challenge for a key the map did not hold (a key it holds has its slot updated in place), within the
    /// bound: when the map is full, expired entries are swept first.
    /// </summary>
    /// <returns>The slot that holds the entry, or <see langword="null"/> when the map is full of live entries.</returns>
    private Slot? WriteToMemory(MemoryKey key, Entry entry)
    {
        if (Volatile.Read(ref _remembered) >= _options.MaxInMemoryEntries)
        {
            var now = _time.GetUtcNow();
            foreach (var (k, slot) in _memory)
            {
                var e = slot.Current;
                if (now - e.ChallengedAt >= _options.Window || now < e.ChallengedAt)
                {
                    Remove(k);
                }
            }

            if (Volatile.Read(ref _remembered) >= _options.MaxInMemoryEntries)
            {
                return null; // Full of live entries: this subject gets ordinary challenges (never an allow).
            }
        }

        return Remember(key, entry);
    }

    /// <summary>Remembers a challenge in the host's <see cref="IDistributedCache"/>, and locally that this instance sent it.</summary>
    private async ValueTask WriteToStoreAsync(MemoryKey key, Entry entry, CancellationToken cancellationToken)
    {
        // A local hint (bounded like the in-memory store) that this instance sent the challenge, so ForgetAsync knows to clear it.
        if (Volatile.Read(ref _remembered) < _options.MaxInMemoryEntries || _memory.ContainsKey(key))
        {
            Remember(key, entry);
        }

        var bytes = new byte[24];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, entry.ChallengedAt.UtcTicks);
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(8), entry.ChallengedAuthentication?.UtcTicks ?? -1);
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(16), entry.ChallengedIssuedAt?.UtcTicks ?? -1);
        try
        {
            // Stryker disable once Boolean : ConfigureAwait(true) instead of (false) only changes which thread continues; no decision or answer depends on it.
            await _cache!.SetAsync(DistributedKey(key), bytes, new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = _options.Window }, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogStoreFailed(_logger, ex.GetType().Name);
        }
    }

    // A stored instant; anything outside DateTimeOffset's range (or the -1 of "none") reads as absent.
    // Stryker disable once Equality : >= 0 against > 0 differs only for ticks 0 (0001-01-01): as a challenged token's time it is older than every instant that can pass IsAfter, exactly like none, and as a challenge time it lies outside the window of any clock past 0001-01-01T00:10 (the upper bound and the other relational mutants are killed by StepUpLoopGuardStoreTests)
    private static DateTimeOffset? Instant(long ticks) =>
        ticks is >= 0 and <= 3_155_378_975_999_999_999L ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    // Bounded, printable: an acr value echoed to the caller in the problem details.
    private static string Printable(string value)
    {
        // Stryker disable once Equality : > 64 against >= 64 differs only at exactly 64 characters, where value[..64] is the whole value (> against < is killed by the acr reason tests)
        var chars = (value.Length > 64 ? value[..64] : value).ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (chars[i] is < ' ' or > '~')
            {
                chars[i] = '?';
            }
        }

        return new string(chars);
    }

    [LoggerMessage(EventId = AspNetCoreLogEventIds.StepUpUnsatisfiable, EventName = "StepUpUnsatisfiable", Level = LogLevel.Warning,
        Message = "Protected action {Permission} (authentication context {ContextId}): the caller stepped up after a challenge and still fails policies [{PolicyIds}]; answering 403 step-up-unsatisfiable instead of another challenge. Issuer {Issuer}.")]
    private static partial void LogUnsatisfiable(ILogger logger, string permission, string contextId, string policyIds, string issuer);

    [LoggerMessage(EventId = AspNetCoreLogEventIds.StepUpMemoryFailed, EventName = "StepUpMemoryFailed", Level = LogLevel.Warning,
        Message = "The step-up memory (IDistributedCache) failed ({ExceptionType}); the caller gets an ordinary challenge.")]
    private static partial void LogStoreFailed(ILogger logger, string exceptionType);
}
