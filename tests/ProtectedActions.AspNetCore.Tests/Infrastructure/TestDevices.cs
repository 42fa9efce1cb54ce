namespace ProtectedActions.AspNetCore.Tests.Infrastructure;

/// <summary>A device inventory with one compliant and one non-compliant device.</summary>
internal sealed class TestDevices : IDeviceInformationProvider
{
    public ValueTask<DeviceProperties?> GetDeviceAsync(SignInContext signIn, CancellationToken cancellationToken) =>
        ValueTask.FromResult<DeviceProperties?>(signIn.Device?.DeviceId switch
        {
            TestScenario.CompliantDevice => new DeviceProperties { DeviceId = TestScenario.CompliantDevice, IsCompliant = true, TrustType = "AzureAD" },
            TestScenario.NonCompliantDevice => new DeviceProperties { DeviceId = TestScenario.NonCompliantDevice, IsCompliant = false, TrustType = "Workplace" },
            _ => null,
        });
}
