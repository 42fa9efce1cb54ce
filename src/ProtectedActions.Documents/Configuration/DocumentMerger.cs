using System.Text.Json;

namespace ProtectedActions.Configuration.Documents;

/// <summary>
/// Accumulates configuration documents and Graph exports into one <see cref="ProtectedActionsOptions"/>:
/// lists are concatenated in input order, emergency-access accounts united, and <c>settings</c> taken from the
/// one document that sets them (two documents setting them is an error: which should win is not obvious).
/// Remembers where every list entry came from so that validation paths can be traced back to files.
/// </summary>
internal sealed class DocumentMerger
{
    private static readonly string[] DocumentKeys =
    [
        "authenticationContexts", "protectedActions", "conditionalAccessPolicies", "authenticationStrengthPolicies",
        "namedLocations", "emergencyAccessAccounts", "settings",
    ];

    private readonly Dictionary<string, List<string>> _origins = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _sectionOrigins = new(StringComparer.OrdinalIgnoreCase);
    private string? _settingsOrigin;

    public ProtectedActionsOptions Options { get; } = new();
    public List<ConfigurationIssue> Issues { get; } = [];
    public List<string> Files { get; } = [];

    public DocumentSource NewSource(string? name) => new(name, Issues, Summary);

    /// <summary>Information-only unknown properties, reported once per property name.</summary>
    public UnknownPropertySummary Summary { get; } = new();

    /// <summary>Whether <paramref name="root"/> is a configuration document (bare or as an appsettings section) rather than a Graph export.</summary>
    public static bool IsDocument(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        var any = false;
        foreach (var member in root.EnumerateObject())
        {
            if (member.Name == "$schema")
            {
                continue;
            }

            any = true;
            if (IsSection(member) || DocumentKeys.Contains(member.Name, StringComparer.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return !any;
    }

    /// <summary>Reads a configuration document (bare, or the <c>ProtectedActions</c> section of an appsettings.json) and merges it.</summary>
    public void AddDocument(JsonElement root, DocumentSource source)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            source.Error(DocumentCodes.RootNotObject, JsonPath.Root, $"a configuration document must be a JSON object, found {ShapeReader.Describe(root.ValueKind)}");
            return;
        }

        var body = root;
        var path = JsonPath.Root;
        foreach (var member in root.EnumerateObject())
        {
            if (IsSection(member))
            {
                body = member.Value;
                path = JsonPath.Property(JsonPath.Root, member.Name);
                break;
            }
        }

        if (body.ValueKind == JsonValueKind.Object && !body.EnumerateObject().Any(m => DocumentKeys.Contains(m.Name, StringComparer.OrdinalIgnoreCase))
            && body.EnumerateObject().Any(m => m.Name != "$schema"))
        {
            source.Warning(DocumentCodes.NotADocument, path,
                "none of the document's keys (authenticationContexts, protectedActions, conditionalAccessPolicies, ...) is here; if this is a Microsoft Graph export, read it as one");
        }

        var document = new ProtectedActionsOptions();
        new ShapeReader(source).ReadObject(body, JsonShape.For(typeof(ProtectedActionsOptions)), path, document, isDocumentRoot: path == JsonPath.Root);
        var origin = source.Locate(path);
        var names = body.ValueKind != JsonValueKind.Object ? [] : body.EnumerateObject().Where(m => m.Value.ValueKind != JsonValueKind.Null && !ShapeReader.IsEmptyContainer(m.Value)).Select(m => m.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);

        Append(Options.AuthenticationContexts, document.AuthenticationContexts, "AuthenticationContexts", origin, body, "authenticationContexts");
        Append(Options.ProtectedActions, document.ProtectedActions, "ProtectedActions", origin, body, "protectedActions");
        Append(Options.ConditionalAccessPolicies, document.ConditionalAccessPolicies, "ConditionalAccessPolicies", origin, body, "conditionalAccessPolicies");
        Append(Options.AuthenticationStrengthPolicies, document.AuthenticationStrengthPolicies, "AuthenticationStrengthPolicies", origin, body, "authenticationStrengthPolicies");
        Append(Options.NamedLocations, document.NamedLocations, "NamedLocations", origin, body, "namedLocations");
        Options.EmergencyAccessAccounts.UserIds.AddRange(document.EmergencyAccessAccounts.UserIds);
        Options.EmergencyAccessAccounts.GroupIds.AddRange(document.EmergencyAccessAccounts.GroupIds);
        if (names.TryGetValue("emergencyAccessAccounts", out var emergencyName))
        {
            _sectionOrigins.TryAdd("EmergencyAccessAccounts", JsonPath.Property(origin, emergencyName));
        }

        if (names.TryGetValue("settings", out var settingsName))
        {
            if (_settingsOrigin is not null)
            {
                source.Error(DocumentCodes.DuplicateSettings, JsonPath.Property(path, settingsName),
                    $"settings are already set by {_settingsOrigin}; set them in one document only");
            }
            else
            {
                _settingsOrigin = JsonPath.Property(origin, settingsName);
                _sectionOrigins["Settings"] = _settingsOrigin;
                Options.Settings = document.Settings;
            }
        }
    }

    public void AddPolicy(ConditionalAccessPolicy policy, string origin) => Add(Options.ConditionalAccessPolicies, policy, "ConditionalAccessPolicies", origin);

    public void AddNamedLocation(NamedLocation location, string origin) => Add(Options.NamedLocations, location, "NamedLocations", origin);

    public void AddStrength(AuthenticationStrengthPolicy strength, string origin) => Add(Options.AuthenticationStrengthPolicies, strength, "AuthenticationStrengthPolicies", origin);

    /// <summary>Where a configuration path (<c>ProtectedActions:ConditionalAccessPolicies[2]:conditions</c>) came from, as <c>file#$.json.path</c>.</summary>
    public string? Locate(string configurationPath)
    {
        var segments = configurationPath.Split(':');
        var start = segments.Length > 0 && segments[0].Equals(ProtectedActionsOptions.SectionName, StringComparison.OrdinalIgnoreCase) ? 1 : 0;
        if (segments.Length <= start)
        {
            return null;
        }

        var head = segments[start];
        string? located = null;
        var bracket = head.IndexOf('[', StringComparison.Ordinal);
        if (bracket > 0 && head.EndsWith(']') && int.TryParse(head.AsSpan(bracket + 1, head.Length - bracket - 2), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index)
            && _origins.TryGetValue(head[..bracket], out var list) && index < list.Count)
        {
            located = list[index];
        }
        else if (_sectionOrigins.TryGetValue(head, out var section))
        {
            located = section;
        }

        if (located is null)
        {
            return null;
        }

        for (var i = start + 1; i < segments.Length; i++)
        {
            var segment = segments[i];
            var b = segment.IndexOf('[', StringComparison.Ordinal);
            located = b > 0 ? JsonPath.Property(located, segment[..b]) + segment[b..] : JsonPath.Property(located, segment);
        }

        return located;
    }

    private void Append<T>(List<T> target, List<T> items, string listName, string origin, JsonElement body, string jsonName)
    {
        string? actualName = null;
        foreach (var member in body.EnumerateObject())
        {
            if (member.Name.Equals(jsonName, StringComparison.OrdinalIgnoreCase))
            {
                actualName = member.Name;
            }
        }

        for (var i = 0; i < items.Count; i++)
        {
            Add(target, items[i], listName, JsonPath.Index(JsonPath.Property(origin, actualName ?? jsonName), i));
        }
    }

    private void Add<T>(List<T> target, T item, string listName, string origin)
    {
        target.Add(item);
        if (!_origins.TryGetValue(listName, out var list))
        {
            _origins[listName] = list = [];
        }

        list.Add(origin);
    }

    private static bool IsSection(JsonProperty member) =>
        member.Value.ValueKind == JsonValueKind.Object && member.Name.Equals(ProtectedActionsOptions.SectionName, StringComparison.OrdinalIgnoreCase);
}
