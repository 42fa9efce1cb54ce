namespace ProtectedActions.Conditions.DeviceFilter;

/// <summary>What kind of value a property holds; decides its operators and how its value is written.</summary>
internal enum DevicePropertyKind : byte
{
    /// <summary>Identifiers (deviceId, mdmAppId): -eq -ne -in -notIn.</summary>
    Identifier,
    /// <summary>Free text (displayName, model, extensionAttributeN, ...): all ten string operators.</summary>
    Text,
    /// <summary>A string from a small fixed or open set (deviceOwnership, profileType, trustType): -eq -ne.</summary>
    Choice,
    /// <summary>True/False (isCompliant): -eq -ne.</summary>
    Boolean,
    /// <summary>A collection (physicalIds, systemLabels): -contains -notContains, whole-element match.</summary>
    Collection,
}

/// <summary>One row of the property table of docs/reference/device-filters.md.</summary>
internal sealed class DevicePropertyDefinition
{
    public DevicePropertyDefinition(string name, DeviceProperty property, DevicePropertyKind kind, string[]? allowedValues = null)
    {
        Name = name;
        Property = property;
        Kind = kind;
        AllowedValues = allowedValues;
        AllowedOperators = kind switch
        {
            DevicePropertyKind.Identifier => [DeviceFilterOperator.Eq, DeviceFilterOperator.Ne, DeviceFilterOperator.In, DeviceFilterOperator.NotIn],
            DevicePropertyKind.Text =>
            [
                DeviceFilterOperator.Eq, DeviceFilterOperator.Ne, DeviceFilterOperator.StartsWith, DeviceFilterOperator.NotStartsWith,
                DeviceFilterOperator.EndsWith, DeviceFilterOperator.NotEndsWith, DeviceFilterOperator.Contains,
                DeviceFilterOperator.NotContains, DeviceFilterOperator.In, DeviceFilterOperator.NotIn,
            ],
            DevicePropertyKind.Collection => [DeviceFilterOperator.Contains, DeviceFilterOperator.NotContains],
            _ => [DeviceFilterOperator.Eq, DeviceFilterOperator.Ne],
        };
        AllowedOperatorList = string.Join(", ", Array.ConvertAll(AllowedOperators, DeviceFilterOperators.Spelling));
    }

    /// <summary>The case-sensitive name after <c>device.</c>.</summary>
    public string Name { get; }
    public DeviceProperty Property { get; }
    public DevicePropertyKind Kind { get; }
    /// <summary>For <see cref="DevicePropertyKind.Choice"/> properties with a closed set, the canonical spellings; null when open.</summary>
    public string[]? AllowedValues { get; }
    public DeviceFilterOperator[] AllowedOperators { get; }
    /// <summary>For messages: <c>-eq, -ne</c>.</summary>
    public string AllowedOperatorList { get; }

    public bool Allows(DeviceFilterOperator op) => Array.IndexOf(AllowedOperators, op) >= 0;
}

/// <summary>The property table of docs/reference/device-filters.md. Property names are case-sensitive.</summary>
internal static class DevicePropertyCatalog
{
    public static readonly DevicePropertyDefinition[] All = Build();

    /// <summary>Finds a property by its exact, case-sensitive name.</summary>
    public static DevicePropertyDefinition? Find(ReadOnlySpan<char> name)
    {
        foreach (var definition in All)
        {
            if (name.SequenceEqual(definition.Name))
            {
                return definition;
            }
        }

        return null;
    }

    /// <summary>Finds a property whose name differs only in case, for the "names are case-sensitive" hint.</summary>
    public static DevicePropertyDefinition? FindIgnoringCase(ReadOnlySpan<char> name)
    {
        foreach (var definition in All)
        {
            if (name.Equals(definition.Name, StringComparison.OrdinalIgnoreCase))
            {
                return definition;
            }
        }

        return null;
    }

    public static DevicePropertyDefinition Get(DeviceProperty property) => All[(int)property];

    private static DevicePropertyDefinition[] Build()
    {
        var list = new List<DevicePropertyDefinition>
        {
            new("deviceId", DeviceProperty.DeviceId, DevicePropertyKind.Identifier),
            new("mdmAppId", DeviceProperty.MdmAppId, DevicePropertyKind.Identifier),
            new("displayName", DeviceProperty.DisplayName, DevicePropertyKind.Text),
            new("enrollmentProfileName", DeviceProperty.EnrollmentProfileName, DevicePropertyKind.Text),
            new("manufacturer", DeviceProperty.Manufacturer, DevicePropertyKind.Text),
            new("model", DeviceProperty.Model, DevicePropertyKind.Text),
            new("operatingSystem", DeviceProperty.OperatingSystem, DevicePropertyKind.Text),
            new("operatingSystemVersion", DeviceProperty.OperatingSystemVersion, DevicePropertyKind.Text),
            new("deviceOwnership", DeviceProperty.DeviceOwnership, DevicePropertyKind.Choice, ["Personal", "Company"]),
            new("isCompliant", DeviceProperty.IsCompliant, DevicePropertyKind.Boolean),
            new("profileType", DeviceProperty.ProfileType, DevicePropertyKind.Choice),
            new("trustType", DeviceProperty.TrustType, DevicePropertyKind.Choice, ["AzureAD", "ServerAD", "Workplace"]),
            new("physicalIds", DeviceProperty.PhysicalIds, DevicePropertyKind.Collection),
            new("systemLabels", DeviceProperty.SystemLabels, DevicePropertyKind.Collection),
        };
        for (var i = 1; i <= 15; i++)
        {
            list.Add(new("extensionAttribute" + i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                (DeviceProperty)((int)DeviceProperty.ExtensionAttribute1 + i - 1), DevicePropertyKind.Text));
        }

        // Indexed by the enum value so Get is an array access.
        var result = new DevicePropertyDefinition[list.Count];
        foreach (var definition in list)
        {
            result[(int)definition.Property] = definition;
        }

        return result;
    }
}
