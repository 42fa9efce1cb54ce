using System.Text.Json;
using ProtectedActions.Tests.Support;

namespace ProtectedActions.Tests;

/// <summary>The configuration reference (docs/configuration.md) is checked against the JSON schema.</summary>
public class DocumentationTests
{
    private static JsonElement Schema()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "schemas", "protected-actions.schema.json")));
        return doc.RootElement.Clone();
    }

    private static IEnumerable<string> CamelCaseKeys(JsonElement properties) =>
        properties.EnumerateObject().Select(p => p.Name).Where(n => char.IsLower(n[0]));

    [Test]
    public void Every_top_level_key_and_setting_of_the_schema_is_documented()
    {
        var schema = Schema();
        var doc = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docs", "configuration.md"));
        var keys = CamelCaseKeys(schema.GetProperty("properties")).Concat(CamelCaseKeys(schema.GetProperty("$defs").GetProperty("settings").GetProperty("properties")));
        keys.Should().NotBeEmpty();
        foreach (var key in keys)
        {
            doc.Should().Contain("`" + key + "`", $"docs/configuration.md documents '{key}'");
        }
    }

    [Test]
    public void Every_setting_of_the_options_class_is_in_the_schema()
    {
        var settings = Schema().GetProperty("$defs").GetProperty("settings").GetProperty("properties");
        foreach (var property in typeof(ProtectedActionsSettings).GetProperties())
        {
            var camel = char.ToLowerInvariant(property.Name[0]) + property.Name[1..];
            settings.TryGetProperty(camel, out _).Should().BeTrue($"the schema describes settings.{camel}");
        }
    }
}
