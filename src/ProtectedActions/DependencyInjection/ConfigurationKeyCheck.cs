using Microsoft.Extensions.Configuration;
using ProtectedActions.Configuration.Shape;

namespace ProtectedActions.DependencyInjection;

/// <summary>
/// The configuration binder ignores keys that match no options property, so <c>AddProtectedActions(IConfiguration)</c>
/// would silently drop a misspelt <c>grantControl</c> or <c>settings:strictMod</c>. This walks the bound section's
/// key tree against the options' shape (the same shape the document reader uses) and reports, as the document
/// reader does: a key unknown in the library's own sections, or unknown to Microsoft Graph in a policy, as a
/// warning (PA6030) with a did-you-mean; a Graph property the library does not evaluate as information (PA6004),
/// once per property name with a count. Never an error: the snapshot still loads.
/// </summary>
internal sealed class ConfigurationKeyCheck(IConfiguration configuration, string rootPath)
{
    /// <summary>The issues of the section as it is now (configuration reloads are seen on the next call).</summary>
    public IReadOnlyList<ConfigurationIssue> Check()
    {
        var issues = new List<ConfigurationIssue>();
        var summary = new UnknownPropertySummary();
        WalkObject(configuration, JsonShape.For(typeof(ProtectedActionsOptions)), rootPath, issues, summary, null, null, isRoot: true);
        issues.AddRange(summary.Issues());
        return issues;
    }

    private static void WalkObject(IConfiguration section, JsonShape shape, string path, List<ConfigurationIssue> issues,
        UnknownPropertySummary summary, object? item, Type? itemType, bool isRoot = false)
    {
        if (shape.ClrType == typeof(ConditionalAccessPolicy) || shape.ClrType == typeof(NamedLocation) || shape.ClrType == typeof(AuthenticationStrengthPolicy))
        {
            (item, itemType) = (path, shape.ClrType);
        }

        foreach (var child in section.GetChildren())
        {
            var key = child.Key;
            var childPath = path + ":" + key;
            if (JsonShape.IsAnnotation(key) || (isRoot && key == "$schema"))
            {
                continue;
            }

            if (!shape.Properties.TryGetValue(key, out var property))
            {
                if (UnknownProperties.IsGraphDefined(shape.ClrType, key))
                {
                    summary.Add(key, emptyContainer: false, itemType, item ?? childPath, childPath);
                }
                else
                {
                    var message = UnknownProperties.WarningMessage(key, shape.Properties.Keys);
                    issues.Add(new ConfigurationIssue(ConfigurationSeverity.Warning, DocumentCodes.UnknownPropertyWarning, childPath,
                        message.EndsWith('?') ? message : message + "."));
                }

                continue;
            }

            switch (property.Shape.Kind)
            {
                case JsonShapeKind.Object:
                    WalkObject(child, property.Shape, childPath, issues, summary, item, itemType);
                    break;
                case JsonShapeKind.Array when property.Shape.Element is { Kind: JsonShapeKind.Object } element:
                    foreach (var entry in child.GetChildren())
                    {
                        WalkObject(entry, element, path + ":" + key + "[" + entry.Key + "]", issues, summary, item, itemType);
                    }

                    break;
            }
        }
    }
}
