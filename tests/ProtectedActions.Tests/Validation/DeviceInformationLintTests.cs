using static ProtectedActions.Tests.Support.Fixtures;

namespace ProtectedActions.Tests.Validation;

/// <summary>PA5012 (information: a host with a device provider cannot silence it): a device filter that needs properties a token does not carry.</summary>
public class DeviceInformationLintTests
{
    private const string RulePath = "ProtectedActions:ConditionalAccessPolicies[1]:conditions:devices:deviceFilter:rule";

    private static IEnumerable<ConfigurationIssue> Warnings(string rule, string state = "enabled", bool neverRegistered = false)
    {
        var o = Seed();
        o.ConditionalAccessPolicies.Add(Policy("device", "c1", state: state, controls: ["block"], conditions: c =>
            c.Devices = new() { DeviceFilter = new() { Mode = "include", Rule = rule } }));
        o.Settings.DevicesNeverRegistered = neverRegistered;
        return ProtectedActionsConfiguration.Validate(o).Issues;
    }

    [Test]
    public void A_filter_on_properties_a_token_does_not_carry_is_flagged()
    {
        Warnings("device.trustType -eq \"Workplace\"").Should().ContainSingle(w => w.Code == "PA5012" && w.Path == RulePath && w.Severity == ConfigurationSeverity.Information)
            .Which.Message.Should().Contain("IDeviceInformationProvider").And.Contain("devicesNeverRegistered");
    }

    [Test]
    public void A_filter_mixing_the_device_id_with_other_properties_is_flagged()
    {
        Warnings("device.deviceId -eq \"d1\" -or device.isCompliant -eq True").Should().Contain(w => w.Code == "PA5012");
    }

    [Test]
    public void A_filter_on_the_device_id_alone_is_not_flagged()
    {
        Warnings("device.deviceId -in [\"d1\",\"d2\"] -or device.deviceId -eq \"d3\"").Should().NotContain(w => w.Code == "PA5012");
    }

    [Test]
    public void Declaring_devices_never_registered_silences_it()
    {
        Warnings("device.trustType -eq \"Workplace\"", neverRegistered: true).Should().NotContain(w => w.Code == "PA5012");
    }

    [Test]
    public void A_disabled_policy_is_not_flagged()
    {
        Warnings("device.trustType -eq \"Workplace\"", state: "disabled").Should().NotContain(w => w.Code == "PA5012");
    }
}
