using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Text;
using System.Text.Json;

using ProtectedActions.SignIns;

namespace ProtectedActions.Tests.SignIns;

/// <summary>
/// Test-only: the claim reader exactly as it was before the request-path optimisations (docs/decisions/request-path-performance.md) (one class instance, three
/// arrays and a list per sign-in, List-typed claim lists, enumeration through iterators), kept as the reference
/// the optimised <see cref="SignInMapper"/> must agree with on every input. Do not optimise this copy.
/// One bounded pass over a token's claims that collects what a <see cref="SignInContext"/> needs. A claim
/// whose content is malformed, conflicting or oversized is dropped as a whole (absent, never empty) and a
/// note names the claim and the problem, never the value. Nothing here throws for any claim content.
/// </summary>
internal sealed class ReferenceSignInClaimReader
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

    /// <summary>Which claim a type names; a switch on constant strings, cheaper than a dictionary for every claim of every request.</summary>
    private static bool TryGetKind(string type, out Kind kind)
    {
        kind = type switch
        {
            TokenClaimTypes.ObjectId or TokenClaimTypes.ObjectIdLong => Kind.ObjectId,
            TokenClaimTypes.Subject or TokenClaimTypes.SubjectLong => Kind.Subject,
            TokenClaimTypes.TenantId or TokenClaimTypes.TenantIdLong => Kind.TenantId,
            TokenClaimTypes.Issuer => Kind.Issuer,
            TokenClaimTypes.Groups => Kind.Groups,
            TokenClaimTypes.RoleTemplateIds => Kind.Roles,
            TokenClaimTypes.AuthenticationMethods or TokenClaimTypes.AuthenticationMethodsLong => Kind.Amr,
            TokenClaimTypes.AuthenticationTime => Kind.AuthTime,
            TokenClaimTypes.AuthenticationContexts => Kind.Acrs,
            TokenClaimTypes.AuthenticationClass or TokenClaimTypes.AuthenticationClassLong => Kind.Acr,
            TokenClaimTypes.ClientCapabilities => Kind.ClientCapabilities,
            TokenClaimTypes.DeviceId or TokenClaimTypes.DeviceIdLong => Kind.DeviceId,
            TokenClaimTypes.IdentityType => Kind.IdentityType,
            TokenClaimTypes.AccountType => Kind.AccountType,
            TokenClaimTypes.IdentityProvider or TokenClaimTypes.IdentityProviderLong => Kind.IdentityProvider,
            TokenClaimTypes.ClaimNames => Kind.ClaimNames,
            TokenClaimTypes.HasGroups => Kind.HasGroups,
            TokenClaimTypes.ClaimSources => Kind.ClaimSources,
            _ => (Kind)(-1),
        };
        return kind >= 0;
    }

    private static bool IsMultiValued(Kind kind) =>
        kind is Kind.Groups or Kind.Roles or Kind.Amr or Kind.Acrs or Kind.ClientCapabilities;

    private readonly string?[] _single = new string?[KindCount];
    private readonly List<string>?[] _multi = new List<string>?[KindCount];
    private readonly string?[] _problem = new string?[KindCount];
    private readonly List<string> _valueNotes = [];
    private string? _subjectClaimIssuer;
    private bool _groupsOverage;

    /// <summary>Reads the claims of <paramref name="source"/> into a sign-in context.</summary>
    public static SignInContext Read<TSource>(TSource source, Func<TSource, IEnumerable<Claim>> claims, IPAddress? ipAddress)
    {
        var reader = new ReferenceSignInClaimReader();
        try
        {
            foreach (var claim in claims(source))
            {
                if (claim is not null && claim.Type is { } type && TryGetKind(type, out var kind))
                {
                    reader.Add(kind, claim);
                }
            }
        }
#pragma warning disable CA1031 // A claims source that throws must not turn into an exception (or an allow) here.
        catch (Exception)
#pragma warning restore CA1031
        {
            return new SignInContext
            {
                IpAddress = ipAddress,
                Notes = ["claims: the claims could not be read; every claim is treated as absent"],
            };
        }

        return reader.Build(ipAddress);
    }

    private void Add(Kind kind, Claim claim)
    {
        if (_problem[(int)kind] is not null)
        {
            return; // Already dropped: nothing more to learn.
        }

        var value = claim.Value ?? "";
        var valueType = claim.ValueType;
        if (kind is Kind.ClaimNames or Kind.HasGroups or Kind.ClaimSources)
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

        if (IsMultiValued(kind))
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

        var list = _multi[(int)kind] ??= [];
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
        _single[(int)kind] = null;
        _multi[(int)kind] = null;
    }

    private SignInContext Build(IPAddress? ipAddress)
    {
        var notes = new NoteList();
        var authTime = ReadAuthTime();
        var accountType = ReadAccountType();

        var groups = Multi(Kind.Groups);
        if (_groupsOverage)
        {
            groups = null;
            notes.Add("groups: the token signals a groups overage (membership is elsewhere); group membership is treated as unknown");
        }

        for (var k = 0; k < KindCount; k++)
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
        var deviceId = _single[(int)Kind.DeviceId];

        // Shape problems first (fixed claim order), then value problems, so the notes are deterministic.
        notes.AddRange(_valueNotes);

        return new SignInContext
        {
            UserId = _single[(int)Kind.ObjectId] ?? (_problem[(int)Kind.ObjectId] is null ? _single[(int)Kind.Subject] : null),
            TenantId = _single[(int)Kind.TenantId],
            Issuer = issuer,
            GroupIds = groups,
            RoleIds = Multi(Kind.Roles),
            UserType = userType,
            GuestOrExternalUserTypes = guestTypes,
            AuthenticationMethodReferences = Multi(Kind.Amr),
            AuthenticationTime = authTime,
            SatisfiedContexts = Multi(Kind.Acrs),
            ClientCapabilities = Multi(Kind.ClientCapabilities),
            Acr = _single[(int)Kind.Acr],
            IpAddress = ipAddress,
            // A deviceid claim proves a registered device and nothing else about it; no claim proves nothing.
            Device = deviceId is null ? null : DeviceProperties.FromDeviceId(deviceId),
            // Whoever presented a token used OAuth: modern authentication, never exchangeActiveSync or other.
            ClientAppType = ClientAppType.ModernAuthentication,
            Notes = notes.Count == 0 ? [] : notes.ToArray(),
        };
    }

    // The lists are this reader's own and never touched again, so they are handed out as they are.
    private List<string>? Multi(Kind kind) => _multi[(int)kind];

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
        var isEntraToken = EntraIssuer.TryGetTenant(issuer, out var issuerTenant);
        if (idpDropped)
        {
            external = null;
        }
        else if (idp is null)
        {
            // Entra documents a missing idp as "same as iss": a home-tenant account. Other issuers say nothing.
            external = isEntraToken ? false : null;
        }
        else if (string.Equals(idp, issuer, StringComparison.Ordinal))
        {
            external = false;
        }
        else if (EntraIssuer.TryGetTenant(idp, out var idpTenant))
        {
            // v1 and v2 issuer forms of the same tenant are the same home.
            var home = isEntraToken ? issuerTenant
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

    /// <summary>The old <c>SignInMapper.FromClaimsPrincipal</c>: claims of authenticated subjects through <c>principal.Claims</c>.</summary>
    public static SignInContext FromClaimsPrincipal(ClaimsPrincipal principal, IPAddress? ipAddress = null) =>
        Read(principal, static p => AuthenticatedClaims(p), ipAddress);

    /// <summary>The old <c>SignInMapper.FromClaimsIdentity</c>.</summary>
    public static SignInContext FromClaimsIdentity(ClaimsIdentity identity, IPAddress? ipAddress = null) =>
        !identity.IsAuthenticated
            ? new SignInContext { IpAddress = ipAddress, Notes = ["identity: not authenticated; no claim is read"] }
            : Read(identity, static i => i.Claims, ipAddress);

    private static IEnumerable<Claim> AuthenticatedClaims(ClaimsPrincipal principal)
    {
        foreach (var claim in principal.Claims)
        {
            if (claim?.Subject is { IsAuthenticated: true })
            {
                yield return claim;
            }
        }
    }
}
