using ProtectedActions.Conditions.DeviceFilter;
using ProtectedActions.Validation;

namespace ProtectedActions.Tests.DeviceFilter;

internal sealed class DeviceFilterValidationTests
{
    private const string Path = "ProtectedActions:ConditionalAccessPolicies[0]:conditions:devices:deviceFilter";

    [TestCase("include", DeviceFilterMode.Include)]
    [TestCase("Exclude", DeviceFilterMode.Exclude)]
    [TestCase(" INCLUDE ", DeviceFilterMode.Include)]
    public void A_valid_filter_compiles_without_issues(string mode, DeviceFilterMode expected)
    {
        var issues = new IssueCollector();
        var rule = DeviceFilterValidation.Compile(new ConditionalAccessFilter { Mode = mode, Rule = "device.isCompliant -eq True" }, Path, issues);
        rule.Should().BeOfType<DeviceFilterRule>("a valid filter compiles to a rule");
        rule!.Matches(TestDevices.Paw).Should().BeTrue();
        issues.Issues.Should().BeEmpty();
        DeviceFilterValidation.ParseMode(mode).Should().Be(expected);
    }

    [Test]
    public void An_absent_filter_compiles_to_null_without_issues()
    {
        var issues = new IssueCollector();
        DeviceFilterValidation.Compile(null, Path, issues).Should().BeNull();
        issues.Issues.Should().BeEmpty();
    }

    [TestCase(null, "PA2001", "mode is required: include or exclude")]
    [TestCase("", "PA2001", "mode is required: include or exclude")]
    [TestCase("includeDevices", "PA2002", "mode 'includeDevices' is not include or exclude")]
    public void A_bad_mode_is_an_error_at_the_mode_path(string? mode, string code, string message)
    {
        var issues = new IssueCollector();
        DeviceFilterValidation.Compile(new ConditionalAccessFilter { Mode = mode, Rule = "device.isCompliant -eq True" }, Path, issues).Should().BeNull();
        issues.HasErrors.Should().BeTrue();
        issues.Issues.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Code = code, Path = Path + ":mode", Message = message, Severity = ConfigurationSeverity.Error });
    }

    [TestCase(null, "PA2003", "rule is required")]
    [TestCase(" ", "PA2003", "rule is required")]
    [TestCase("device.isCompliant -contains True", "PA2004", "device.isCompliant -contains True: operator -contains is not allowed for isCompliant (allowed: -eq, -ne) at 20")]
    [TestCase("device.model -match \"x\"", "PA2006", "device.model -match \"x\": operator -match is not supported in device filters (regular expressions are not evaluated; use -startsWith, -endsWith, -contains or -in) at 14")]
    public void A_bad_rule_is_an_error_at_the_rule_path(string? rule, string code, string message)
    {
        var issues = new IssueCollector();
        DeviceFilterValidation.Compile(new ConditionalAccessFilter { Mode = "include", Rule = rule }, Path, issues).Should().BeNull();
        issues.Issues.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Code = code, Path = Path + ":rule", Message = message, Severity = ConfigurationSeverity.Error });
    }

    [Test]
    public void A_too_long_rule_has_its_own_code()
    {
        var issues = new IssueCollector();
        DeviceFilterValidation.Compile(new ConditionalAccessFilter { Mode = "exclude", Rule = "device.model -eq \"" + new string('x', 3100) + "\"" }, Path, issues);
        issues.Issues.Should().ContainSingle().Which.Code.Should().Be("PA2005");
    }

    [Test]
    public void Bad_mode_and_bad_rule_are_both_reported()
    {
        var issues = new IssueCollector();
        DeviceFilterValidation.Compile(new ConditionalAccessFilter { Mode = "sometimes", Rule = "device.x -eq \"y\"" }, Path, issues).Should().BeNull();
        issues.Issues.Select(i => i.Path).Should().Equal(Path + ":mode", Path + ":rule");
    }

    [Test]
    public void A_valid_rule_with_a_bad_mode_is_not_returned()
    {
        var issues = new IssueCollector();
        DeviceFilterValidation.Compile(new ConditionalAccessFilter { Mode = "x", Rule = "device.isCompliant -eq True" }, Path, issues).Should().BeNull();
    }
}
