using System.Net;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using ProtectedActions.Samples.WebApi.Configuration;
using ProtectedActions.Samples.WebApi.Directory;
using ProtectedActions.Samples.WebApi.Identity;

namespace ProtectedActions.Samples.WebApi.Api;

/// <summary>
/// The sample API: JwtBearer trusting the development identity provider (discovery + JWKS over loopback), ProtectedActions
/// with the embedded seed scenario, and the endpoints in <see cref="SampleEndpoints"/>.
/// </summary>
public static class SampleApi
{
    /// <summary>Builds the API for <paramref name="issuer"/>, listening on 127.0.0.1:<paramref name="port"/> (0: a free port).</summary>
    /// <param name="issuer">The token issuer URL the API trusts.</param>
    /// <param name="overrides">Configuration overrides, e.g. <c>ProtectedActions:Settings:ChallengeFormat = Rfc9470</c>.</param>
    /// <param name="port">The port; 0 picks a free one.</param>
    /// <param name="configure">Adds to the services after ProtectedActions is registered, e.g. a configuration store (see <c>Store/SampleSqliteStore</c>).</param>
    /// <param name="map">Maps further endpoints after the sample's, e.g. the management API.</param>
    public static WebApplication Build(string issuer, IEnumerable<KeyValuePair<string, string?>>? overrides = null, int port = 0,
        Action<WebApplicationBuilder, ProtectedActionsBuilder>? configure = null, Action<WebApplication>? map = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(issuer);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(SampleApi).Assembly.GetName().Name });
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, port));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // Bearer tokens need no data protection keys; its "ephemeral key" warning is noise in the demo output.
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
        builder.Configuration.AddSampleDefaults([.. IssuerOverrides(issuer), .. overrides ?? []]);

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(o =>
        {
            o.Authority = issuer;
            o.Audience = SampleIdentityProvider.Audience;
            o.RequireHttpsMetadata = false; // loopback development identity provider only
            o.MapInboundClaims = false;     // keep amr, acrs, xms_cc, deviceid as issued
        });
        builder.Services.AddSingleton<IDeviceInformationProvider, SampleDeviceInformationProvider>();
        var protectedActions = builder.Services.AddProtectedActions(builder.Configuration.GetSection(ProtectedActionsOptions.SectionName)).AddAspNetCore();
        configure?.Invoke(builder, protectedActions);

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        SampleEndpoints.Map(app);
        map?.Invoke(app);
        return app;
    }

    /// <summary>The settings that point the configuration at the identity provider <paramref name="issuer"/>.</summary>
    internal static KeyValuePair<string, string?>[] IssuerOverrides(string issuer) =>
    [
        // Entra's challenge points clients at the authority to re-authenticate with; here, the development identity provider.
        new("ProtectedActions:Settings:AuthorizationUri", issuer.TrimEnd('/') + "/connect/authorize"),
        // acrs counts only from the issuer the API trusts: its exact URL (with the port) replaces the file's placeholder.
        new("ProtectedActions:Settings:TrustedIssuers:0", issuer),
    ];

    /// <summary>The address the started <paramref name="app"/> listens on, e.g. <c>http://127.0.0.1:51235</c>.</summary>
    public static string AddressOf(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First().TrimEnd('/');
    }
}
