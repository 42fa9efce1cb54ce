namespace ProtectedActions.Tests.DeviceFilter;

/// <summary>
/// A device filter is evaluated on every request whose context has one: once parsed, evaluating it allocates
/// nothing, whichever property kind it reads (a nullable flag such as isCompliant used to be boxed to ask whether a
/// partial device knows it).
/// </summary>
public class DeviceFilterAllocationTests
{
    private const string Compliant = "device.isCompliant -eq True";
    private const string Everything = "device.isCompliant -eq True -and device.trustType -eq \"AzureAD\" -and device.extensionAttribute1 -eq \"PAW\" -and device.operatingSystem -startsWith \"Windows\" -and device.physicalIds -contains \"[OrderId]:PAW-2024\"";

    [TestCase(Compliant, "paw", false)]
    [TestCase(Compliant, "paw", true)]
    [TestCase(Compliant, "phone", true)]
    [TestCase(Compliant, "unknown", false)]
    [TestCase("device.trustType -eq \"AzureAD\" -and device.extensionAttribute1 -eq \"PAW\"", "paw", true)]
    [TestCase("device.operatingSystem -startsWith \"Windows\"", "paw", true)]
    [TestCase(Everything, "paw", false)]
    [TestCase(Everything, "paw", true)]
    public void Evaluating_a_parsed_rule_allocates_nothing(string text, string device, bool partial)
    {
        var rule = DeviceFilterRule.Parse(text);
        var properties = TestDevices.Get(device);
        if (partial)
        {
            // A partial device (what a token's claims can tell) is the evaluator's usual input: each property's
            // "known?" question is asked on it.
            properties = properties!.AsPartial();
        }

        var expectedMatch = rule.Matches(properties);
        var expected = rule.Evaluate(properties);
        var disagreements = 0;

        // Assertions stay outside the measured loop: they allocate themselves.
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            if (rule.Evaluate(properties) != expected || rule.Matches(properties) != expectedMatch)
            {
                disagreements++;
            }
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        disagreements.Should().Be(0);
        allocated.Should().Be(0);
    }

    [Test]
    public void A_partial_device_that_does_not_report_compliance_is_still_unknown_for_it()
    {
        var partial = new DeviceProperties { TrustType = "AzureAD" }.AsPartial();

        DeviceFilterRule.Parse("device.isCompliant -eq True").Matches(partial).Should().BeFalse();
        DeviceFilterRule.Parse("device.isCompliant -ne True").Matches(partial).Should().BeTrue("an unknown value makes a negative operator match");
    }
}
