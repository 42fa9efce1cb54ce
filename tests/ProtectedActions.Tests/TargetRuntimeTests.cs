namespace ProtectedActions.Tests;

/// <summary>
/// The libraries target net8.0 and net10.0. `.ci/run` runs this project a second time built for net8.0 as a
/// self-contained app (<c>-p:TestOnNet8=true</c>); this test proves that run really executes on .NET 8.
/// </summary>
public sealed class TargetRuntimeTests
{
    [Test]
    public void Tests_run_on_the_runtime_they_were_built_for()
    {
#if TEST_ON_NET8
        Environment.Version.Major.Should().Be(8);
        typeof(ProtectedActionDecision).Assembly.GetCustomAttributes(typeof(System.Runtime.Versioning.TargetFrameworkAttribute), false)
            .Cast<System.Runtime.Versioning.TargetFrameworkAttribute>().Single().FrameworkName.Should().Be(".NETCoreApp,Version=v8.0");
#else
        Environment.Version.Major.Should().BeGreaterThanOrEqualTo(10);
#endif
    }
}
