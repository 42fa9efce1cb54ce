using ProtectedActions.Tests.Support;

namespace ProtectedActions.Tests.DeviceFilter;

/// <summary>Device filters through the public evaluator: "block unless from a compliant PAW" (exclude mode) and include mode.</summary>
public class DeviceFilterEndToEndTests
{
    private const string PawRule = "device.extensionAttribute1 -eq \"PAW\" -and device.isCompliant -eq True";

    private static ProtectedActionsOptions Options(string mode, string rule)
    {
        var options = Fixtures.Seed();
        options.ConditionalAccessPolicies.Add(Fixtures.Policy("device", "c1", controls: ["block"], conditions: c =>
            c.Devices = new() { DeviceFilter = new() { Mode = mode, Rule = rule } }));
        return options;
    }

    private static ProtectedActionOutcome Outcome(ProtectedActionsOptions options, DeviceProperties? device) =>
        Fixtures.Evaluate(options, TestSignIns.Fido2(device)).Outcome;

    [Test]
    public void Exclude_mode_blocks_every_device_except_a_compliant_PAW()
    {
        var options = Options("exclude", PawRule);
        Outcome(options, TestDevices.Paw).Should().Be(ProtectedActionOutcome.Allowed);
        Outcome(options, TestDevices.Phone).Should().Be(ProtectedActionOutcome.Denied);
        Outcome(options, TestDevices.Hybrid).Should().Be(ProtectedActionOutcome.Denied);
    }

    [Test]
    public void An_unknown_device_is_not_excluded_so_the_block_applies()
    {
        Outcome(Options("exclude", PawRule), null).Should().Be(ProtectedActionOutcome.Denied);
    }

    [Test]
    public void Include_mode_applies_only_to_matching_devices()
    {
        var options = Options("include", "device.trustType -eq \"Workplace\" -or device.deviceOwnership -eq \"Personal\"");
        Outcome(options, TestDevices.Phone).Should().Be(ProtectedActionOutcome.Denied);
        Outcome(options, TestDevices.Paw).Should().Be(ProtectedActionOutcome.Allowed);
        Outcome(options, null).Should().NotBe(ProtectedActionOutcome.Allowed, "an unknown device may be a personal Workplace device: the block applies for lack of information");
        Outcome(options, DeviceProperties.Unregistered).Should().Be(ProtectedActionOutcome.Allowed, "a known unregistered device matches no positive comparison");
    }

    [Test]
    public void The_policy_that_does_not_apply_says_devices()
    {
        var decision = Fixtures.Evaluate(Options("exclude", PawRule), TestSignIns.Fido2(TestDevices.Paw));
        decision.Policies.Single(p => p.Id == "device").Should().BeEquivalentTo(new { Applies = false, Reason = PolicyReason.Devices });
    }

    [Test]
    public void An_invalid_rule_is_reported_at_its_configuration_path_with_the_parser_message()
    {
        var result = ProtectedActionsConfiguration.Validate(Options("exclude", "device.isCompliant -contains True"));
        result.IsValid.Should().BeFalse();
        result.Errors.Should().Contain(e =>
            e.Path == "ProtectedActions:ConditionalAccessPolicies[1]:conditions:devices:deviceFilter:rule" &&
            e.Message == "device.isCompliant -contains True: operator -contains is not allowed for isCompliant (allowed: -eq, -ne) at 20");
    }
}
