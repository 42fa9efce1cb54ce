using Microsoft.IdentityModel.Tokens;
using ProtectedActions.Testing;

namespace ProtectedActions.AspNetCore.Tests.Infrastructure;

/// <summary>
/// Short forms of the testing kit's <see cref="EntraTokenBuilder"/> for the test hosts: the kit's user, tenant,
/// audience and signing key, and the test issuer <see cref="Issuer"/> that the hosts' configurations trust.
/// </summary>
internal static class TestTokens
{
    public const string Issuer = "https://issuer.test/";
    public const string Audience = TestIdentities.Audience;
    public const string UserId = TestIdentities.UserId;
    public const string TenantId = TestIdentities.TenantId;

    /// <summary>The key the tokens are signed with (the kit's <see cref="EntraTokenBuilder.SigningKey"/>).</summary>
    public static RsaSecurityKey Key => EntraTokenBuilder.SigningKey;

    public static string Create(
        string[]? amr = null,
        string[]? acrs = null,
        string[]? clientCapabilities = null,
        string? deviceId = null,
        TimeSpan? authenticationAge = null,
        string issuer = Issuer,
        string audience = Audience,
        IDictionary<string, object>? extra = null,
        SecurityKey? signingKey = null)
    {
        var token = new EntraTokenBuilder()
            .WithIssuer(issuer)
            .WithAudience(audience)
            .WithClaim("scp", "access_as_user") // a delegated token's scope: Microsoft.Identity.Web refuses tokens without scp or roles
            .WithAmr(amr ?? ["pwd"])
            // A negative age is an auth_time in the future (tests of implausible tokens), which AuthenticatedAgo refuses.
            .AuthenticatedAt(TimeProvider.System.GetUtcNow() - (authenticationAge ?? TimeSpan.FromMinutes(1)));
        if (acrs is not null)
        {
            token.WithSatisfiedContexts(acrs);
        }

        foreach (var capability in clientCapabilities ?? [])
        {
            token.WithClientCapability(capability);
        }

        if (deviceId is not null)
        {
            token.FromDevice(deviceId);
        }

        foreach (var (type, value) in extra ?? new Dictionary<string, object>())
        {
            token.WithClaim(type, value);
        }

        return token.BuildJwt(signingKey is null ? null : new SigningCredentials(signingKey, SecurityAlgorithms.RsaSha256));
    }

    public static string Password(params string[] capabilities) => Create(amr: ["pwd"], clientCapabilities: capabilities);

    public static string Fido(params string[] capabilities) => Create(amr: ["fido"], clientCapabilities: capabilities);
}
