using System.Reflection;
using System.Text.Json;
using Json.Schema;

namespace ProtectedActions.Cli.Tests.Schemas;

/// <summary>Loads the published schemas once and validates JSON against them, describing every failure.</summary>
internal static class SchemaFixture
{
    // One registry for all: policy-test.schema.json refers to signin.schema.json by its $id.
    private static readonly Lazy<Dictionary<string, JsonSchema>> LazySchemas = new(() =>
    {
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        return new[] { "signin.schema.json", "protected-actions.schema.json", "decision.schema.json", "policy-test.schema.json" }
            .ToDictionary(n => n, n => JsonSchema.FromText(File.ReadAllText(Path.Combine(RepositoryPaths.Schemas, n)), options), StringComparer.Ordinal);
    });

    public static JsonSchema Document => LazySchemas.Value["protected-actions.schema.json"];

    public static JsonSchema SignIn => LazySchemas.Value["signin.schema.json"];

    public static JsonSchema Decision => LazySchemas.Value["decision.schema.json"];

    public static JsonSchema PolicyTest => LazySchemas.Value["policy-test.schema.json"];

    public static JsonDocument ParseFile(string file) =>
        JsonDocument.Parse(File.ReadAllText(file), new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });

    /// <summary>Validates; returns the failures as "instance location: message" lines (empty when valid).</summary>
    public static IReadOnlyList<string> Failures(JsonSchema schema, JsonElement instance)
    {
        var results = schema.Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (results.IsValid)
        {
            return [];
        }

        var failures = (results.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}"))
            .ToList();
        return failures.Count > 0 ? failures : ["invalid"];
    }

    /// <summary>The property names a schema object definition declares.</summary>
    public static HashSet<string> DeclaredProperties(string schemaFile, params string[] location)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Schemas, schemaFile)));
        var e = doc.RootElement;
        foreach (var p in location)
        {
            e = e.GetProperty(p);
        }

        return e.GetProperty("properties").EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The camelCase names of a type's public settable properties (what the binder and the loader read).</summary>
    public static HashSet<string> SettableProperties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is not null)
            .Select(p => p.GetCustomAttribute<Microsoft.Extensions.Configuration.ConfigurationKeyNameAttribute>()?.Name ?? char.ToLowerInvariant(p.Name[0]) + p.Name[1..])
            .ToHashSet(StringComparer.Ordinal);

}
