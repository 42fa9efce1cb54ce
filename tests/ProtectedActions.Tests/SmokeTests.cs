namespace ProtectedActions.Tests;

public class SmokeTests
{
    [Test]
    public void One() => (1 + 1).Should().Be(2);
}
