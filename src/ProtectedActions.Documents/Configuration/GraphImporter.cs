using System.Text.Json;

namespace ProtectedActions.Configuration.Documents;

/// <summary>
/// Reads Microsoft Graph exports: one object, an array of objects, or a list response (<c>{"value":[...]}</c>)
/// of Conditional Access policies, named locations and authentication strengths. The kind of each object
/// comes from its <c>@odata.type</c>, else from its shape (<c>conditions</c>/<c>grantControls</c>: policy;
/// <c>ipRanges</c>/<c>countriesAndRegions</c>/<c>compliantNetworkType</c>: named location; <c>allowedCombinations</c>:
/// strength; a <c>details</c> object: a Conditional Access template, imported as a report-only policy). An object
/// that is none of these, or that has errors, is rejected with the reason; the rest of the file still loads.
/// Placeholder values such as <c>&lt;AdministratorGroup&gt;</c> stay as they are: opaque ids.
/// </summary>
internal static class GraphImporter
{
    private enum GraphKind
    {
        Unknown,
        Policy,
        NamedLocation,
        Strength,
        Template,
    }

    /// <summary>The state a template is imported in unless the document says otherwise: report-only, as Entra creates policies from templates.</summary>
    internal const string TemplateState = "enabledForReportingButNotEnforced";

    public static void AddExport(JsonElement root, DocumentSource source, DocumentMerger merger)
    {
        switch (root.ValueKind)
        {
            case JsonValueKind.Array:
                AddItems(root, JsonPath.Root, source, merger);
                return;
            case JsonValueKind.Object when TryGetList(root, out var list, out var listName):
                if (root.EnumerateObject().Any(m => m.Name.Equals("@odata.nextLink", StringComparison.OrdinalIgnoreCase)))
                {
                    source.Warning(DocumentCodes.UnsupportedGraphFile, JsonPath.Property(JsonPath.Root, "@odata.nextLink"),
                        "the list response has more pages (@odata.nextLink); only this page was read");
                }

                AddItems(list, JsonPath.Property(JsonPath.Root, listName), source, merger);
                return;
            case JsonValueKind.Object:
                AddItem(root, JsonPath.Root, source, merger);
                return;
            default:
                source.Error(DocumentCodes.UnsupportedGraphFile, JsonPath.Root,
                    $"rejected: a Graph export must be an object, an array or a list response {{\"value\":[...]}}, found {ShapeReader.Describe(root.ValueKind)}");
                return;
        }
    }

    private static bool TryGetList(JsonElement root, out JsonElement list, out string name)
    {
        foreach (var member in root.EnumerateObject())
        {
            if (member.Name.Equals("value", StringComparison.OrdinalIgnoreCase) && member.Value.ValueKind == JsonValueKind.Array)
            {
                list = member.Value;
                name = member.Name;
                return true;
            }
        }

        list = default;
        name = "";
        return false;
    }

    private static void AddItems(JsonElement array, string path, DocumentSource source, DocumentMerger merger)
    {
        var length = array.GetArrayLength();
        if (length > DocumentLimits.MaxListLength)
        {
            source.Error(DocumentCodes.ListTooLong, path, $"rejected: the array has {length} entries, more than the {DocumentLimits.MaxListLength} allowed");
            return;
        }

        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            AddItem(item, JsonPath.Index(path, index++), source, merger);
        }
    }

    private static void AddItem(JsonElement item, string path, DocumentSource source, DocumentMerger merger)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            source.Error(DocumentCodes.UnsupportedGraphObject, path, $"rejected: expected a Graph object, found {ShapeReader.Describe(item.ValueKind)}");
            return;
        }

        var kind = Classify(item, out var odataType);
        if (kind == GraphKind.Unknown)
        {
            source.Error(DocumentCodes.UnsupportedGraphObject, path, odataType is not null
                ? $"rejected: Graph type '{PrintableText.Of(odataType)}' is not a Conditional Access policy, named location or authentication strength"
                : "rejected: cannot tell what this object is (a Conditional Access policy has conditions or grantControls, a named location ipRanges or countriesAndRegions, an authentication strength allowedCombinations, a Conditional Access template details)");
            return;
        }

        if (kind == GraphKind.Template)
        {
            AddTemplate(item, path, source, merger);
            return;
        }

        var errorsBefore = source.ErrorCount;
        var reader = new ShapeReader(source);
        var origin = source.Locate(path);
        var read = kind switch
        {
            GraphKind.Policy => reader.ReadObject(item, JsonShape.For(typeof(ConditionalAccessPolicy)), path, null),
            GraphKind.NamedLocation => reader.ReadObject(item, JsonShape.For(typeof(NamedLocation)), path, null),
            _ => reader.ReadObject(item, JsonShape.For(typeof(AuthenticationStrengthPolicy)), path, null),
        };

        if (source.ErrorCount != errorsBefore)
        {
            source.Error(DocumentCodes.UnsupportedGraphObject, path, "rejected: the object has the errors listed above");
            return;
        }

        switch (read)
        {
            case ConditionalAccessPolicy policy:
                merger.AddPolicy(policy, origin);
                break;
            case NamedLocation location:
                merger.AddNamedLocation(location, origin);
                break;
            case AuthenticationStrengthPolicy strength:
                merger.AddStrength(strength, origin);
                break;
        }
    }

    /// <summary>
    /// A <c>conditionalAccessTemplate</c> (<c>{"id","name","description","scenarios","details":{conditions,
    /// grantControls,sessionControls}}</c>) becomes a policy with the template's id and name, in report-only state
    /// unless the template object (or its details) sets <c>state</c>.
    /// </summary>
    private static void AddTemplate(JsonElement item, string path, DocumentSource source, DocumentMerger merger)
    {
        var errorsBefore = source.ErrorCount;
        string? id = null, name = null, state = null;
        JsonElement? details = null;
        var detailsPath = JsonPath.Property(path, "details");
        foreach (var member in item.EnumerateObject())
        {
            var memberPath = JsonPath.Property(path, member.Name);
            switch (member.Name.ToUpperInvariant())
            {
                case "ID":
                    id = ReadString(member, memberPath, source);
                    break;
                case "NAME":
                    name = ReadString(member, memberPath, source);
                    break;
                case "STATE":
                    state = ReadString(member, memberPath, source);
                    break;
                case "DETAILS":
                    details = member.Value;
                    detailsPath = memberPath;
                    break;
                case "DESCRIPTION" or "SCENARIOS":
                    break;
                default:
                    if (!JsonShape.IsAnnotation(member.Name))
                    {
                        source.Warning(DocumentCodes.UnknownPropertyWarning, memberPath,
                            UnknownProperties.WarningMessage(member.Name, ["id", "name", "description", "scenarios", "details", "state"]));
                    }

                    break;
            }
        }

        if (details is not { ValueKind: JsonValueKind.Object } body)
        {
            source.Error(DocumentCodes.UnsupportedGraphObject, path, "rejected: a Conditional Access template needs a details object with conditions and grantControls");
            return;
        }

        var policy = (ConditionalAccessPolicy?)new ShapeReader(source).ReadObject(body, JsonShape.For(typeof(ConditionalAccessPolicy)), detailsPath, null);
        if (policy is null || source.ErrorCount != errorsBefore)
        {
            source.Error(DocumentCodes.UnsupportedGraphObject, path, "rejected: the template has the errors listed above");
            return;
        }

        policy.Id = id ?? policy.Id;
        policy.DisplayName = name ?? policy.DisplayName;
        policy.State = state ?? policy.State ?? TemplateState;
        source.Information(DocumentCodes.TemplateImported, path,
            $"Conditional Access template '{PrintableText.Of(policy.DisplayName ?? policy.Id ?? "")}' imported as a policy in state {PrintableText.Of(policy.State)}");
        merger.AddPolicy(policy, source.Locate(detailsPath));
    }

    private static string? ReadString(JsonProperty member, string path, DocumentSource source)
    {
        switch (member.Value.ValueKind)
        {
            case JsonValueKind.String:
                return member.Value.GetString();
            case JsonValueKind.Null:
                return null;
            default:
                source.Error(DocumentCodes.WrongKind, path, $"expected a string, found {ShapeReader.Describe(member.Value.ValueKind)}");
                return null;
        }
    }

    private static GraphKind Classify(JsonElement item, out string? odataType)
    {
        odataType = null;
        var shape = GraphKind.Unknown;
        foreach (var member in item.EnumerateObject())
        {
            if (member.Name.Equals("@odata.type", StringComparison.OrdinalIgnoreCase) && member.Value.ValueKind == JsonValueKind.String)
            {
                odataType = member.Value.GetString();
            }
            else if (member.Name.Equals("details", StringComparison.OrdinalIgnoreCase) && member.Value.ValueKind == JsonValueKind.Object)
            {
                shape = GraphKind.Template; // A template's policy sits under details: that decides, whatever came first.
            }
            else if (shape == GraphKind.Unknown)
            {
                shape = member.Name.ToUpperInvariant() switch
                {
                    "CONDITIONS" or "GRANTCONTROLS" => GraphKind.Policy,
                    "IPRANGES" or "COUNTRIESANDREGIONS" or "COMPLIANTNETWORKTYPE" => GraphKind.NamedLocation,
                    "ALLOWEDCOMBINATIONS" => GraphKind.Strength,
                    _ => GraphKind.Unknown,
                };
            }
        }

        return odataType?.ToUpperInvariant() switch
        {
            null => shape,
            "#MICROSOFT.GRAPH.CONDITIONALACCESSPOLICY" => GraphKind.Policy,
            "#MICROSOFT.GRAPH.IPNAMEDLOCATION" or "#MICROSOFT.GRAPH.COUNTRYNAMEDLOCATION" or "#MICROSOFT.GRAPH.COMPLIANTNETWORKNAMEDLOCATION" => GraphKind.NamedLocation,
            "#MICROSOFT.GRAPH.NAMEDLOCATION" when shape == GraphKind.NamedLocation => GraphKind.NamedLocation,
            "#MICROSOFT.GRAPH.AUTHENTICATIONSTRENGTHPOLICY" => GraphKind.Strength,
            "#MICROSOFT.GRAPH.CONDITIONALACCESSTEMPLATE" => GraphKind.Template,
            _ => GraphKind.Unknown,
        };
    }
}
