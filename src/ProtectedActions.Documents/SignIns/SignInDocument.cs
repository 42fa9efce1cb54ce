using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json;
using ProtectedActions.Configuration.Documents;
using ProtectedActions.Model;

namespace ProtectedActions;

/// <summary>
/// Reads a sign-in file, the What-If input describing who signs in, how and from where, into a
/// <see cref="SignInContext"/> and the evaluation instant. Every field is optional:
/// <c>userId</c>, <c>tenantId</c>, <c>groupIds</c>, <c>roleIds</c>, <c>userType</c> (<c>member</c>|<c>guest</c>),
/// <c>guestOrExternalUserTypes</c>, <c>amr</c>, <c>authenticationMethods</c> (method-mode names),
/// <c>authenticationTime</c> (ISO 8601 or epoch seconds), <c>acrs</c>, <c>xms_cc</c>, <c>acr</c>, <c>issuer</c>,
/// <c>ipAddress</c>, <c>country</c>, <c>devicePlatform</c>, <c>clientAppType</c>, <c>device</c> (device properties
/// as device filter rules name them), <c>signInRiskLevel</c>, <c>userRiskLevel</c>, <c>now</c>.
/// </summary>
/// <remarks>
/// Unlike the configuration document, the sign-in is read strictly: an unknown property is an error (a misspelt
/// <c>amr</c> would otherwise silently describe a different sign-in); <c>$schema</c> and <c>description</c> are
/// allowed. JSON <c>null</c> means absent. Bounds: 1 MiB, depth 64, 10,000 entries per array, 4,096 characters
/// per string.
/// </remarks>
public static class SignInDocument
{
    private static readonly Dictionary<string, PropertyInfo> DeviceSetters = typeof(DeviceProperties)
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.SetMethod is not null)
        .ToDictionary(p => char.ToLowerInvariant(p.Name[0]) + p.Name[1..], StringComparer.OrdinalIgnoreCase);

    /// <summary>Reads a sign-in from a string.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="source">A name for the text in issue paths; optional.</param>
    public static SignInDocumentResult Parse(string json, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        var issues = new List<ConfigurationIssue>();
        var src = new DocumentSource(source, issues);
        if (Encoding.UTF8.GetByteCount(json) > DocumentLimits.MaxSignInBytes)
        {
            src.Error(DocumentCodes.Unreadable, JsonPath.Root, $"the text is larger than the {DocumentLimits.MaxSignInBytes} bytes allowed");
            return new SignInDocumentResult(null, null, issues);
        }

        using var document = JsonText.Parse(Encoding.UTF8.GetBytes(json), src);
        return document is null ? new SignInDocumentResult(null, null, issues) : Read(document.RootElement, src, JsonPath.Root, issues);
    }

    /// <summary>Reads a sign-in file (UTF-8, or UTF-16 with a byte-order mark; at most 1 MiB).</summary>
    public static SignInDocumentResult LoadFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var issues = new List<ConfigurationIssue>();
        var src = new DocumentSource(path, issues);
        using var document = JsonText.ParseFile(path, DocumentLimits.MaxSignInBytes, src);
        return document is null ? new SignInDocumentResult(null, null, issues) : Read(document.RootElement, src, JsonPath.Root, issues);
    }

    /// <summary>Reads a sign-in from an already parsed element (for example one embedded in a policy test).</summary>
    /// <param name="element">The sign-in object.</param>
    /// <param name="source">A name for the containing file in issue paths; optional.</param>
    /// <param name="path">The JSON path of <paramref name="element"/> in that file. Default <c>$</c>.</param>
    public static SignInDocumentResult Read(JsonElement element, string? source = null, string path = JsonPath.Root)
    {
        ArgumentNullException.ThrowIfNull(path);
        var issues = new List<ConfigurationIssue>();
        var src = new DocumentSource(source, issues);
        try
        {
            return Read(element, src, path, issues);
        }
        catch (InvalidOperationException)
        {
            // An element parsed elsewhere may hold an escaped lone surrogate, which cannot be decoded.
            src.Error(DocumentCodes.InvalidJson, path, "a string holds an escaped lone surrogate (\\uD800-\\uDFFF without its pair)");
            return new SignInDocumentResult(null, null, issues);
        }
    }

    private static SignInDocumentResult Read(JsonElement root, DocumentSource src, string path, List<ConfigurationIssue> issues)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            src.Error(DocumentCodes.RootNotObject, path, $"a sign-in must be a JSON object, found {ShapeReader.Describe(root.ValueKind)}");
            return new SignInDocumentResult(null, null, issues);
        }

        var r = new FieldReader(src);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        string? userId = null, tenantId = null, acr = null, issuer = null, country = null;
        IReadOnlyList<string>? groups = null, roles = null, amr = null, acrs = null, xmsCc = null;
        UserType? userType = null;
        var guestTypes = GuestOrExternalUserTypes.None;
        AuthenticationMethodModes? methods = null;
        DateTimeOffset? authTime = null, now = null;
        IPAddress? ip = null;
        DevicePlatform? platform = null;
        ClientAppType? clientApp = null;
        DeviceProperties? device = null;
        RiskLevel? signInRisk = null, userRisk = null;

        foreach (var member in root.EnumerateObject())
        {
            var p = JsonPath.Property(path, member.Name);
            if (!seen.Add(member.Name))
            {
                src.Error(DocumentCodes.DuplicateProperty, p, $"property '{PrintableText.Of(member.Name)}' appears more than once");
                continue;
            }

            var v = member.Value;
            if (v.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            switch (member.Name.ToUpperInvariant())
            {
                case "$SCHEMA" or "DESCRIPTION": break;
                case "USERID": userId = r.String(v, p); break;
                case "TENANTID": tenantId = r.String(v, p); break;
                case "GROUPIDS": groups = r.Strings(v, p, allowSingle: false); break;
                case "ROLEIDS": roles = r.Strings(v, p, allowSingle: false); break;
                case "USERTYPE": userType = r.Enum<UserType>(v, p); break;
                case "GUESTOREXTERNALUSERTYPES": guestTypes = r.Flags(v, p, ParseGuestType, "guest or external user type"); break;
                case "AMR": amr = r.Strings(v, p, allowSingle: true); break;
                case "AUTHENTICATIONMETHODS": methods = r.Flags(v, p, ParseMethod, "authentication method mode"); break;
                case "AUTHENTICATIONTIME": authTime = r.Instant(v, p); break;
                case "ACRS": acrs = r.Strings(v, p, allowSingle: true); break;
                case "XMS_CC": xmsCc = r.Strings(v, p, allowSingle: true); break;
                case "ACR": acr = r.String(v, p); break;
                case "ISSUER": issuer = r.String(v, p); break;
                case "IPADDRESS": ip = r.Address(v, p); break;
                case "COUNTRY": country = r.Country(v, p); break;
                case "DEVICEPLATFORM": platform = r.Enum<DevicePlatform>(v, p); break;
                case "CLIENTAPPTYPE": clientApp = r.Enum<ClientAppType>(v, p); break;
                case "DEVICE": device = ReadDevice(v, p, r, src); break;
                case "SIGNINRISKLEVEL": signInRisk = r.Enum<RiskLevel>(v, p); break;
                case "USERRISKLEVEL": userRisk = r.Enum<RiskLevel>(v, p); break;
                case "NOW": now = r.Instant(v, p); break;
                default:
                    src.Error(DocumentCodes.UnknownSignInProperty, p, $"'{PrintableText.Of(member.Name)}' is not a sign-in property (see docs/cli.md for the sign-in contract)");
                    break;
            }
        }

        var signIn = new SignInContext
        {
            UserId = userId,
            TenantId = tenantId,
            Issuer = issuer,
            GroupIds = groups,
            RoleIds = roles,
            UserType = userType,
            GuestOrExternalUserTypes = guestTypes,
            AuthenticationMethodReferences = amr,
            AuthenticationMethods = methods,
            AuthenticationTime = authTime,
            SatisfiedContexts = acrs,
            ClientCapabilities = xmsCc,
            Acr = acr,
            IpAddress = ip,
            Country = country,
            DevicePlatform = platform,
            ClientAppType = clientApp,
            Device = device,
            SignInRiskLevel = signInRisk,
            UserRiskLevel = userRisk,
        };
        return new SignInDocumentResult(signIn, now, issues);
    }

    private static DeviceProperties? ReadDevice(JsonElement v, string path, FieldReader r, DocumentSource src)
    {
        if (v.ValueKind != JsonValueKind.Object)
        {
            src.Error(DocumentCodes.WrongKind, path, $"expected an object of device properties, found {ShapeReader.Describe(v.ValueKind)}");
            return null;
        }

        var device = new DeviceProperties();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var member in v.EnumerateObject())
        {
            var p = JsonPath.Property(path, member.Name);
            if (!DeviceSetters.TryGetValue(member.Name, out var property))
            {
                src.Error(DocumentCodes.UnknownSignInProperty, p, $"'{PrintableText.Of(member.Name)}' is not a device property (device filter rule names: deviceId, isCompliant, trustType, ...)");
                continue;
            }

            if (!seen.Add(member.Name))
            {
                src.Error(DocumentCodes.DuplicateProperty, p, $"property '{PrintableText.Of(member.Name)}' appears more than once");
                continue;
            }

            if (member.Value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            object? value = property.PropertyType == typeof(bool?) ? r.Boolean(member.Value, p)
                : property.PropertyType == typeof(string) ? r.String(member.Value, p)
                : r.Strings(member.Value, p, allowSingle: false);
            property.SetValue(device, value);
        }

        return device;
    }

    private static GuestOrExternalUserTypes? ParseGuestType(string name) =>
        System.Enum.TryParse<GuestOrExternalUserTypes>(name, ignoreCase: true, out var t) && IsName(name) && t != GuestOrExternalUserTypes.None ? t : null;

    private static AuthenticationMethodModes? ParseMethod(string name) =>
        AuthenticationStrengthCatalog.ModeNames.TryGetValue(name, out var m) ? m
        : name.Equals("unspecifiedSecondFactor", StringComparison.OrdinalIgnoreCase) ? AuthenticationMethodModes.UnspecifiedSecondFactor
        : null;

    private static bool IsName(string s) => s.Length > 0 && s.All(char.IsAsciiLetterOrDigit) && char.IsAsciiLetter(s[0]);

    /// <summary>Reads typed values, reporting each problem at its path.</summary>
    private sealed class FieldReader(DocumentSource src)
    {
        public string? String(JsonElement v, string path)
        {
            if (v.ValueKind != JsonValueKind.String)
            {
                src.Error(DocumentCodes.WrongKind, path, $"expected a string, found {ShapeReader.Describe(v.ValueKind)}");
                return null;
            }

            var s = v.GetString()!;
            if (s.Length > DocumentLimits.MaxSignInStringLength)
            {
                src.Error(DocumentCodes.InvalidValue, path, $"the string is longer than {DocumentLimits.MaxSignInStringLength} characters");
                return null;
            }

            return s;
        }

        public bool? Boolean(JsonElement v, string path)
        {
            if (v.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                return v.GetBoolean();
            }

            src.Error(DocumentCodes.WrongKind, path, $"expected true or false, found {ShapeReader.Describe(v.ValueKind)}");
            return null;
        }

        public List<string>? Strings(JsonElement v, string path, bool allowSingle)
        {
            if (allowSingle && v.ValueKind == JsonValueKind.String)
            {
                return String(v, path) is { } single ? [single] : null;
            }

            if (v.ValueKind != JsonValueKind.Array)
            {
                src.Error(DocumentCodes.WrongKind, path, $"expected an array of strings{(allowSingle ? " or a string" : "")}, found {ShapeReader.Describe(v.ValueKind)}");
                return null;
            }

            if (v.GetArrayLength() > DocumentLimits.MaxListLength)
            {
                src.Error(DocumentCodes.ListTooLong, path, $"the array has more than {DocumentLimits.MaxListLength} entries");
                return null;
            }

            var list = new List<string>(v.GetArrayLength());
            var i = 0;
            foreach (var item in v.EnumerateArray())
            {
                if (String(item, JsonPath.Index(path, i++)) is { } s)
                {
                    list.Add(s);
                }
            }

            return list;
        }

        public T? Enum<T>(JsonElement v, string path)
            where T : struct, System.Enum
        {
            if (String(v, path) is not { } s)
            {
                return null;
            }

            foreach (var name in System.Enum.GetNames<T>())
            {
                if (name.Equals(s, StringComparison.OrdinalIgnoreCase))
                {
                    return System.Enum.Parse<T>(name);
                }
            }

            src.Error(DocumentCodes.InvalidValue, path, $"'{PrintableText.Of(s)}' is not one of: {string.Join(", ", System.Enum.GetNames<T>().Select(n => char.ToLowerInvariant(n[0]) + n[1..]))}");
            return null;
        }

        /// <summary>Flags from an array of names or one comma-joined string.</summary>
        public TFlags Flags<TFlags>(JsonElement v, string path, Func<string, TFlags?> parse, string what)
            where TFlags : struct, System.Enum
        {
            IReadOnlyList<string>? names = v.ValueKind == JsonValueKind.String
                ? String(v, path)?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                : Strings(v, path, allowSingle: false);
            ulong bits = 0;
            foreach (var name in names ?? [])
            {
                if (parse(name) is { } flag)
                {
                    bits |= Convert.ToUInt64(flag, CultureInfo.InvariantCulture);
                }
                else
                {
                    src.Error(DocumentCodes.InvalidValue, path, $"'{PrintableText.Of(name)}' is not a known {what}");
                }
            }

            return (TFlags)System.Enum.ToObject(typeof(TFlags), bits);
        }

        /// <summary>An instant: an ISO 8601 string (an offset or <c>Z</c> is required) or epoch seconds.</summary>
        public DateTimeOffset? Instant(JsonElement v, string path)
        {
            if (v.ValueKind == JsonValueKind.Number)
            {
                if (v.TryGetInt64(out var seconds) && seconds is >= 0 and <= 253402300799)
                {
                    return DateTimeOffset.FromUnixTimeSeconds(seconds);
                }

                src.Error(DocumentCodes.InvalidValue, path, "expected whole epoch seconds between 0 and 253402300799");
                return null;
            }

            if (String(v, path) is not { } s)
            {
                return null;
            }

            if (DateTimeOffset.TryParseExact(s, ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK"],
                    CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant) && (s.EndsWith('Z') || s.EndsWith('z') || HasOffset(s)))
            {
                return instant;
            }

            src.Error(DocumentCodes.InvalidValue, path, "expected an ISO 8601 instant with a time zone, such as \"2026-01-01T12:00:00Z\", or epoch seconds");
            return null;
        }

        public IPAddress? Address(JsonElement v, string path)
        {
            if (String(v, path) is not { } s)
            {
                return null;
            }

            // IPAddress.TryParse also accepts shorthand such as "1" (0.0.0.1); require a dotted or colon form.
            if ((s.Contains('.', StringComparison.Ordinal) || s.Contains(':', StringComparison.Ordinal)) && s.Length <= 64 && IPAddress.TryParse(s, out var ip))
            {
                return ip;
            }

            src.Error(DocumentCodes.InvalidValue, path, "expected an IPv4 or IPv6 address");
            return null;
        }

        public string? Country(JsonElement v, string path)
        {
            if (String(v, path) is not { } s)
            {
                return null;
            }

            if (s.Length == 2 && char.IsAsciiLetter(s[0]) && char.IsAsciiLetter(s[1]))
            {
                return s.ToUpperInvariant();
            }

            src.Error(DocumentCodes.InvalidValue, path, "expected an ISO 3166 alpha-2 country code such as \"DE\"");
            return null;
        }

        private static bool HasOffset(string s)
        {
            var t = s.IndexOf('T', StringComparison.OrdinalIgnoreCase);
            return t > 0 && (s.IndexOf('+', t) > 0 || s.IndexOf('-', t) > 0);
        }
    }
}
