using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ProtectedActions.AspNetCore.Tests.Infrastructure;

/// <summary>Locally signed access tokens for the test hosts (one RSA key per test run).</summary>
internal static class TestTokens
{
    public const string Issuer = "https://issuer.test/";
    public const string Audience = "api://protected-actions-tests";
    public const string UserId = "11111111-1111-4111-8111-111111111111";
    public const string TenantId = "22222222-2222-4222-8222-222222222222";

    private static readonly RSA Rsa = RSA.Create(2048);

    public static RsaSecurityKey Key { get; } = new(Rsa) { KeyId = "test-key" };

    public static string Create(
        string[]? amr = null,
        string[]? acrs = null,
        string[]? clientCapabilities = null,
        string? deviceId = null,
        TimeSpan? authenticationAge = null,
        string issuer = Issuer,
        string audience = Audience,
        string? userId = UserId,
        IDictionary<string, object>? extra = null,
        SecurityKey? signingKey = null)
    {
        var now = DateTime.UtcNow;
        var claims = new Dictionary<string, object>
        {
            ["tid"] = TenantId,
            ["scp"] = "access_as_user",
            ["auth_time"] = new DateTimeOffset(now - (authenticationAge ?? TimeSpan.FromMinutes(1))).ToUnixTimeSeconds(),
            ["amr"] = amr ?? ["pwd"],
        };
        if (userId is not null)
        {
            claims["oid"] = userId;
            claims["sub"] = userId;
        }

        if (acrs is not null)
        {
            claims["acrs"] = acrs;
        }

        if (clientCapabilities is not null)
        {
            claims["xms_cc"] = clientCapabilities;
        }

        if (deviceId is not null)
        {
            claims["deviceid"] = deviceId;
        }

        foreach (var (k, v) in extra ?? new Dictionary<string, object>())
        {
            claims[k] = v;
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = now,
            NotBefore = now.AddMinutes(-1),
            Expires = now.AddHours(1),
            Claims = claims,
            SigningCredentials = new SigningCredentials(signingKey ?? Key, SecurityAlgorithms.RsaSha256),
        });
    }

    public static string Password(params string[] capabilities) => Create(amr: ["pwd"], clientCapabilities: capabilities.Length == 0 ? null : capabilities);

    public static string Fido(params string[] capabilities) => Create(amr: ["fido"], clientCapabilities: capabilities.Length == 0 ? null : capabilities);
}
