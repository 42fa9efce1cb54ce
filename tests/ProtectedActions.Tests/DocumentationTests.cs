using System.Text.Json;
using System.Text.RegularExpressions;
using ProtectedActions.Tests.Support;

namespace ProtectedActions.Tests;

/// <summary>The configuration reference (docs/configuration.md) is checked against the JSON schema.</summary>
public class DocumentationTests
{
    private static JsonElement Schema()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "schemas", "protected-actions.schema.json")));
        return doc.RootElement.Clone();
    }

    private static IEnumerable<string> CamelCaseKeys(JsonElement properties) =>
        properties.EnumerateObject().Select(p => p.Name).Where(n => char.IsLower(n[0]));

    [Test]
    public void Every_top_level_key_and_setting_of_the_schema_is_documented()
    {
        var schema = Schema();
        var doc = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "configuration.md"));
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

    [Test]
    public async Task The_getting_started_configuration_does_what_the_guide_says()
    {
        var guide = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "getting-started.md")).ReplaceLineEndings("\n");
        var json = Regex.Match(guide, "```json\n(?<json>.*?)```", RegexOptions.Singleline, TimeSpan.FromSeconds(1)).Groups["json"].Value
            .Replace("<emergency-account-object-id>", "00000000-0000-0000-0000-0000000000bb", StringComparison.Ordinal)
            .Replace("<your-tenant-id>", Fixtures.Tenant, StringComparison.Ordinal);
        var document = ProtectedActionsDocument.Parse(json, "getting-started.md");
        document.HasErrors.Should().BeFalse(string.Join("; ", document.Errors));
        var validation = ProtectedActionsConfiguration.Validate(document.Options);
        validation.IsValid.Should().BeTrue();
        validation.Warnings.Should().BeEmpty("the guide's configuration follows every lint rule");

        var evaluator = ProtectedActionEvaluator.Create(document.Options, Fixtures.Clock());
        const string Permission = "contoso.billing/invoices/approve";
        (await evaluator.EvaluateAsync(new(Permission, Fixtures.Password()))).Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
        (await evaluator.EvaluateAsync(new(Permission, Fixtures.Fido2()))).Outcome.Should().Be(ProtectedActionOutcome.Allowed);
        (await evaluator.EvaluateAsync(new(Permission, Fixtures.Fido2(TimeSpan.FromHours(2))))).MaxAgeSeconds.Should().Be(3600);
        var challenge = (await evaluator.EvaluateAsync(new(Permission, Fixtures.Password()))).Challenge!.WwwAuthenticate.Single();
        guide.Should().Contain(challenge[(challenge.IndexOf("claims=", StringComparison.Ordinal) + 8)..^1], "the guide shows the real challenge");
    }
}
