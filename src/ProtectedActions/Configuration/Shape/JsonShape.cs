using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Configuration;

namespace ProtectedActions.Configuration.Shape;

/// <summary>What JSON a configuration type expects.</summary>
internal enum JsonShapeKind
{
    Object,
    Array,
    Map,
    String,
    Boolean,
    Integer,
    Enum,
    TimeSpan,
}

/// <summary>
/// The JSON shape of an options type, derived once from its public settable properties with the names the
/// configuration binder uses (camelCase, or <see cref="ConfigurationKeyNameAttribute"/>). Deriving it from the
/// types keeps the document reader, the binder and the JSON Schema test in step with the options model.
/// </summary>
internal sealed class JsonShape
{
    private static readonly ConcurrentDictionary<Type, JsonShape> Cache = new();

    private JsonShape(JsonShapeKind kind, Type clrType)
    {
        Kind = kind;
        ClrType = clrType;
    }

    public JsonShapeKind Kind { get; }
    public Type ClrType { get; }
    public JsonShape? Element { get; private set; }
    public IReadOnlyDictionary<string, JsonShapeProperty> Properties { get; private set; } = new Dictionary<string, JsonShapeProperty>();

    public static JsonShape For(Type type) => Cache.GetOrAdd(type, static t => Create(t, 0));

    /// <summary>OData annotations such as <c>@odata.context</c> or <c>ipRanges@odata.type</c> carry no configuration.</summary>
    public static bool IsAnnotation(string name) => name.Contains("@odata.", StringComparison.OrdinalIgnoreCase);

    private static JsonShape Create(Type type, int depth)
    {
        if (depth > 16)
        {
            throw new InvalidOperationException("Options type nesting is too deep: " + type.Name);
        }

        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying == typeof(string))
        {
            return new JsonShape(JsonShapeKind.String, underlying);
        }

        if (underlying == typeof(bool))
        {
            return new JsonShape(JsonShapeKind.Boolean, underlying);
        }

        if (underlying == typeof(int))
        {
            return new JsonShape(JsonShapeKind.Integer, underlying);
        }

        if (underlying == typeof(TimeSpan))
        {
            return new JsonShape(JsonShapeKind.TimeSpan, underlying);
        }

        if (underlying.IsEnum)
        {
            return new JsonShape(JsonShapeKind.Enum, underlying);
        }

        if (underlying.IsGenericType && underlying.GetGenericTypeDefinition() == typeof(Dictionary<,>))
        {
            var args = underlying.GetGenericArguments();
            if (args[0] != typeof(string) || (args[1] != typeof(string) && args[1] != typeof(List<string>)))
            {
                throw new InvalidOperationException("Only string-to-string and string-to-list-of-strings maps are supported: " + type.Name);
            }

            return new JsonShape(JsonShapeKind.Map, underlying) { Element = Create(args[1], depth + 1) };
        }

        if (underlying.IsGenericType && underlying.GetGenericTypeDefinition() == typeof(List<>))
        {
            return new JsonShape(JsonShapeKind.Array, underlying) { Element = Create(underlying.GetGenericArguments()[0], depth + 1) };
        }

        if (underlying.IsArray || underlying.IsInterface || underlying.IsAbstract || underlying.IsPrimitive
            || typeof(System.Collections.IEnumerable).IsAssignableFrom(underlying) || underlying.GetConstructor(Type.EmptyTypes) is null)
        {
            // Fail loudly (the binder-equivalence tests build every shape) rather than read such a property wrongly.
            throw new InvalidOperationException($"The document reader does not support options properties of type {underlying.Name}; use List<T>, Dictionary<string, string> or a class.");
        }

        var shape = new JsonShape(JsonShapeKind.Object, underlying);
        var properties = new Dictionary<string, JsonShapeProperty>(StringComparer.OrdinalIgnoreCase);
        foreach (var p in underlying.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (p.GetMethod is null || p.SetMethod is null || !p.SetMethod.IsPublic || p.GetIndexParameters().Length > 0
                || p.IsDefined(typeof(JsonIgnoreAttribute)))
            {
                continue;
            }

            var name = p.GetCustomAttribute<ConfigurationKeyNameAttribute>()?.Name ?? char.ToLowerInvariant(p.Name[0]) + p.Name[1..];
            properties.Add(name, new JsonShapeProperty(name, p, Create(p.PropertyType, depth + 1)));
        }

        shape.Properties = properties;
        return shape;
    }
}

/// <summary>One property of an object shape.</summary>
internal sealed class JsonShapeProperty(string name, PropertyInfo info, JsonShape shape)
{
    /// <summary>The JSON name (camelCase or the configuration key name).</summary>
    public string Name { get; } = name;
    public PropertyInfo Info { get; } = info;
    public JsonShape Shape { get; } = shape;
}
