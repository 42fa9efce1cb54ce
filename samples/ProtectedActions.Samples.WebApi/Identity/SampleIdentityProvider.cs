using ProtectedActions.Samples.IdentityProvider;
using ProtectedActions.Samples.WebApi.Configuration;
using ProtectedActions.Samples.WebApi.Directory;

namespace ProtectedActions.Samples.WebApi.Identity;

/// <summary>
/// The development identity provider (an embedded OpenIddict server on 127.0.0.1) set up for the sample tenant:
/// its users, its two devices, and the same ProtectedActions configuration the API enforces, so that the
/// provider grants a context only when the API's policies would accept the sign-in.
/// </summary>
public static class SampleIdentityProvider
{
    /// <summary>The audience of access tokens (the sample API's application id URI).</summary>
    public const string Audience = "api://contoso-admin-api";

    /// <summary>The provider's options for the sample tenant.</summary>
    /// <param name="mode">How <c>acr</c>/<c>acrs</c> are decided.</param>
    /// <param name="overrides">Overrides of the ProtectedActions configuration the provider evaluates.</param>
    public static IdentityProviderOptions CreateOptions(IdentityProviderMode mode = IdentityProviderMode.AuthenticationContexts,
        IEnumerable<KeyValuePair<string, string?>>? overrides = null)
    {
        var options = new IdentityProviderOptions
        {
            Mode = mode,
            Audience = Audience,
            TenantId = SampleDirectory.TenantId,
            Policies = SampleConfiguration.LoadOptions(overrides),
            DeviceInformation = new SampleDeviceInformationProvider(),
        };
        foreach (var user in SampleDirectory.Users.Values)
        {
            options.Users.Add(new IdentityProviderUser(user.UserName, user.ObjectId, user.DisplayName));
        }

        options.Devices.Add(new IdentityProviderDevice(SampleDirectory.CompliantWorkstationId, "Compliant workstation (CONTOSO-WS-001)"));
        options.Devices.Add(new IdentityProviderDevice(SampleDirectory.PersonalLaptopId, "Personal laptop (Alice's MacBook)"));
        return options;
    }

    /// <summary>Starts the provider for the sample tenant on a free 127.0.0.1 port.</summary>
    public static Task<DevelopmentIdentityProvider> StartAsync(IdentityProviderMode mode = IdentityProviderMode.AuthenticationContexts,
        IEnumerable<KeyValuePair<string, string?>>? overrides = null, CancellationToken cancellationToken = default) =>
        DevelopmentIdentityProvider.StartAsync(CreateOptions(mode, overrides), cancellationToken);
}
