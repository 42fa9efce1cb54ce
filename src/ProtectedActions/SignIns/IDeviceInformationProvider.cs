namespace ProtectedActions;

/// <summary>
/// Supplies device properties for a sign-in from a source the host trusts (an MDM, a gateway that attests the
/// device). Called only when a policy guarding the attempted action needs device information. A provider that
/// throws, exceeds <see cref="ProtectedActionsSettings.ProviderTimeout"/> or is cancelled makes the policies
/// that needed it fail closed, with the reason in the decision.
/// </summary>
public interface IDeviceInformationProvider
{
    /// <summary>Returns what is known about the sign-in's device, or <see langword="null"/> when nothing is.</summary>
    ValueTask<DeviceProperties?> GetDeviceAsync(SignInContext signIn, CancellationToken cancellationToken);
}
