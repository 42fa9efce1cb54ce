using System.Net;

namespace ProtectedActions.Samples.IdentityProvider;

/// <summary>How the provider decides the <c>acr</c>/<c>acrs</c> it issues.</summary>
public enum IdentityProviderMode
{
    /// <summary>
    /// Entra-like (the default): authentication contexts (<c>c1</c>, ...) are granted in <c>acrs</c> — and, when asked
    /// for with <c>acr_values</c>, in <c>acr</c> — only when the library's evaluator says the sign-in satisfies them
    /// under <see cref="IdentityProviderOptions.Policies"/>.
    /// </summary>
    AuthenticationContexts,

    /// <summary>
    /// Keycloak-like level of assurance: <c>acr</c> is <c>"1"</c> for a password and <c>"2"</c> for password + MFA or
    /// FIDO2. A request with <c>acr_values=2</c> makes the user sign in with a stronger method first.
    /// </summary>
    LevelOfAssurance,

    /// <summary>A broken provider for loop tests: always issues <c>acr="1"</c>, whatever <c>acr_values</c> asks for.</summary>
    Misconfigured,
}

/// <summary>A user the provider knows.</summary>
/// <param name="UserName">The sign-in name typed on the login page.</param>
/// <param name="ObjectId">The object id (<c>sub</c> and <c>oid</c>).</param>
/// <param name="DisplayName">The display name (<c>name</c>).</param>
public sealed record IdentityProviderUser(string UserName, string ObjectId, string DisplayName);

/// <summary>A device the login page offers; its id is issued as <c>deviceid</c>.</summary>
/// <param name="DeviceId">The device id the relying party's device provider knows.</param>
/// <param name="Label">What the login page shows, e.g. "Compliant workstation".</param>
public sealed record IdentityProviderDevice(string DeviceId, string Label);

/// <summary>A registered client application (public with PKCE, or confidential with a secret and PKCE).</summary>
/// <param name="ClientId">The client id.</param>
/// <param name="RedirectUris">The exact redirect URIs it may use.</param>
/// <param name="ClientSecret">The secret of a confidential client; <see langword="null"/> for a public client.</param>
public sealed record IdentityProviderClientRegistration(string ClientId, IReadOnlyList<Uri> RedirectUris, string? ClientSecret = null);

/// <summary>The options of <see cref="DevelopmentIdentityProvider"/>. See the project's README.md.</summary>
public sealed class IdentityProviderOptions
{
    /// <summary>The client id registered by default for programmatic clients (the demo and the tests).</summary>
    public const string DefaultClientId = "protected-actions-demo";

    /// <summary>The redirect URI of <see cref="DefaultClientId"/> (never served: programmatic clients read the code from the redirect).</summary>
    public static readonly Uri DefaultRedirectUri = new("http://127.0.0.1/signin-oidc");

    /// <summary>The password every demo user signs in with (shown on the login page: this is a development provider).</summary>
    public string DemoPassword { get; set; } = "contoso";

    /// <summary>How <c>acr</c>/<c>acrs</c> are decided.</summary>
    public IdentityProviderMode Mode { get; set; } = IdentityProviderMode.AuthenticationContexts;

    /// <summary>The address to listen on; must be a loopback address (the provider refuses to start otherwise).</summary>
    public IPAddress Address { get; set; } = IPAddress.Loopback;

    /// <summary>The port; 0 picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>The audience (<c>aud</c>) of access tokens.</summary>
    public string Audience { get; set; } = "api://contoso-admin-api";

    /// <summary>The scope a client asks for to receive an access token for <see cref="Audience"/>.</summary>
    public string ApiScope { get; set; } = "api";

    /// <summary>The tenant id issued as <c>tid</c>.</summary>
    public string TenantId { get; set; } = "72f988bf-0000-4000-8000-00000000c0de";

    /// <summary>The users.</summary>
    public IList<IdentityProviderUser> Users { get; } = [];

    /// <summary>The devices the login page offers (besides "no device information").</summary>
    public IList<IdentityProviderDevice> Devices { get; } = [];

    /// <summary>The clients registered at start (more with <see cref="DevelopmentIdentityProvider.RegisterClientAsync"/>).</summary>
    public IList<IdentityProviderClientRegistration> Clients { get; } =
    [
        new(DefaultClientId, [DefaultRedirectUri]),
    ];

    /// <summary>
    /// The ProtectedActions configuration the relying party enforces. In <see cref="IdentityProviderMode.AuthenticationContexts"/>
    /// mode a context is granted only when the library's evaluator, run on these policies, allows the sign-in.
    /// Without it no context is ever granted.
    /// </summary>
    public ProtectedActionsOptions? Policies { get; set; }

    /// <summary>The device inventory the evaluator consults (the same the relying party uses).</summary>
    public IDeviceInformationProvider? DeviceInformation { get; set; }

    /// <summary>The clock (tokens, <c>auth_time</c>, <c>max_age</c>).</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
