namespace ProtectedActions.Tests.DeviceFilter;

/// <summary>ToString prints the canonical form: canonical operator and value spellings, single spaces, parentheses only where needed.</summary>
public class DeviceFilterCanonicalTextTests
{
    [TestCase("device.isCompliant   -EQ   true", "device.isCompliant -eq True")]
    [TestCase("device.isCompliant -ne \"FALSE\"", "device.isCompliant -ne False")]
    [TestCase("device.trustType -eq \"azuread\"", "device.trustType -eq \"AzureAD\"")]
    [TestCase("device.deviceOwnership -NE \"company\"", "device.deviceOwnership -ne \"Company\"")]
    [TestCase("device.profileType -eq \"securevm\"", "device.profileType -eq \"securevm\"")]
    [TestCase("device.displayName -NOTSTARTSWITH \"a\"", "device.displayName -notStartsWith \"a\"")]
    [TestCase("device.model -notin [ \"a\" , \"b\" ]", "device.model -notIn [\"a\",\"b\"]")]
    [TestCase("device.extensionAttribute3 -eq \"q\\\"uote\\\\\"", "device.extensionAttribute3 -eq \"q\\\"uote\\\\\"")]
    [TestCase("((device.isCompliant -eq True))", "device.isCompliant -eq True")]
    [TestCase("(device.model -eq \"a\" -or device.model -eq \"b\") -or device.model -eq \"c\"", "device.model -eq \"a\" -or device.model -eq \"b\" -or device.model -eq \"c\"")]
    [TestCase("device.model -eq \"a\" -and (device.model -eq \"b\" -and device.model -eq \"c\")", "device.model -eq \"a\" -and device.model -eq \"b\" -and device.model -eq \"c\"")]
    [TestCase("(device.model -eq \"a\" -and device.model -eq \"b\") -or device.model -eq \"c\"", "device.model -eq \"a\" -and device.model -eq \"b\" -or device.model -eq \"c\"")]
    [TestCase("(device.model -eq \"a\" -or device.model -eq \"b\") -and device.model -eq \"c\"", "(device.model -eq \"a\" -or device.model -eq \"b\") -and device.model -eq \"c\"")]
    [TestCase("device.physicalIds -CONTAINS \"[OrderId]:x\"", "device.physicalIds -contains \"[OrderId]:x\"")]
    public void ToString_is_canonical(string rule, string expected)
    {
        var text = DeviceFilterRule.Parse(rule).ToString();
        text.Should().Be(expected);
        DeviceFilterRule.Parse(text).ToString().Should().Be(expected, "the canonical form is a fixed point");
    }
}
