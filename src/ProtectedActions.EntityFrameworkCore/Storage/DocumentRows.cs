using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ProtectedActions.EntityFrameworkCore.Storage;

/// <summary>
/// Splits a configuration document into one row per object (so the audit trail can say what changed) and joins
/// rows back into a document, through the same reader and writer the configuration file uses.
/// </summary>
internal static class DocumentRows
{
    /// <summary>The array sections and the property that keys their objects (first present wins).</summary>
    private static readonly Dictionary<string, string[]> s_keys = new(StringComparer.Ordinal)
    {
        ["authenticationContexts"] = ["id"],
        ["protectedActions"] = ["permission"],
        ["conditionalAccessPolicies"] = ["id", "displayName"],
        ["authenticationStrengthPolicies"] = ["id", "displayName"],
        ["namedLocations"] = ["id", "displayName"],
    };

    private static readonly JsonWriterOptions s_writer = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static List<ObjectRow> Split(string tenantId, ProtectedActionsOptions options)
    {
        var json = ProtectedActionsDocument.Serialize(options);
        using var document = JsonDocument.Parse(json);
        var rows = new List<ObjectRow>();
        foreach (var section in document.RootElement.EnumerateObject())
        {
            if (section.Value.ValueKind == JsonValueKind.Array)
            {
                var seen = new HashSet<string>(StringComparer.Ordinal);
                var ordinal = 0;
                foreach (var item in section.Value.EnumerateArray())
                {
                    var key = KeyOf(section.Name, item);
                    if (key is null || key.Length > ConfigurationDbContext.MaxKeyLength - 12 || !seen.Add(key))
                    {
                        key = "#" + ordinal.ToString(System.Globalization.CultureInfo.InvariantCulture);
                        seen.Add(key);
                    }

                    rows.Add(new ObjectRow { TenantId = tenantId, Kind = section.Name, Key = key, Ordinal = ordinal++, Json = item.GetRawText() });
                }
            }
            else
            {
                rows.Add(new ObjectRow { TenantId = tenantId, Kind = section.Name, Key = "", Ordinal = 0, Json = section.Value.GetRawText() });
            }
        }

        return rows;
    }

    private static string? KeyOf(string section, JsonElement item)
    {
        if (item.ValueKind != JsonValueKind.Object || !s_keys.TryGetValue(section, out var names))
        {
            return null;
        }

        foreach (var name in names)
        {
            if (item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } s)
            {
                return s;
            }
        }

        return null;
    }

    /// <summary>Joins rows into a document and reads it; throws when the stored rows do not read back (a damaged database).</summary>
    public static ProtectedActionsOptions Join(IEnumerable<ObjectRow> rows)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, s_writer))
        {
            writer.WriteStartObject();
            foreach (var section in rows.GroupBy(r => r.Kind, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                writer.WritePropertyName(section.Key);
                if (s_keys.ContainsKey(section.Key) || section.Count() > 1 || section.First().Key.Length > 0)
                {
                    writer.WriteStartArray();
                    foreach (var row in section.OrderBy(r => r.Ordinal))
                    {
                        writer.WriteRawValue(row.Json);
                    }

                    writer.WriteEndArray();
                }
                else
                {
                    writer.WriteRawValue(section.First().Json);
                }
            }

            writer.WriteEndObject();
        }

        var result = ProtectedActionsDocument.Parse(Encoding.UTF8.GetString(buffer.ToArray()), "store");
        if (result.HasErrors)
        {
            throw new InvalidDataException("The stored configuration does not read back: " + result.Errors[0].Code);
        }

        return result.Options;
    }
}
