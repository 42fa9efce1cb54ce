namespace ProtectedActions.Tests.DeviceFilter;

/// <summary>Rules evaluated against named devices (see <see cref="TestDevices"/>): every operator per property class, unknown devices, precedence, escaping, lists, case rules, collections.</summary>
public class DeviceFilterEvaluationTests
{
    private static readonly (string Rule, string Device, bool Expected)[] Cases =
    [
        // Boolean property: -eq/-ne, bare and quoted, any case.
        ("device.isCompliant -eq True", "paw", true),
        ("device.isCompliant -eq True", "phone", false),
        ("device.isCompliant -eq False", "phone", true),
        ("device.isCompliant -eq false", "paw", false),
        ("device.isCompliant -ne True", "phone", true),
        ("device.isCompliant -ne True", "paw", false),
        ("device.isCompliant -ne False", "paw", true),
        ("device.isCompliant -eq TRUE", "paw", true),
        ("device.isCompliant -eq \"true\"", "paw", true),
        ("device.isCompliant -EQ True", "paw", true),
        // Unknown device and a known device that reports nothing: positive operators never match, negative ones do.
        ("device.isCompliant -eq True", "unknown", false),
        ("device.isCompliant -eq False", "unknown", false),
        ("device.isCompliant -ne True", "unknown", true),
        ("device.isCompliant -ne False", "unknown", true),
        ("device.isCompliant -eq False", "empty", false),
        ("device.isCompliant -ne False", "empty", true),

        // Choice properties.
        ("device.trustType -eq \"AzureAD\"", "paw", true),
        ("device.trustType -eq \"azuread\"", "paw", true),
        ("device.trustType -eq \"ServerAD\"", "hybrid", true),
        ("device.trustType -eq \"Workplace\"", "phone", true),
        ("device.trustType -ne \"Workplace\"", "phone", false),
        ("device.trustType -ne \"Workplace\"", "paw", true),
        ("device.trustType -eq \"AzureAD\"", "unknown", false),
        ("device.trustType -ne \"AzureAD\"", "unknown", true),
        ("device.deviceOwnership -eq \"Company\"", "paw", true),
        ("device.deviceOwnership -eq \"company\"", "phone", false),
        ("device.deviceOwnership -ne \"Company\"", "phone", true),
        ("device.deviceOwnership -eq \"Personal\"", "empty", false),
        ("device.deviceOwnership -ne \"Personal\"", "empty", true),
        ("device.profileType -eq \"RegisteredDevice\"", "paw", true),
        ("device.profileType -eq \"registereddevice\"", "paw", true),
        ("device.profileType -eq \"SecureVM\"", "paw", false),
        ("device.profileType -ne \"SecureVM\"", "paw", true),
        ("device.profileType -ne \"SecureVM\"", "phone", true),

        // Identifier properties: -eq -ne -in -notIn.
        ("device.deviceId -eq \"3F1C0F2A-7B55-4C1E-9F0E-2D7A1B6C9E01\"", "paw", true),
        ("device.deviceId -ne \"3f1c0f2a-7b55-4c1e-9f0e-2d7a1b6c9e01\"", "paw", false),
        ("device.deviceId -ne \"3f1c0f2a-7b55-4c1e-9f0e-2d7a1b6c9e01\"", "phone", true),
        ("device.deviceId -in [\"x\",\"3f1c0f2a-7b55-4c1e-9f0e-2d7a1b6c9e01\"]", "paw", true),
        ("device.deviceId -in [\"x\", \"y\"]", "paw", false),
        ("device.deviceId -in [\"x\"]", "unknown", false),
        ("device.deviceId -notIn [\"x\"]", "unknown", true),
        ("device.deviceId -notIn [\"3f1c0f2a-7b55-4c1e-9f0e-2d7a1b6c9e01\"]", "paw", false),
        ("device.mdmAppId -eq \"0000000a-0000-0000-c000-000000000000\"", "paw", true),
        ("device.mdmAppId -eq \"0000000a-0000-0000-c000-000000000000\"", "phone", false),
        ("device.mdmAppId -notIn [\"0000000a-0000-0000-c000-000000000000\"]", "phone", true),

        // Text properties: all ten operators.
        ("device.displayName -eq \"paw-contoso-042\"", "paw", true),
        ("device.displayName -eq \"PAW-Contoso\"", "paw", false),
        ("device.displayName -ne \"PAW-Contoso\"", "paw", true),
        ("device.displayName -startsWith \"paw-\"", "paw", true),
        ("device.displayName -startsWith \"paw-\"", "phone", false),
        ("device.displayName -notStartsWith \"PAW-\"", "phone", true),
        ("device.displayName -notStartsWith \"PAW-\"", "paw", false),
        ("device.displayName -endsWith \"-042\"", "paw", true),
        ("device.displayName -endsWith \"IPHONE\"", "phone", true),
        ("device.displayName -notEndsWith \"-042\"", "paw", false),
        ("device.displayName -notEndsWith \"-042\"", "hybrid", true),
        ("device.displayName -contains \"contoso\"", "paw", true),
        ("device.displayName -contains \"contoso\"", "hybrid", false),
        ("device.displayName -notContains \"contoso\"", "hybrid", true),
        ("device.displayName -in [\"CORP-WS-17\",\"CORP-WS-18\"]", "hybrid", true),
        ("device.displayName -notIn [\"corp-ws-17\"]", "hybrid", false),
        ("device.displayName -contains \"'s\"", "phone", true),
        ("device.displayName -startsWith \"PAW\"", "unknown", false),
        ("device.displayName -notStartsWith \"PAW\"", "unknown", true),
        ("device.displayName -endsWith \"PAW\"", "unknown", false),
        ("device.displayName -notEndsWith \"PAW\"", "unknown", true),
        ("device.displayName -contains \"PAW\"", "unknown", false),
        ("device.displayName -notContains \"PAW\"", "unknown", true),
        ("device.displayName -in [\"PAW\"]", "unknown", false),
        ("device.displayName -eq \"PAW\"", "empty", false),
        ("device.displayName -ne \"PAW\"", "empty", true),
        ("device.enrollmentProfileName -eq \"PAW Autopilot\"", "paw", true),
        ("device.enrollmentProfileName -contains \"autopilot\"", "phone", false),
        ("device.manufacturer -startsWith \"Microsoft\"", "paw", true),
        ("device.manufacturer -eq \"apple\"", "phone", true),
        ("device.model -contains \"Surface\"", "paw", true),
        ("device.model -notContains \"Surface\"", "phone", true),
        ("device.operatingSystem -eq \"windows\"", "hybrid", true),
        ("device.operatingSystem -in [\"iOS\",\"Android\"]", "phone", true),
        ("device.operatingSystemVersion -startsWith \"10.0.22631\"", "paw", true),
        ("device.operatingSystemVersion -startsWith \"10.0.22631\"", "phone", false),
        ("device.extensionAttribute1 -eq \"paw\"", "paw", true),
        ("device.extensionAttribute15 -eq \"TIER0\"", "paw", true),
        ("device.extensionAttribute2 -eq \"PAW\"", "paw", false),
        ("device.extensionAttribute2 -ne \"PAW\"", "paw", true),

        // Escapes: \" and \\ inside strings.
        ("device.extensionAttribute7 -eq \"say \\\"hi\\\" \\\\ bye\"", "hybrid", true),
        ("device.extensionAttribute7 -contains \"\\\"hi\\\"\"", "hybrid", true),
        ("device.extensionAttribute7 -endsWith \"\\\\ bye\"", "hybrid", true),
        ("device.extensionAttribute7 -contains \"\\\"bye\"", "hybrid", false),

        // Collections: whole-element matching, not substrings.
        ("device.physicalIds -contains \"[OrderId]:PAW-2024\"", "paw", true),
        ("device.physicalIds -contains \"[orderid]:paw-2024\"", "paw", true),
        ("device.physicalIds -contains \"[OrderId]:PAW\"", "paw", false),
        ("device.physicalIds -contains \"PAW-2024\"", "paw", false),
        ("device.physicalIds -notContains \"[OrderId]:PAW-2024\"", "paw", false),
        ("device.physicalIds -notContains \"[OrderId]:PAW\"", "paw", true),
        ("device.physicalIds -contains \"[OrderId]:PAW-2024\"", "phone", false),
        ("device.physicalIds -notContains \"[OrderId]:PAW-2024\"", "phone", true),
        ("device.physicalIds -contains \"[OrderId]:PAW-2024\"", "unknown", false),
        ("device.physicalIds -notContains \"[OrderId]:PAW-2024\"", "unknown", true),
        ("device.systemLabels -contains \"M365Managed\"", "paw", true),
        ("device.systemLabels -contains \"M365\"", "paw", false),
        ("device.systemLabels -notContains \"M365Managed\"", "hybrid", true),

        // Precedence: -and binds tighter than -or; parentheses override.
        // a -or b -and c with a true, b and c false: true only if -and binds tighter (left to right would give false).
        ("device.isCompliant -eq False -or device.trustType -eq \"AzureAD\" -and device.isCompliant -eq True", "phone", true),
        ("(device.isCompliant -eq True -or device.trustType -eq \"Workplace\") -and device.deviceOwnership -eq \"Personal\"", "phone", true),
        ("device.trustType -eq \"Workplace\" -or device.isCompliant -eq True -and device.trustType -eq \"ServerAD\"", "paw", false),
        ("device.trustType -eq \"Workplace\" -or device.isCompliant -eq True -and device.trustType -eq \"ServerAD\"", "hybrid", true),
        ("device.trustType -eq \"Workplace\" -or device.isCompliant -eq True -and device.trustType -eq \"ServerAD\"", "phone", true),
        ("(device.trustType -eq \"Workplace\" -or device.isCompliant -eq True) -and device.trustType -eq \"ServerAD\"", "phone", false),
        ("device.isCompliant -eq True -and device.trustType -eq \"AzureAD\" -and device.deviceOwnership -eq \"Company\"", "paw", true),
        ("device.isCompliant -eq True -and device.trustType -eq \"AzureAD\" -and device.deviceOwnership -eq \"Company\"", "hybrid", false),
        ("device.model -eq \"x\" -or device.model -eq \"y\" -or device.model -eq \"iPhone 15\"", "phone", true),
        ("((device.isCompliant -eq True))", "paw", true),
        ("( device.isCompliant -eq True )", "paw", true),
        ("device.isCompliant -eq True -and (device.trustType -eq \"AzureAD\" -or (device.trustType -eq \"ServerAD\" -and device.displayName -startsWith \"CORP-\"))", "hybrid", true),
        ("device.isCompliant -eq True -and (device.trustType -eq \"AzureAD\" -or (device.trustType -eq \"ServerAD\" -and device.displayName -startsWith \"CORP-\"))", "phone", false),
        // Keywords in any case, any whitespace between tokens.
        ("device.isCompliant -eq True -AND device.trustType -eq \"AzureAD\"", "paw", true),
        ("device.isCompliant -eq False -Or device.trustType -EQ \"azuread\"", "paw", true),
        ("  device.isCompliant\t-eq\r\nTrue  ", "paw", true),
        // A privileged-workstation filter in exclude mode is typically a negative rule: unknown devices match it.
        ("device.extensionAttribute1 -ne \"PAW\" -or device.isCompliant -ne True", "unknown", true),
        ("device.extensionAttribute1 -ne \"PAW\" -or device.isCompliant -ne True", "paw", false),
    ];

    private static IEnumerable<TestCaseData> Source() => Cases.Select(c =>
        new TestCaseData(c.Rule, c.Device).Returns(c.Expected).SetArgDisplayNames(c.Device + ": " + c.Rule));

    [TestCaseSource(nameof(Source))]
    public bool Matches(string rule, string device) => DeviceFilterRule.Parse(rule).Matches(TestDevices.Get(device));

    [TestCaseSource(nameof(Source))]
    public bool Canonical_text_has_the_same_verdict(string rule, string device) =>
        DeviceFilterRule.Parse(DeviceFilterRule.Parse(rule).ToString()).Matches(TestDevices.Get(device));

    private static IEnumerable<int> ExtensionAttributeNumbers() => Enumerable.Range(1, 15);

    [TestCaseSource(nameof(ExtensionAttributeNumbers))]
    public void Every_extension_attribute_reads_its_own_property(int n)
    {
        var device = new DeviceProperties
        {
            ExtensionAttribute1 = n == 1 ? "hit" : "miss", ExtensionAttribute2 = n == 2 ? "hit" : "miss",
            ExtensionAttribute3 = n == 3 ? "hit" : "miss", ExtensionAttribute4 = n == 4 ? "hit" : "miss",
            ExtensionAttribute5 = n == 5 ? "hit" : "miss", ExtensionAttribute6 = n == 6 ? "hit" : "miss",
            ExtensionAttribute7 = n == 7 ? "hit" : "miss", ExtensionAttribute8 = n == 8 ? "hit" : "miss",
            ExtensionAttribute9 = n == 9 ? "hit" : "miss", ExtensionAttribute10 = n == 10 ? "hit" : "miss",
            ExtensionAttribute11 = n == 11 ? "hit" : "miss", ExtensionAttribute12 = n == 12 ? "hit" : "miss",
            ExtensionAttribute13 = n == 13 ? "hit" : "miss", ExtensionAttribute14 = n == 14 ? "hit" : "miss",
            ExtensionAttribute15 = n == 15 ? "hit" : "miss",
        };

        for (var i = 1; i <= 15; i++)
        {
            var rule = DeviceFilterRule.Parse($"device.extensionAttribute{i} -eq \"HIT\"");
            rule.Matches(device).Should().Be(i == n, $"extensionAttribute{i} is {(i == n ? "hit" : "miss")}");
        }
    }

    [Test]
    public void Null_elements_in_a_collection_are_skipped()
    {
        var device = new DeviceProperties { SystemLabels = [null!, "x"] };
        DeviceFilterRule.Parse("device.systemLabels -contains \"x\"").Matches(device).Should().BeTrue();
        DeviceFilterRule.Parse("device.systemLabels -notContains \"y\"").Matches(device).Should().BeTrue();
    }
}
