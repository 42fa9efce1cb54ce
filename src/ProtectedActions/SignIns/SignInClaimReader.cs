using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Text;
using System.Text.Json;

namespace ProtectedActions.SignIns;

/// <summary>
/// The sign-in facts that only some authentication contexts read (the others are read for every request). A context's
/// mask is computed once per snapshot (<see cref="Compilation.CompiledContext.ClaimNeeds"/>); the reader still checks
/// every claim's shape (so <see cref="SignInContext.Notes"/> are the same whatever the mask) and leaves the facts no
/// policy of the context reads unset (<see langword="null"/>: unknown, which never allows).
/// </summary>
[Flags]
internal enum ClaimNeeds
{
    /// <summary>Nothing beyond what every evaluation reads.</summary>
    None = 0,
    /// <summary><see cref="SignInContext.GroupIds"/> (<c>groups</c>): a users condition includes or excludes groups.</summary>
    Groups = 1,
    /// <summary><see cref="SignInContext.RoleIds"/> (<c>wids</c>): a users condition includes or excludes roles.</summary>
    Roles = 2,
    /// <summary><see cref="SignInContext.ClientCapabilities"/> (<c>xms_cc</c>): <c>settings.requireClientCapability</c>.</summary>
    ClientCapabilities = 4,
    /// <summary><see cref="SignInContext.Device"/> (<c>deviceid</c>): a device filter or a device grant control.</summary>
    Device = 8,
    /// <summary>Every fact: what the public mapper returns.</summary>
    All = Groups | Roles | ClientCapabilities | Device,
}

/// <summary>
/// One bounded pass over a token's claims that collects what a <see cref="SignInContext"/> needs. A claim
/// whose content is malformed, conflicting or oversized is dropped as a whole (absent, never empty) and a
/// note names the claim and the problem, never the value. Nothing here throws for any claim content.
/// </summary>
internal sealed class SignInClaimReader
{
    /// <summary>The most entries a multi-valued claim may have; more makes the claim absent.</summary>
    internal const int MaxArrayEntries = 1000;
    /// <summary>The longest single claim value accepted (characters).</summary>
    internal const int MaxValueLength = 2048;
    /// <summary>The longest JSON array accepted inside one claim (characters).</summary>
    internal const int MaxJsonArrayLength = 256 * 1024;
    /// <summary>The earliest <c>auth_time</c> accepted: 2000-01-01T00:00:00Z (earlier values are unset defaults or bugs).</summary>
    internal const long MinAuthTime = 946_684_800;
    /// <summary>The latest <c>auth_time</c> representable: 9999-12-31T23:59:59Z.</summary>
    internal const long MaxAuthTime = 253_402_300_799;

    private enum Kind
    {
        ObjectId, Subject, TenantId, Issuer, Groups, Roles, Amr, AuthTime, Acrs, Acr, ClientCapabilities,
        DeviceId, IdentityType, AccountType, IdentityProvider, ClaimNames, HasGroups, ClaimSources,
    }

    private const int KindCount = (int)Kind.ClaimSources + 1;

    // Wire names used in notes (short form, whatever form the claim came in).
    private static readonly string[] NoteNames =
    [
        "oid", "sub", "tid", "iss", "groups", "wids", "amr", "auth_time", "acrs", "acr", "xms_cc",
        "deviceid", "idtyp", "acct", "idp", "_claim_names", "hasgroups", "_claim_sources",
    ];

    private const Kind NoKind = (Kind)(-1);

    /// <summary>
    /// Which claim a type names (ordinal, exact spelling). Runs for every claim of every request, most of which are
    /// not read at all (aud, exp, scp, name, ...): the length and one or two characters decide before any string
    /// comparison, so an unread claim costs a couple of nanoseconds.
    /// </summary>
    private static bool TryGetKind(string type, out Kind kind)
    {
        kind = Classify(type);
        return kind != NoKind;
    }

    private static Kind Classify(string type)
    {
        switch (type.Length)
        {
            case 3:
                var (a, b, c) = (type[0], type[1], type[2]);
                return a switch
                {
                    'o' when b == 'i' && c == 'd' => Kind.ObjectId,
                    's' when b == 'u' && c == 'b' => Kind.Subject,
                    't' when b == 'i' && c == 'd' => Kind.TenantId,
                    'i' when b == 's' && c == 's' => Kind.Issuer,
                    'i' when b == 'd' && c == 'p' => Kind.IdentityProvider,
                    'a' when b == 'm' && c == 'r' => Kind.Amr,
                    'a' when b == 'c' && c == 'r' => Kind.Acr,
                    _ => NoKind,
                };
            case 4:
                return type[0] switch
                {
                    'w' when type == TokenClaimTypes.RoleTemplateIds => Kind.Roles,
                    'a' when type == TokenClaimTypes.AuthenticationContexts => Kind.Acrs,
                    'a' when type == TokenClaimTypes.AccountType => Kind.AccountType,
                    _ => NoKind,
                };
            case 5:
                return type[0] == 'i' && type == TokenClaimTypes.IdentityType ? Kind.IdentityType : NoKind;
            case 6:
                return type[0] switch
                {
                    'g' when type == TokenClaimTypes.Groups => Kind.Groups,
                    'x' when type == TokenClaimTypes.ClientCapabilities => Kind.ClientCapabilities,
                    _ => NoKind,
                };
            case 8:
                return type[0] == 'd' && type == TokenClaimTypes.DeviceId ? Kind.DeviceId : NoKind;
            case 9:
                return type[0] switch
                {
                    'a' when type == TokenClaimTypes.AuthenticationTime => Kind.AuthTime,
                    'h' when type == TokenClaimTypes.HasGroups => Kind.HasGroups,
                    _ => NoKind,
                };
            case 12:
                return type[0] == '_' && type == TokenClaimTypes.ClaimNames ? Kind.ClaimNames : NoKind;
            case 14:
                return type[0] == '_' && type == TokenClaimTypes.ClaimSources ? Kind.ClaimSources : NoKind;
            case > 40:
                // The long (inbound-mapped) forms, all URIs.
                return type switch
                {
                    TokenClaimTypes.ObjectIdLong => Kind.ObjectId,
                    TokenClaimTypes.SubjectLong => Kind.Subject,
                    TokenClaimTypes.TenantIdLong => Kind.TenantId,
                    TokenClaimTypes.AuthenticationMethodsLong => Kind.Amr,
                    TokenClaimTypes.AuthenticationClassLong => Kind.Acr,
                    TokenClaimTypes.DeviceIdLong => Kind.DeviceId,
                    TokenClaimTypes.IdentityProviderLong => Kind.IdentityProvider,
                    _ => NoKind,
                };
            default:
                return NoKind;
        }
    }

    private const int MultiValuedKinds =
        1 << (int)Kind.Groups | 1 << (int)Kind.Roles | 1 << (int)Kind.Amr | 1 << (int)Kind.Acrs | 1 << (int)Kind.ClientCapabilities;

    private const int OverageKinds = 1 << (int)Kind.ClaimNames | 1 << (int)Kind.HasGroups | 1 << (int)Kind.ClaimSources;

    private static bool IsMultiValued(Kind kind) => (MultiValuedKinds & (1 << (int)kind)) != 0;

    private readonly string?[] _single = new string?[KindCount];
    // Entries of the multi-valued claims, in claim order; reused from one sign-in to the next on the same thread
    // (see Acquire). Empty means "no entry" (the claim is absent); Build copies them out, exactly sized.
    private readonly List<string>[] _multi = CreateLists();
    private readonly string?[] _problem = new string?[KindCount];
    private readonly List<string> _valueNotes = [];
    private string? _subjectClaimIssuer;
    private bool _groupsOverage;
    // Which optional facts Build materialises (the pass over the claims is the same whatever it says); every Read
    // sets it before reading, so nothing carries over from the previous sign-in.
    private ClaimNeeds _needs;
    // One bit per kind that was read (or dropped): Release clears only those slots. _dropped: one bit per kind
    // with a problem (the same as _problem[k] being set), so the common path tests a register, not an array.
    private int _touched;
    private int _dropped;

    // One reader per thread, taken out while in use (a claims source that maps another sign-in from inside
    // Claim.Value or ClaimsIdentity.Claims gets a fresh reader) and cleared before it is put back, so no claim
    // value outlives the call and no state passes from one sign-in to the next.
    [ThreadStatic]
    private static SignInClaimReader? t_cached;

    /// <summary>Lists that grew beyond this many entries are not kept for the next sign-in.</summary>
    private const int MaxRetainedCapacity = 256;

    private static List<string>[] CreateLists()
    {
        var lists = new List<string>[KindCount];
        for (var k = 0; k < KindCount; k++)
        {
            lists[k] = IsMultiValued((Kind)k) ? new List<string>(4) : [];
        }

        return lists;
    }

    private static SignInClaimReader Acquire()
    {
        var reader = t_cached ?? new SignInClaimReader();
        t_cached = null;
        return reader;
    }

    private void Release()
    {
        for (var touched = _touched; touched != 0; touched &= touched - 1)
        {
            var k = System.Numerics.BitOperations.TrailingZeroCount(touched);
            _single[k] = null;
            _problem[k] = null;
        }

        for (var touched = _touched & MultiValuedKinds; touched != 0; touched &= touched - 1)
        {
            var k = System.Numerics.BitOperations.TrailingZeroCount(touched);
            if (_multi[k].Capacity > MaxRetainedCapacity)
            {
                _multi[k] = new List<string>(4);
            }
            else
            {
                _multi[k].Clear();
            }
        }

        _touched = 0;
        _dropped = 0;
        _valueNotes.Clear();
        _subjectClaimIssuer = null;
        _groupsOverage = false;
        t_cached = this;
    }

    /// <summary>Reads the claims of <paramref name="source"/> into a sign-in context.</summary>
    public static SignInContext Read<TSource>(TSource source, Func<TSource, IEnumerable<Claim>> claims, IPAddress? ipAddress) =>
        Read(source, claims, ipAddress, ClaimNeeds.All);

    /// <summary>
    /// Reads the claims of <paramref name="source"/> into a sign-in context, leaving unset the optional facts
    /// <paramref name="needs"/> does not ask for. Every claim is checked exactly as by a full read: the notes are the same.
    /// </summary>
    public static SignInContext Read<TSource>(TSource source, Func<TSource, IEnumerable<Claim>> claims, IPAddress? ipAddress, ClaimNeeds needs) =>
        ReadWith((source, claims), static (reader, s) => reader.AddAll(s.claims(s.source)), ipAddress, needs);

    /// <summary>
    /// Reads the first <paramref name="count"/> claims of <paramref name="claims"/> exactly as <see cref="Read{TSource}(TSource, Func{TSource, IEnumerable{Claim}}, IPAddress?, ClaimNeeds)"/>
    /// reads the same claims from a list (<see cref="RecentSignIn"/> reads its own copy of an identity's claims).
    /// </summary>
    public static SignInContext Read(Claim[] claims, int count, IPAddress? ipAddress, ClaimNeeds needs) =>
        ReadWith((claims, count), static (reader, s) =>
        {
            for (var i = 0; i < s.count; i++)
            {
                reader.AddOne(s.claims[i]);
            }
        }, ipAddress, needs);

    /// <summary>
    /// Reads the claims of the authenticated identities of <paramref name="principal"/>: exactly the claims of
    /// <see cref="ClaimsPrincipal.Claims"/> whose <see cref="Claim.Subject"/> is authenticated, in that order.
    /// </summary>
    public static SignInContext ReadAuthenticated(ClaimsPrincipal principal, IPAddress? ipAddress) =>
        ReadAuthenticated(principal, ipAddress, ClaimNeeds.All);

    /// <summary>
    /// <see cref="ReadAuthenticated(ClaimsPrincipal, IPAddress?)"/>, leaving unset the optional facts <paramref name="needs"/>
    /// does not ask for (the notes are the same).
    /// </summary>
    public static SignInContext ReadAuthenticated(ClaimsPrincipal principal, IPAddress? ipAddress, ClaimNeeds needs) =>
        ReadWith(principal, static (reader, p) => reader.AddPrincipal(p), ipAddress, needs);

    /// <summary>
    /// One read: a reader of this thread is taken, <paramref name="add"/> gives it the claims, and the sign-in is built;
    /// a claims source that throws makes every claim absent (never an exception, never an allow). The reader is cleared
    /// and put back whatever happens.
    /// </summary>
    private static SignInContext ReadWith<TState>(TState state, Action<SignInClaimReader, TState> add, IPAddress? ipAddress, ClaimNeeds needs)
    {
        var reader = Acquire();
        reader._needs = needs;
        try
        {
            try
            {
                add(reader, state);
            }
#pragma warning disable CA1031 // A claims source that throws must not turn into an exception (or an allow) here.
            catch (Exception)
#pragma warning restore CA1031
            {
                return Unreadable(ipAddress);
            }

            return reader.Build(ipAddress);
        }
        finally
        {
            reader.Release();
        }
    }

    private void AddPrincipal(ClaimsPrincipal principal)
    {
        if (principal.GetType() == typeof(ClaimsPrincipal))
        {
            // ClaimsPrincipal.Claims is "each identity's Claims, in order": walk them without its iterators.
            var identities = principal.Identities;
            if (identities is List<ClaimsIdentity> list)
            {
                for (var i = 0; i < list.Count; i++)
                {
                    AddAuthenticated(list[i].Claims, list[i]);
                }
            }
            else
            {
                foreach (var identity in identities)
                {
                    AddAuthenticated(identity.Claims, identity);
                }
            }
        }
        else
        {
            // A principal that overrides Claims (or throws from it) is read through Claims, as it defines it.
            AddAuthenticated(principal.Claims, owner: null);
        }
    }

    private static SignInContext Unreadable(IPAddress? ipAddress) => new()
    {
        IpAddress = ipAddress,
        Notes = ["claims: the claims could not be read; every claim is treated as absent"],
    };

    private void AddAll(IEnumerable<Claim> claims)
    {
        if (claims is List<Claim> list)
        {
            // ClaimsIdentity.Claims and JsonWebToken.Claims are lists: no enumerator, no version checks.
            for (var i = 0; i < list.Count; i++)
            {
                AddOne(list[i]);
            }
        }
        else
        {
            foreach (var claim in claims)
            {
                AddOne(claim);
            }
        }
    }

    private void AddOne(Claim? claim)
    {
        if (claim?.Type is { } type && TryGetKind(type, out var kind))
        {
            Add(kind, claim);
        }
    }

    /// <summary>
    /// Adds the claims whose <see cref="Claim.Subject"/> is authenticated. <paramref name="owner"/> is the identity
    /// the claims came from (when known): for a claim whose subject is that identity — every claim a
    /// <see cref="ClaimsIdentity"/> holds — its authentication is asked once, not once per claim.
    /// </summary>
    private void AddAuthenticated(IEnumerable<Claim> claims, ClaimsIdentity? owner)
    {
        var ownerAuthenticated = owner?.IsAuthenticated == true;
        if (claims is List<Claim> list)
        {
            for (var i = 0; i < list.Count; i++)
            {
                AddIfAuthenticated(list[i], owner, ownerAuthenticated);
            }
        }
        else
        {
            foreach (var claim in claims)
            {
                AddIfAuthenticated(claim, owner, ownerAuthenticated);
            }
        }
    }

    private void AddIfAuthenticated(Claim? claim, ClaimsIdentity? owner, bool ownerAuthenticated)
    {
        if (claim?.Type is not { } type || !TryGetKind(type, out var kind))
        {
            return;
        }

        var subject = claim.Subject;
        if (owner is not null && ReferenceEquals(subject, owner) ? ownerAuthenticated : subject is { IsAuthenticated: true })
        {
            Add(kind, claim);
        }
    }

    private void Add(Kind kind, Claim claim)
    {
        var bit = 1 << (int)kind;
        _touched |= bit;
        if ((_dropped & bit) != 0)
        {
            return; // Already dropped: nothing more to learn.
        }

        var value = claim.Value ?? "";
        var valueType = claim.ValueType;
        if ((OverageKinds & bit) != 0)
        {
            // Overage indicators: any hint that groups live elsewhere makes them unknown (never "none").
            _groupsOverage |= kind switch
            {
                Kind.HasGroups => IsTrue(value),
                Kind.ClaimNames => NamesGroups(value),
                _ => HasAnySource(value),
            };
            return;
        }

        if ((MultiValuedKinds & bit) != 0)
        {
            AddItems(kind, value, valueType);
            return;
        }

        if (kind == Kind.AuthTime || kind == Kind.AccountType)
        {
            if (!IsStringType(valueType) && !IsNumberType(valueType))
            {
                Drop(kind, "not a number");
                return;
            }
        }
        else if (!IsStringType(valueType))
        {
            Drop(kind, "not a string");
            return;
        }

        if (value.Length > MaxValueLength)
        {
            Drop(kind, $"longer than {MaxValueLength} characters");
            return;
        }

        if (value.Length == 0)
        {
            Drop(kind, "empty");
            return;
        }

        if (kind == Kind.ObjectId || kind == Kind.Subject)
        {
            _subjectClaimIssuer ??= claim.Issuer;
        }

        var current = _single[(int)kind];
        if (current is null)
        {
            _single[(int)kind] = value;
        }
        else if (!string.Equals(current, value, StringComparison.Ordinal))
        {
            Drop(kind, "has conflicting values");
        }
    }

    private void AddItems(Kind kind, string value, string? valueType)
    {
        // A string holding a JSON array (ClaimsPrincipals serialised by cookies or custom code carry arrays that
        // way). A JSON_ARRAY value type means a nested array inside the token's array: not a string entry.
        if (IsStringType(valueType) && value.StartsWith('['))
        {
            AddJsonArray(kind, value);
            return;
        }

        if (!IsStringType(valueType))
        {
            Drop(kind, "has an entry that is not a string");
            return;
        }

        AddItem(kind, value);
    }

    private void AddItem(Kind kind, string item)
    {
        if (item.Length > MaxValueLength)
        {
            Drop(kind, $"has an entry longer than {MaxValueLength} characters");
            return;
        }

        var list = _multi[(int)kind];
        if (list.Count >= MaxArrayEntries)
        {
            Drop(kind, $"has more than {MaxArrayEntries} entries");
            return;
        }

        list.Add(item);
    }

    // One claim holding a whole JSON array (a ClaimsPrincipal built by hand, or a nested array in a token).
    private void AddJsonArray(Kind kind, string json)
    {
        if (json.Length > MaxJsonArrayLength)
        {
            Drop(kind, $"is a JSON array longer than {MaxJsonArrayLength} characters");
            return;
        }

        try
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json), new JsonReaderOptions { MaxDepth = 2 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            {
                Drop(kind, "is not a JSON array of strings");
                return;
            }

            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.String)
                {
                    Drop(kind, "has an entry that is not a string");
                    return;
                }

                AddItem(kind, reader.GetString() ?? "");
                if (_problem[(int)kind] is not null)
                {
                    return;
                }
            }

            if (reader.TokenType != JsonTokenType.EndArray || reader.Read())
            {
                Drop(kind, "is not a JSON array of strings");
            }
        }
        catch (JsonException)
        {
            Drop(kind, "is not a JSON array of strings");
        }
        catch (InvalidOperationException)
        {
            Drop(kind, "is not a JSON array of strings");
        }
    }

    /// <summary><c>hasgroups</c>: a JSON boolean or the string <c>"true"</c> in any case.</summary>
    private static bool IsTrue(string value) => value.AsSpan().Trim().Equals("true", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// <c>_claim_names</c>: an object mapping claim names to sources, for example <c>{"groups":"src1"}</c>. Names
    /// <c>groups</c> (in any case) is an overage. A value that is not a readable JSON object fails closed: it is
    /// read as an overage, since a distributed-claims indicator that cannot be read may well name groups.
    /// </summary>
    private static bool NamesGroups(string value)
    {
        if (!TryParseObject(value, out var names))
        {
            return !string.IsNullOrWhiteSpace(value);
        }

        using (names)
        {
            foreach (var member in names!.RootElement.EnumerateObject())
            {
                if (member.Name.Equals(TokenClaimTypes.Groups, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// <c>_claim_sources</c>: an object of distributed-claim sources, for example
    /// <c>{"src1":{"endpoint":"…/getMemberObjects"}}</c>. Entra emits distributed claims only for a groups
    /// overage, so any source (or a value that cannot be read) makes groups unknown.
    /// </summary>
    private static bool HasAnySource(string value)
    {
        if (!TryParseObject(value, out var sources))
        {
            return !string.IsNullOrWhiteSpace(value);
        }

        using (sources)
        {
            return sources!.RootElement.EnumerateObject().Any();
        }
    }

    private static bool TryParseObject(string value, out JsonDocument? document)
    {
        document = null;
        if (value.Length > MaxJsonArrayLength)
        {
            return false;
        }

        try
        {
            document = JsonDocument.Parse(value, new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException)
        {
            return false;
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            document = null;
            return false;
        }

        return true;
    }

    private void Drop(Kind kind, string problem)
    {
        _problem[(int)kind] ??= problem;
        _dropped |= 1 << (int)kind;
        _single[(int)kind] = null;
        _multi[(int)kind].Clear();
    }

    private SignInContext Build(IPAddress? ipAddress)
    {
        var notes = new NoteList();
        var authTime = ReadAuthTime();
        var accountType = ReadAccountType();

        // The optional facts the context's policies do not read stay unset (unknown): nothing is built for them.
        var needs = _needs;
        var groups = _groupsOverage || (needs & ClaimNeeds.Groups) == 0 ? null : Multi(Kind.Groups);
        if (_groupsOverage)
        {
            notes.Add("groups: the token signals a groups overage (membership is elsewhere); group membership is treated as unknown");
        }

        for (var k = 0; _dropped != 0 && k < KindCount; k++)
        {
            if (_problem[k] is { } problem)
            {
                notes.Add($"{NoteNames[k]}: {problem}; treated as absent");
            }
        }

        var issuer = _single[(int)Kind.Issuer];
        if (issuer is null && _problem[(int)Kind.Issuer] is null
            && _subjectClaimIssuer is { Length: > 0 and <= MaxValueLength } claimIssuer
            && claimIssuer != ClaimsIdentity.DefaultIssuer)
        {
            issuer = claimIssuer; // A handler that consumed "iss" still stamps every claim with the validated issuer.
        }

        if (string.Equals(_single[(int)Kind.IdentityType], "app", StringComparison.Ordinal))
        {
            notes.Add("idtyp: an app-only token; there is no signed-in user");
        }

        var (userType, guestTypes) = ClassifyUser(issuer, accountType);
        var deviceId = (needs & ClaimNeeds.Device) != 0 ? _single[(int)Kind.DeviceId] : null;

        // Shape problems first (fixed claim order), then value problems, so the notes are deterministic.
        notes.AddRange(_valueNotes);

        return new SignInContext
        {
            UserId = _single[(int)Kind.ObjectId] ?? (_problem[(int)Kind.ObjectId] is null ? _single[(int)Kind.Subject] : null),
            TenantId = _single[(int)Kind.TenantId],
            Issuer = issuer,
            GroupIds = groups,
            RoleIds = (needs & ClaimNeeds.Roles) != 0 ? Multi(Kind.Roles) : null,
            UserType = userType,
            GuestOrExternalUserTypes = guestTypes,
            AuthenticationMethodReferences = Multi(Kind.Amr),
            AuthenticationTime = authTime,
            SatisfiedContexts = Multi(Kind.Acrs),
            ClientCapabilities = (needs & ClaimNeeds.ClientCapabilities) != 0 ? Multi(Kind.ClientCapabilities) : null,
            Acr = _single[(int)Kind.Acr],
            IpAddress = ipAddress,
            // A deviceid claim proves a registered device and nothing else about it; no claim proves nothing.
            Device = deviceId is null ? null : DeviceProperties.FromDeviceId(deviceId),
            // Whoever presented a token used OAuth: modern authentication, never exchangeActiveSync or other.
            ClientAppType = ClientAppType.ModernAuthentication,
            Notes = notes.Count == 0 ? [] : notes.ToArray(),
        };
    }

    /// <summary>
    /// The entries of a multi-valued claim, exactly sized, or <see langword="null"/> when the claim is absent or
    /// was dropped. The commonest values come as shared read-only lists (nothing to allocate); any other comes as
    /// an array of its own, which no other sign-in sees.
    /// </summary>
    private IReadOnlyList<string>? Multi(Kind kind)
    {
        var list = _multi[(int)kind];
        switch (list.Count)
        {
            case 0:
                return null;
            case 1:
                return SharedValues.Single(kind, list[0]) ?? OneValue(list[0]);
            case 2 when kind == Kind.Amr:
                return SharedValues.AmrPair(list[0], list[1]) ?? list.ToArray();
            default:
                return list.ToArray();
        }
    }

    // A read-only one-entry list (the compiler's single-element list: one object, smaller than an array).
    private static IReadOnlyList<string> OneValue(string value) => [value];

    /// <summary>
    /// Read-only lists shared by every sign-in for the commonest values (<c>xms_cc</c> = cp1, <c>acrs</c> = one
    /// context, the usual <c>amr</c> sets). A list is used only when the claim's entries equal it exactly
    /// (ordinal, same order), so the sign-in reads exactly as if the list were its own.
    /// </summary>
    private static class SharedValues
    {
        private static readonly IReadOnlyList<string>[] s_contexts = CreateContexts();
        private static readonly IReadOnlyList<string> s_cp1 = ["cp1"];
        // Stryker disable once String : the shared lists are used only when the claim's entries equal them, so a changed entry only means the sign-in gets its own list of the same values
        private static readonly IReadOnlyList<string>[] s_amrSingles =
            [["pwd"], ["mfa"], ["fido"], ["rsa"], ["wia"], ["otp"], ["sms"], ["ngcmfa"], ["hwk"], ["swk"]];
        // Stryker disable once String : the shared lists are used only when the claim's entries equal them, so a changed entry only means the sign-in gets its own list of the same values
        private static readonly IReadOnlyList<string>[] s_amrPairs =
            [["pwd", "mfa"], ["mfa", "pwd"], ["fido", "mfa"], ["mfa", "fido"], ["rsa", "mfa"], ["wia", "mfa"], ["pwd", "otp"], ["pwd", "sms"], ["ngcmfa", "mfa"]];

        private static IReadOnlyList<string>[] CreateContexts()
        {
            var lists = new IReadOnlyList<string>[100];
            for (var i = 1; i < lists.Length; i++)
            {
                // Stryker disable once String : the shared lists are used only when the claim's entries equal them, so a changed entry only means the sign-in gets its own list of the same values
                lists[i] = OneValue("c" + i.ToString(CultureInfo.InvariantCulture));
            }

            return lists;
        }

        public static IReadOnlyList<string>? Single(Kind kind, string value)
        {
            switch (kind)
            {
                case Kind.ClientCapabilities:
                    // Stryker disable once Conditional : the shared lists are used only when the claim's entries equal them, so a changed entry only means the sign-in gets its own list of the same values
                    return string.Equals(value, "cp1", StringComparison.Ordinal) ? s_cp1 : null;
                case Kind.Acrs:
                    // c1..c99 exactly (no leading zero, no other spelling): the list's own entry must equal the value.
                    if (value.Length is 2 or 3 && value[0] == 'c'
                        && int.TryParse(value.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                        && n is >= 1 and <= 99 && string.Equals(s_contexts[n][0], value, StringComparison.Ordinal))
                    {
                        return s_contexts[n];
                    }

                    return null;
                case Kind.Amr:
                    foreach (var shared in s_amrSingles)
                    {
                        if (string.Equals(shared[0], value, StringComparison.Ordinal))
                        {
                            return shared;
                        }
                    }

                    return null;
                default:
                    return null;
            }
        }

        public static IReadOnlyList<string>? AmrPair(string first, string second)
        {
            foreach (var shared in s_amrPairs)
            {
                if (string.Equals(shared[0], first, StringComparison.Ordinal) && string.Equals(shared[1], second, StringComparison.Ordinal))
                {
                    return shared;
                }
            }

            return null;
        }
    }

    /// <summary>A list of notes that allocates only when there is something to note (most sign-ins have nothing).</summary>
    private struct NoteList
    {
        private List<string>? _items;

        public readonly int Count => _items?.Count ?? 0;

        public void Add(string note) => (_items ??= []).Add(note);

        public void AddRange(List<string> notes)
        {
            if (notes.Count > 0)
            {
                (_items ??= []).AddRange(notes);
            }
        }

        public readonly string[] ToArray() => _items is null ? [] : [.. _items];
    }

    private DateTimeOffset? ReadAuthTime()
    {
        if (_single[(int)Kind.AuthTime] is not { } text)
        {
            return null;
        }

        if (!TryParseNumericDate(text, out var seconds))
        {
            _valueNotes.Add("auth_time: not a non-negative number of seconds since 1970; treated as absent");
            return null;
        }

        if (seconds is < MinAuthTime or > MaxAuthTime)
        {
            _valueNotes.Add("auth_time: before 2000-01-01 or after 9999-12-31; treated as absent");
            return null;
        }

        return DateTimeOffset.FromUnixTimeSeconds(seconds);
    }

    // RFC 7519 NumericDate: seconds since 1970, possibly with a fraction (dropped). No sign, no blanks.
    internal static bool TryParseNumericDate(string text, out long seconds)
    {
        seconds = 0;
        if (text.Length > 32)
        {
            return false;
        }

        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out seconds))
        {
            return true;
        }

        if (double.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var d)
            && double.IsFinite(d) && d >= 0 && d < 1e15)
        {
            seconds = (long)Math.Floor(d);
            return true;
        }

        return false;
    }

    private int? ReadAccountType()
    {
        var text = _single[(int)Kind.AccountType];
        switch (text)
        {
            case null:
                return null;
            case "0":
                return 0;
            case "1":
                return 1;
            default:
                _valueNotes.Add("acct: neither 0 (member) nor 1 (guest); treated as absent");
                return null;
        }
    }

    /// <summary>
    /// Member or guest, from <c>acct</c> (the account's user type) and <c>idp</c> (whether the account comes
    /// from outside the issuing tenant). See docs/decisions/tokens-and-challenges.md; unknown stays unknown.
    /// </summary>
    private (UserType?, GuestOrExternalUserTypes) ClassifyUser(string? issuer, int? accountType)
    {
        bool? external = null;
        var idp = _single[(int)Kind.IdentityProvider];
        var idpDropped = _problem[(int)Kind.IdentityProvider] is not null;
        if (idpDropped)
        {
            external = null;
        }
        else if (idp is null)
        {
            // Entra documents a missing idp as "same as iss": a home-tenant account. Other issuers say nothing.
            // Only acct = 1 tells the two apart below (an internal guest, or a guest of unknown kind), so the issuer
            // is parsed only then: this runs for every request.
            external = accountType == 1 && EntraIssuer.TryGetTenant(issuer, out _) ? false : null;
        }
        else if (string.Equals(idp, issuer, StringComparison.Ordinal))
        {
            external = false;
        }
        else if (EntraIssuer.TryGetTenant(idp, out var idpTenant))
        {
            // v1 and v2 issuer forms of the same tenant are the same home.
            var home = EntraIssuer.TryGetTenant(issuer, out var issuerTenant) ? issuerTenant
                : Guid.TryParse(_single[(int)Kind.TenantId], out var tid) ? tid : Guid.Empty;
            external = home == Guid.Empty ? null : idpTenant != home;
        }
        else
        {
            external = true; // live.com, mail, google.com, another OIDC provider.
        }

        return (external, accountType) switch
        {
            (true, 1) => (UserType.Guest, GuestOrExternalUserTypes.B2bCollaborationGuest),
            (true, 0) => (UserType.Guest, GuestOrExternalUserTypes.B2bCollaborationMember),
            (true, _) => (UserType.Guest, GuestOrExternalUserTypes.None),
            (_, 1) when external == false => (UserType.Guest, GuestOrExternalUserTypes.InternalGuest),
            (_, 1) => (UserType.Guest, GuestOrExternalUserTypes.None),
            (_, 0) => (UserType.Member, GuestOrExternalUserTypes.None),
            _ => (null, GuestOrExternalUserTypes.None),
        };
    }

    private static bool IsStringType(string? valueType) =>
        string.IsNullOrEmpty(valueType) || valueType == ClaimValueTypes.String;

    private static bool IsNumberType(string? valueType) => valueType is
        ClaimValueTypes.Integer or ClaimValueTypes.Integer32 or ClaimValueTypes.Integer64
        or ClaimValueTypes.UInteger32 or ClaimValueTypes.UInteger64 or ClaimValueTypes.Double;
}
