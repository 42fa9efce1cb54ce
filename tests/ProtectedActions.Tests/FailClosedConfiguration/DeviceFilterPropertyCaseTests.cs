using ProtectedActions.Conditions.DeviceFilter;
using ProtectedActions.Tests.DeviceFilter;
using ProtectedActions.Validation;

namespace ProtectedActions.Tests.FailClosedConfiguration;

/// <summary>Item 11: a device-filter property in another letter case is the canonical property, with a warning.</summary>
public class DeviceFilterPropertyCaseTests
{
    private const string Path = "ProtectedActions:ConditionalAccessPolicies[0]:conditions:devices:deviceFilter";

    [TestCase("device.deviceid -eq \"3f1c0f2a-7b55-4c1e-9f0e-2d7a1b6c9e01\"", "device.deviceId -eq \"3f1c0f2a-7b55-4c1e-9f0e-2d7a1b6c9e01\"")]
    [TestCase("device.IsCompliant -eq True", "device.isCompliant -eq True")]
    [TestCase("device.TRUSTTYPE -eq \"AzureAD\"", "device.trustType -eq \"AzureAD\"")]
    [TestCase("device.ExtensionAttribute1 -eq \"PAW\"", "device.extensionAttribute1 -eq \"PAW\"")]
    public void Another_letter_case_parses_as_the_canonical_property(string rule, string canonical) =>
        DeviceFilterRule.Parse(rule).ToString().Should().Be(canonical);

    [Test]
    public void Microsofts_documentation_example_is_evaluated_as_deviceId()
    {
        var rule = DeviceFilterRule.Parse("device.deviceid -eq \"" + TestDevices.Paw.DeviceId + "\"");
        rule.Matches(TestDevices.Paw).Should().BeTrue();
        rule.Matches(TestDevices.Phone).Should().BeFalse();
    }

    [Test]
    public void The_warning_names_the_canonical_spelling_and_the_rule_path()
    {
        var issues = new IssueCollector();
        var rule = DeviceFilterValidation.Compile(new ConditionalAccessFilter { Mode = "include", Rule = "device.deviceid -eq \"x\"" }, Path, issues);
        rule.Should().NotBeNull();
        issues.HasErrors.Should().BeFalse();
        issues.Issues.Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            Code = "PA2010",
            Severity = ConfigurationSeverity.Warning,
            Path = Path + ":rule",
            Message = "device.deviceid at 8 is read as device.deviceId; write the canonical spelling device.deviceId",
        });
    }

    [Test]
    public void Each_miscased_property_gets_its_own_warning()
    {
        var issues = new IssueCollector();
        DeviceFilterValidation.Compile(new ConditionalAccessFilter { Mode = "exclude", Rule = "device.deviceid -eq \"x\" -or device.Model -startsWith \"y\"" }, Path, issues);
        issues.Issues.Select(i => i.Code).Should().Equal("PA2010", "PA2010");
        issues.Issues[1].Message.Should().Contain("device.model");
    }

    [Test]
    public void A_canonical_rule_has_no_warning()
    {
        var issues = new IssueCollector();
        DeviceFilterValidation.Compile(new ConditionalAccessFilter { Mode = "include", Rule = "device.deviceId -eq \"x\"" }, Path, issues);
        issues.Issues.Should().BeEmpty();
    }

    [Test]
    public void A_truly_unknown_property_is_still_an_error()
    {
        var issues = new IssueCollector();
        DeviceFilterValidation.Compile(new ConditionalAccessFilter { Mode = "include", Rule = "device.deviceIdentifier -eq \"x\"" }, Path, issues).Should().BeNull();
        issues.Issues.Should().ContainSingle().Which.Code.Should().Be("PA2004");
    }

    [Test]
    public void The_prefix_stays_case_sensitive() =>
        DeviceFilterRule.TryParse("Device.deviceId -eq \"x\"", out _, out var error).Should().BeFalse(error);

    [Test]
    public void A_whole_configuration_with_the_documentation_example_loads_with_a_warning()
    {
        var options = Support.Fixtures.Seed();
        options.ConditionalAccessPolicies.Add(Support.Fixtures.Policy("device", "c1", controls: ["block"], conditions: c =>
            c.Devices = new() { DeviceFilter = new() { Mode = "exclude", Rule = "device.deviceid -eq \"" + TestDevices.Paw.DeviceId + "\"" } }));
        var result = ProtectedActionsConfiguration.Validate(options);
        result.Errors.Should().BeEmpty();
        result.Issues.Should().Contain(i => i.Code == "PA2010" && i.Severity == ConfigurationSeverity.Warning
            && i.Path == "ProtectedActions:ConditionalAccessPolicies[1]:conditions:devices:deviceFilter:rule");
    }
}
