using System.Collections;
using System.Globalization;
using System.Text.Json;

namespace ProtectedActions.Configuration.Documents;

/// <summary>Writes options as a configuration document, walking the same <see cref="JsonShape"/> the reader uses.</summary>
internal static class DocumentWriter
{
    private static bool IsEmpty(object value, JsonShape shape) =>
        shape.Properties.Values.All(p => p.Info.GetValue(value) is not { } v || (p.Shape.Kind == JsonShapeKind.Object && IsEmpty(v, p.Shape)));

    public static void Write(Utf8JsonWriter writer, object value, JsonShape shape)
    {
        switch (shape.Kind)
        {
            case JsonShapeKind.Object:
                writer.WriteStartObject();
                foreach (var property in shape.Properties.Values)
                {
                    var v = property.Info.GetValue(value);
                    if (v is null || (property.Shape.Kind == JsonShapeKind.Object && IsEmpty(v, property.Shape)))
                    {
                        // An object without values reads back as absent (as for the binder): leave it out so that
                        // writing is stable.
                        continue;
                    }

                    writer.WritePropertyName(property.Name);
                    Write(writer, v, property.Shape);
                }

                writer.WriteEndObject();
                break;
            case JsonShapeKind.Array:
                writer.WriteStartArray();
                foreach (var item in (IEnumerable)value)
                {
                    Write(writer, item, shape.Element!);
                }

                writer.WriteEndArray();
                break;
            case JsonShapeKind.Map when value is Dictionary<string, List<string>> lists:
                writer.WriteStartObject();
                foreach (var pair in lists.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(pair.Key);
                    Write(writer, pair.Value, shape.Element!);
                }

                writer.WriteEndObject();
                break;
            case JsonShapeKind.Map:
                writer.WriteStartObject();
                foreach (var pair in ((Dictionary<string, string>)value).OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    writer.WriteString(pair.Key, pair.Value);
                }

                writer.WriteEndObject();
                break;
            case JsonShapeKind.Boolean:
                writer.WriteBooleanValue((bool)value);
                break;
            case JsonShapeKind.Integer:
                writer.WriteNumberValue((int)value);
                break;
            case JsonShapeKind.Enum:
                var name = value.ToString()!;
                writer.WriteStringValue(char.ToLowerInvariant(name[0]) + name[1..]);
                break;
            case JsonShapeKind.TimeSpan:
                writer.WriteStringValue(((TimeSpan)value).ToString("c", CultureInfo.InvariantCulture));
                break;
            default:
                writer.WriteStringValue((string)value);
                break;
        }
    }
}
