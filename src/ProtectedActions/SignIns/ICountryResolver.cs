using System.Net;

namespace ProtectedActions;

/// <summary>
/// Resolves an IP address to a country or region (ISO 3166 alpha-2) for country named locations. Called only
/// when a policy guarding the attempted action has a country location and the sign-in carries no country.
/// Failures fail closed like <see cref="IDeviceInformationProvider"/>.
/// </summary>
public interface ICountryResolver
{
    /// <summary>Returns the two-letter country code, or <see langword="null"/> when unknown.</summary>
    ValueTask<string?> ResolveCountryAsync(IPAddress address, CancellationToken cancellationToken);
}
