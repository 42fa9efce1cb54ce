namespace ProtectedActions.Samples.WebApi.Directory;

/// <summary>
/// Looks the sign-in's device up in the sample MDM inventory. The token only says which device the sign-in came
/// from (<c>deviceid</c>); whether it is compliant comes from the inventory, as it would from Intune.
/// </summary>
public sealed class SampleDeviceInformationProvider : IDeviceInformationProvider
{
    /// <inheritdoc />
    public ValueTask<DeviceProperties?> GetDeviceAsync(SignInContext signIn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(signIn);
        var id = signIn.Device?.DeviceId;
        return ValueTask.FromResult(id is not null && SampleDirectory.Devices.TryGetValue(id, out var device) ? device : null);
    }
}
