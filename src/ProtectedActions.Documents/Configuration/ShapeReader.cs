using System.Collections;
using System.Globalization;
using System.Text.Json;

namespace ProtectedActions.Configuration.Documents;

/// <summary>
/// Turns a parsed JSON element into options objects by walking it against a <see cref="JsonShape"/>: property
/// names case-insensitive, JSON <c>null</c> meaning absent, <c>@odata.*</c> annotations ignored, unknown
/// properties ignored and reported as <see cref="UnknownProperties"/> says, every wrong kind or bad value an error naming the JSON path
/// (and line). Values are converted as the configuration binder converts them (for example
/// <c>"true"</c> for a boolean), so a document means the same to this reader and to
/// <c>AddProtectedActions(IConfiguration)</c>. Recursion is bounded by the parser's depth limit.
/// </summary>
internal sealed class ShapeReader
{
    private readonly DocumentSource _source;
    private object? _item;
    private Type? _itemType;

    public ShapeReader(DocumentSource source) => _source = source;

    /// <summary>Reads an object of <paramref name="shape"/> into <paramref name="target"/> (or a new instance).</summary>
    public object? ReadObject(JsonElement element, JsonShape shape, string path, object? target, bool isDocumentRoot = false)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            _source.Error(DocumentCodes.WrongKind, path, $"expected an object, found {Describe(element.ValueKind)}");
            return null;
        }

        target ??= Activator.CreateInstance(shape.ClrType)!;
        var (outerItem, outerType) = (_item, _itemType);
        if (shape.ClrType == typeof(ConditionalAccessPolicy) || shape.ClrType == typeof(NamedLocation) || shape.ClrType == typeof(AuthenticationStrengthPolicy))
        {
            (_item, _itemType) = (target, shape.ClrType);
        }

        try
        {
            ReadMembers(element, shape, path, target, isDocumentRoot);
        }
        finally
        {
            (_item, _itemType) = (outerItem, outerType);
        }

        return target;
    }

    private void ReadMembers(JsonElement element, JsonShape shape, string path, object target, bool isDocumentRoot)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var member in element.EnumerateObject())
        {
            var memberPath = JsonPath.Property(path, member.Name);
            if (!shape.Properties.TryGetValue(member.Name, out var property))
            {
                if (!JsonShape.IsAnnotation(member.Name) && !(isDocumentRoot && member.Name == "$schema"))
                {
                    ReportUnknown(member.Name, shape, memberPath);
                }

                continue;
            }

            if (!seen.Add(property.Name))
            {
                _source.Error(DocumentCodes.DuplicateProperty, memberPath, $"property '{property.Name}' appears more than once in the same object; which one is meant is ambiguous");
                continue;
            }

            if (member.Value.ValueKind == JsonValueKind.Null)
            {
                continue; // null means absent: the default stays.
            }

            if (IsEmptyContainer(member.Value) && property.Shape.Kind is JsonShapeKind.Object or JsonShapeKind.Array or JsonShapeKind.Map)
            {
                // The configuration binder reads an empty array or object as absent (its JSON provider stores no
                // key for it); so does this reader, so that both mean the same. Graph exports also write
                // "locations": [] for an unset condition set, which is reported because the kind is wrong.
                if (IsEmptyContainerOfOtherKind(member.Value, property.Shape.Kind))
                {
                    if (_source.Summary is { } summary)
                    {
                        summary.Add(property.Name, emptyContainer: true, _itemType, _item ?? target, _source.Locate(memberPath));
                    }
                    else
                    {
                        _source.Information(DocumentCodes.UnknownProperty, memberPath,
                            $"empty {(member.Value.ValueKind == JsonValueKind.Array ? "array" : "object")} where {Expected(property.Shape.Kind)} belongs is treated as absent");
                    }
                }

                continue;
            }

            var existing = property.Shape.Kind is JsonShapeKind.Object or JsonShapeKind.Map ? property.Info.GetValue(target) : null;
            if (TryRead(member.Value, property.Shape, memberPath, existing, out var value))
            {
                property.Info.SetValue(target, value);
            }
        }

    }

    /// <summary>An unknown property: a Graph property not evaluated is summarised information; anything else a warning with a did-you-mean.</summary>
    private void ReportUnknown(string name, JsonShape shape, string memberPath)
    {
        if (UnknownProperties.IsGraphDefined(shape.ClrType, name))
        {
            if (_source.Summary is { } summary)
            {
                summary.Add(name, emptyContainer: false, _itemType, _item ?? shape, _source.Locate(memberPath));
            }
            else
            {
                _source.Information(DocumentCodes.UnknownProperty, memberPath, $"'{PrintableText.Of(name)}' is a Microsoft Graph property that is not evaluated; it is ignored");
            }

            return;
        }

        _source.Warning(DocumentCodes.UnknownPropertyWarning, memberPath, UnknownProperties.WarningMessage(name, shape.Properties.Keys));
    }

    private bool TryRead(JsonElement element, JsonShape shape, string path, object? existing, out object? value)
    {
        value = null;
        switch (shape.Kind)
        {
            case JsonShapeKind.Object:
                value = ReadObject(element, shape, path, existing);
                return value is not null;
            case JsonShapeKind.Array:
                return TryReadList(element, shape, path, out value);
            case JsonShapeKind.Map when shape.Element!.Kind == JsonShapeKind.Array:
                return TryReadListMap(element, shape, path, existing, out value);
            case JsonShapeKind.Map:
                return TryReadMap(element, path, existing, out value);
            case JsonShapeKind.String:
                if (element.ValueKind == JsonValueKind.String)
                {
                    value = element.GetString();
                    return true;
                }

                break;
            case JsonShapeKind.Boolean:
                if (element.ValueKind is JsonValueKind.True or JsonValueKind.False)
                {
                    value = element.GetBoolean();
                    return true;
                }

                if (element.ValueKind == JsonValueKind.String && bool.TryParse(element.GetString(), out var b))
                {
                    value = b;
                    return true;
                }

                break;
            case JsonShapeKind.Integer:
                if (element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out var i))
                {
                    value = i;
                    return true;
                }

                if (element.ValueKind == JsonValueKind.String && int.TryParse(element.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out i))
                {
                    value = i;
                    return true;
                }

                if (element.ValueKind is JsonValueKind.Number or JsonValueKind.String)
                {
                    _source.Error(DocumentCodes.InvalidValue, path, "expected a whole number between -2147483648 and 2147483647");
                    return false;
                }

                break;
            case JsonShapeKind.Enum:
                if (element.ValueKind == JsonValueKind.String)
                {
                    var text = element.GetString()!;
                    foreach (var name in Enum.GetNames(shape.ClrType))
                    {
                        if (string.Equals(name, text, StringComparison.OrdinalIgnoreCase))
                        {
                            value = Enum.Parse(shape.ClrType, name);
                            return true;
                        }
                    }

                    _source.Error(DocumentCodes.InvalidValue, path, $"'{PrintableText.Of(text)}' is not one of: {string.Join(", ", Enum.GetNames(shape.ClrType).Select(Camel))}");
                    return false;
                }

                break;
            case JsonShapeKind.TimeSpan:
                if (element.ValueKind == JsonValueKind.String)
                {
                    if (TimeSpan.TryParse(element.GetString(), CultureInfo.InvariantCulture, out var ts))
                    {
                        value = ts;
                        return true;
                    }

                    _source.Error(DocumentCodes.InvalidValue, path, "expected a time span such as \"00:05:00\" (hh:mm:ss)");
                    return false;
                }

                break;
        }

        _source.Error(DocumentCodes.WrongKind, path, $"expected {Expected(shape.Kind)}, found {Describe(element.ValueKind)}");
        return false;
    }

    private bool TryReadList(JsonElement element, JsonShape shape, string path, out object? value)
    {
        value = null;
        if (element.ValueKind != JsonValueKind.Array)
        {
            _source.Error(DocumentCodes.WrongKind, path, $"expected an array, found {Describe(element.ValueKind)}");
            return false;
        }

        var length = element.GetArrayLength();
        if (length > DocumentLimits.MaxListLength)
        {
            _source.Error(DocumentCodes.ListTooLong, path, $"the array has {length} entries, more than the {DocumentLimits.MaxListLength} allowed");
            return false;
        }

        var list = (IList)Activator.CreateInstance(shape.ClrType)!;
        var index = 0;
        var ok = true;
        foreach (var item in element.EnumerateArray())
        {
            var itemPath = JsonPath.Index(path, index++);
            if (item.ValueKind == JsonValueKind.Null)
            {
                _source.Error(DocumentCodes.NullEntry, itemPath, "an array entry is null");
                ok = false;
                continue;
            }

            if (TryRead(item, shape.Element!, itemPath, null, out var v))
            {
                list.Add(v);
            }
            else
            {
                ok = false;
            }
        }

        // A list with a bad entry is left out entirely rather than shortened: a shortened list of exclusions
        // would silently widen a policy.
        value = ok ? list : null;
        return ok;
    }

    private bool TryReadMap(JsonElement element, string path, object? existing, out object? value)
    {
        value = null;
        if (element.ValueKind != JsonValueKind.Object)
        {
            _source.Error(DocumentCodes.WrongKind, path, $"expected an object of strings, found {Describe(element.ValueKind)}");
            return false;
        }

        var map = existing as Dictionary<string, string> ?? new Dictionary<string, string>(StringComparer.Ordinal);
        var seen = new HashSet<string>(map.Comparer);
        foreach (var member in element.EnumerateObject())
        {
            var memberPath = JsonPath.Property(path, member.Name);
            if (!seen.Add(member.Name))
            {
                _source.Error(DocumentCodes.DuplicateProperty, memberPath, $"key '{PrintableText.Of(member.Name)}' appears more than once");
                continue;
            }

            switch (member.Value.ValueKind)
            {
                case JsonValueKind.Null:
                    continue;
                case JsonValueKind.String:
                    map[member.Name] = member.Value.GetString()!;
                    break;
                default:
                    _source.Error(DocumentCodes.WrongKind, memberPath, $"expected a string, found {Describe(member.Value.ValueKind)}");
                    break;
            }
        }

        value = map;
        return true;
    }

    // A map of string lists (an issuer's acr.contexts): each value is read as the list shape it is.
    private bool TryReadListMap(JsonElement element, JsonShape shape, string path, object? existing, out object? value)
    {
        value = null;
        if (element.ValueKind != JsonValueKind.Object)
        {
            _source.Error(DocumentCodes.WrongKind, path, $"expected an object of string arrays, found {Describe(element.ValueKind)}");
            return false;
        }

        var map = existing as Dictionary<string, List<string>> ?? new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var seen = new HashSet<string>(map.Comparer);
        foreach (var member in element.EnumerateObject())
        {
            var memberPath = JsonPath.Property(path, member.Name);
            if (!seen.Add(member.Name))
            {
                _source.Error(DocumentCodes.DuplicateProperty, memberPath, $"key '{PrintableText.Of(member.Name)}' appears more than once");
                continue;
            }

            if (member.Value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            if (TryRead(member.Value, shape.Element!, memberPath, null, out var list) && list is List<string> strings)
            {
                map[member.Name] = strings;
            }
        }

        value = map;
        return true;
    }

    internal static bool IsEmptyContainer(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Array => element.GetArrayLength() == 0,
        JsonValueKind.Object => !element.EnumerateObject().Any(),
        _ => false,
    };

    private static bool IsEmptyContainerOfOtherKind(JsonElement element, JsonShapeKind kind) => element.ValueKind switch
    {
        JsonValueKind.Array => kind is JsonShapeKind.Object or JsonShapeKind.Map && element.GetArrayLength() == 0,
        JsonValueKind.Object => kind == JsonShapeKind.Array && !element.EnumerateObject().Any(),
        _ => false,
    };

    internal static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    private static string Expected(JsonShapeKind kind) => kind switch
    {
        JsonShapeKind.Boolean => "true or false",
        JsonShapeKind.Integer => "a whole number",
        JsonShapeKind.Enum or JsonShapeKind.TimeSpan or JsonShapeKind.String => "a string",
        JsonShapeKind.Array => "an array",
        _ => "an object",
    };

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
