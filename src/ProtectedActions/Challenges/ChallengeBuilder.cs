using System.Collections.Concurrent;
using System.Collections.Frozen;
using ProtectedActions.Validation;

namespace ProtectedActions.Challenges;

/// <summary>
/// Validates the challenge settings once and hands out cached <see cref="StepUpChallenge"/>s: one per context
/// prepared up front (no max age), and max-age variants cached on first use, so a step-up decision costs no
/// allocation after warm-up (at most one, the challenge object, when a variant is new or the cache is full).
/// </summary>
internal sealed class ChallengeBuilder
{
    /// <summary>Error: <c>authorizationUri</c> is not an absolute https URI (http only for loopback) or carries unsafe characters.</summary>
    public const string InvalidAuthorizationUriCode = IssueCodes.InvalidAuthorizationUri;
    /// <summary>Error: <c>realm</c> carries characters that cannot be sent in a header.</summary>
    public const string InvalidRealmCode = IssueCodes.InvalidRealm;
    /// <summary>Error: <c>errorDescription</c> is empty, too long or outside RFC 6750's character set.</summary>
    public const string InvalidErrorDescriptionCode = IssueCodes.InvalidErrorDescription;
    /// <summary>Error: an <c>acrValues</c> key is not a configured authentication context.</summary>
    public const string UnknownAcrValuesContextCode = IssueCodes.UnknownAcrValuesContext;
    /// <summary>Error: an <c>acrValues</c> value is not a space-separated list of acr values.</summary>
    public const string InvalidAcrValuesCode = IssueCodes.InvalidAcrValues;

    internal const int MaxAuthorizationUriLength = 2048;
    internal const int MaxRealmLength = 256;
    internal const int MaxErrorDescriptionLength = 256;
    internal const int MaxAcrValuesLength = 1024;
    /// <summary>Max-age variants cached per context; further ones are built per call (correct, one allocation more).</summary>
    internal const int MaxCachedMaxAgesPerContext = 32;

    private static readonly ProtectedActionsSettings Defaults = new();

    private readonly ChallengeFormat _format;
    private readonly string _realm;
    private readonly string _authorizationUri;
    private readonly string _errorDescription;
    private readonly FrozenDictionary<string, string> _acrValues;
    private readonly FrozenDictionary<string, ContextChallenges> _prepared;
    private readonly ConcurrentDictionary<string, ContextChallenges> _late = new(StringComparer.Ordinal);

    private ChallengeBuilder(ChallengeFormat format, string realm, string authorizationUri, string errorDescription,
        FrozenDictionary<string, string> acrValues, IEnumerable<string> contextIds)
    {
        _format = format;
        _realm = realm;
        _authorizationUri = authorizationUri;
        _errorDescription = errorDescription;
        _acrValues = acrValues;
        var prepared = new Dictionary<string, ContextChallenges>(StringComparer.Ordinal);
        foreach (var id in contextIds)
        {
            if (id is not null && IsContextId(id) && !prepared.ContainsKey(id))
            {
                prepared[id] = new ContextChallenges(this, id);
            }
        }

        _prepared = prepared.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>
    /// Validates the challenge settings (errors at <c>&lt;path&gt;:authorizationUri</c>, <c>:realm</c>,
    /// <c>:errorDescription</c>, <c>:acrValues:&lt;context&gt;</c>) and prepares the challenge of every
    /// context in <paramref name="contextIds"/>. Settings in error are replaced by their defaults in the
    /// returned builder, which the caller must not use when errors were reported.
    /// </summary>
    public static ChallengeBuilder Create(ProtectedActionsSettings settings, IEnumerable<string> contextIds, string path, IssueCollector issues)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(contextIds);
        ArgumentNullException.ThrowIfNull(issues);
        var ids = contextIds.Where(id => id is not null).ToArray();

        var uri = settings.AuthorizationUri;
        if (!IsValidAuthorizationUri(uri))
        {
            issues.Error(InvalidAuthorizationUriCode, path + ":authorizationUri",
                $"The authorization URI must be an absolute https URI (http only for a loopback host) of at most {MaxAuthorizationUriLength} printable ASCII characters, without spaces, quotes, backslashes, user info or fragment.");
            uri = Defaults.AuthorizationUri;
        }

        var realm = settings.Realm;
        if (realm is null || realm.Length > MaxRealmLength || !HeaderText.IsPrintableAscii(realm))
        {
            issues.Error(InvalidRealmCode, path + ":realm",
                $"The realm must be at most {MaxRealmLength} printable ASCII characters (no control characters, CR, LF or non-ASCII).");
            realm = Defaults.Realm;
        }

        var description = settings.ErrorDescription;
        if (string.IsNullOrEmpty(description) || description.Length > MaxErrorDescriptionLength || !HeaderText.IsBearerErrorText(description))
        {
            issues.Error(InvalidErrorDescriptionCode, path + ":errorDescription",
                $"The error description must be 1 to {MaxErrorDescriptionLength} printable ASCII characters without '\"' or '\\' (RFC 6750 §3).");
            description = Defaults.ErrorDescription;
        }

        var acrValues = new Dictionary<string, string>(StringComparer.Ordinal);
        if (settings.AcrValues is { } configured)
        {
            foreach (var (key, value) in configured)
            {
                var at = path + ":acrValues:" + PrintableKey(key);
                var contextId = ids.FirstOrDefault(id => string.Equals(id, key, StringComparison.OrdinalIgnoreCase));
                if (contextId is null)
                {
                    issues.Error(UnknownAcrValuesContextCode, at,
                        "The key must be the id of a configured authentication context (c1..c99).");
                    continue;
                }

                if (!IsValidAcrValues(value))
                {
                    issues.Error(InvalidAcrValuesCode, at,
                        $"The value must be 1 to {MaxAcrValuesLength} characters: acr values separated by single spaces, each printable ASCII without '\"' or '\\'.");
                    continue;
                }

                acrValues[contextId] = value;
            }
        }

        return new ChallengeBuilder(settings.ChallengeFormat, realm, uri, description,
            acrValues.ToFrozenDictionary(StringComparer.Ordinal), ids);
    }

    /// <summary>The format this builder writes.</summary>
    internal ChallengeFormat Format => _format;

    /// <summary>
    /// A builder for the callers of one issuer: the same realm, authorization URI and description, with its own
    /// format and <c>acr_values</c> (<paramref name="acrValues"/> replaces the configured value of a context; already validated).
    /// </summary>
    internal ChallengeBuilder Derive(ChallengeFormat format, IReadOnlyDictionary<string, string> acrValues)
    {
        var merged = new Dictionary<string, string>(_acrValues, StringComparer.Ordinal);
        foreach (var (context, value) in acrValues)
        {
            merged[context] = value;
        }

        return new ChallengeBuilder(format, _realm, _authorizationUri, _errorDescription, merged.ToFrozenDictionary(StringComparer.Ordinal), _prepared.Keys);
    }

    /// <summary>
    /// The challenge for <paramref name="contextId"/> (an id <c>c1</c>..<c>c99</c>) and an optional max age
    /// (seconds, ≥ 0). The same instance is returned for the same arguments while the cache has room.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="contextId"/> is not a context id.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxAgeSeconds"/> is negative.</exception>
    public StepUpChallenge Get(string contextId, int? maxAgeSeconds)
    {
        ArgumentNullException.ThrowIfNull(contextId);
        if (!_prepared.TryGetValue(contextId, out var challenges) && !_late.TryGetValue(contextId, out challenges))
        {
            if (!IsContextId(contextId))
            {
                throw new ArgumentException("Not an authentication context id (c1..c99).", nameof(contextId));
            }

            challenges = _late.GetOrAdd(contextId, id => new ContextChallenges(this, id));
        }

        if (maxAgeSeconds is not { } maxAge)
        {
            return challenges.WithoutMaxAge;
        }

        ArgumentOutOfRangeException.ThrowIfNegative(maxAge, nameof(maxAgeSeconds));
        return challenges.WithMaxAge(maxAge);
    }

    /// <summary>Whether <paramref name="value"/> is <c>c1</c>..<c>c99</c> (no leading zero).</summary>
    internal static bool IsContextId(string value) => value.Length is 2 or 3 && value[0] == 'c'
        && value[1] is >= '1' and <= '9' && (value.Length == 2 || value[2] is >= '0' and <= '9');

    internal static bool IsValidAuthorizationUri(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxAuthorizationUriLength)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (c is <= ' ' or > '~' or '"' or '\\')
            {
                return false;
            }
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.UserInfo.Length != 0 || uri.Fragment.Length != 0
            || value.Contains('#', StringComparison.Ordinal))
        {
            return false;
        }

        return uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback);
    }

    internal static bool IsValidAcrValues(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxAcrValuesLength || value[0] == ' ' || value[^1] == ' ')
        {
            return false;
        }

        var previous = 'x';
        foreach (var c in value)
        {
            if (c is < ' ' or > '~' or '"' or '\\' || (c == ' ' && previous == ' '))
            {
                return false;
            }

            previous = c;
        }

        return true;
    }

    private static string PrintableKey(string key)
    {
        var chars = (key.Length > 32 ? key[..32] : key).ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (chars[i] is < ' ' or > '~')
            {
                chars[i] = '?';
            }
        }

        return new string(chars);
    }

    /// <summary>The prepared challenges of one context.</summary>
    private sealed class ContextChallenges
    {
        private readonly ChallengeBuilder _owner;
        private readonly string _contextId;
        private readonly string? _claims;
        private readonly string? _entraHeader;
        private readonly ConcurrentDictionary<int, StepUpChallenge> _byMaxAge = new();
        private int _cachedMaxAges; // ConcurrentDictionary.Count takes every lock; this is enough for a bound.

        public ContextChallenges(ChallengeBuilder owner, string contextId)
        {
            _owner = owner;
            _contextId = contextId;
            if (owner._format is ChallengeFormat.Entra or ChallengeFormat.Both)
            {
                _claims = ChallengeWriter.ClaimsJson(contextId);
                _entraHeader = ChallengeWriter.Entra(owner._realm, owner._authorizationUri, _claims);
            }

            WithoutMaxAge = Build(null);
        }

        public StepUpChallenge WithoutMaxAge { get; }

        public StepUpChallenge WithMaxAge(int maxAge)
        {
            if (_byMaxAge.TryGetValue(maxAge, out var cached))
            {
                return cached;
            }

            var built = Build(maxAge);
            if (Volatile.Read(ref _cachedMaxAges) >= MaxCachedMaxAgesPerContext)
            {
                return built;
            }

            if (_byMaxAge.TryAdd(maxAge, built))
            {
                Interlocked.Increment(ref _cachedMaxAges);
                return built;
            }

            return _byMaxAge.TryGetValue(maxAge, out var winner) ? winner : built;
        }

        private StepUpChallenge Build(int? maxAge)
        {
            IReadOnlyList<string> headers;
            string? acrValues = null;
            if (_owner._format == ChallengeFormat.Entra)
            {
                // Entra's claims challenge has no max age: the header is the same, only the decision's MaxAgeSeconds differs.
                headers = WithoutMaxAge?.WwwAuthenticate ?? [_entraHeader!];
            }
            else
            {
                var acr = _owner._acrValues.TryGetValue(_contextId, out var mapped) ? mapped : _contextId;
                acrValues = acr;
                var rfc = ChallengeWriter.Rfc9470(_owner._errorDescription, acr, maxAge);
                headers = _owner._format == ChallengeFormat.Both ? [_entraHeader!, rfc] : [rfc];
            }

            return new StepUpChallenge(headers, _claims, _contextId, maxAge) { AcrValues = acrValues };
        }
    }
}
