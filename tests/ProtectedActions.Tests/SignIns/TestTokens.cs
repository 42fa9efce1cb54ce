using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ProtectedActions.Tests.SignIns;

/// <summary>Mints RS256 tokens with a key made here and validates them the way a host would.</summary>
internal static class TestTokens
{
    public const string TenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    public const string OtherTenantId = "f8cdef31-a31e-4b4a-93e4-5f571e91255a";
    public const string Audience = "api://protected-actions-tests";
    public static readonly string EntraIssuer = $"https://login.microsoftonline.com/{TenantId}/v2.0";

    private static readonly RsaSecurityKey Key = new(RSA.Create(2048)) { KeyId = "test-key" };
    private static readonly SigningCredentials Signing = new(Key, SecurityAlgorithms.RsaSha256);

    /// <summary>A signed token whose payload is <paramref name="claims"/> plus aud/exp/nbf/iat (and iss unless given).</summary>
    public static string Mint(IDictionary<string, object?> claims)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var payload = new Dictionary<string, object?>(claims)
        {
            ["aud"] = Audience,
            ["nbf"] = now - 60,
            ["iat"] = now - 60,
            ["exp"] = now + 3600,
        };
        payload.TryAdd("iss", EntraIssuer);
        return new JsonWebTokenHandler().CreateToken(JsonSerializer.Serialize(payload), Signing);
    }

    public static TokenValidationParameters Parameters(string? issuer = null) => new()
    {
        ValidIssuer = issuer ?? EntraIssuer,
        ValidAudience = Audience,
        IssuerSigningKey = Key,
        ValidateLifetime = true,
    };

    private const int LargeTokens = 4 * 1024 * 1024;

    public static JsonWebToken ValidateJsonWebToken(string token, string? issuer = null) =>
        (JsonWebToken)ValidateWithJsonWebTokenHandler(token, mapInboundClaims: false, issuer).SecurityToken;

    public static ClaimsPrincipal ValidateToPrincipalWithJsonWebTokenHandler(string token, bool mapInboundClaims, string? issuer = null) =>
        new(ValidateWithJsonWebTokenHandler(token, mapInboundClaims, issuer).ClaimsIdentity);

    private static TokenValidationResult ValidateWithJsonWebTokenHandler(string token, bool mapInboundClaims, string? issuer)
    {
        var handler = new JsonWebTokenHandler { MapInboundClaims = mapInboundClaims, MaximumTokenSizeInBytes = LargeTokens };
        var result = handler.ValidateTokenAsync(token, Parameters(issuer)).GetAwaiter().GetResult();
        if (!result.IsValid)
        {
            throw new InvalidOperationException("test token did not validate", result.Exception);
        }

        return result;
    }

    public static ClaimsPrincipal ValidateWithJwtSecurityTokenHandler(string token, bool mapInboundClaims, out JwtSecurityToken jwt, string? issuer = null)
    {
        var handler = new JwtSecurityTokenHandler { MapInboundClaims = mapInboundClaims, MaximumTokenSizeInBytes = LargeTokens };
        var principal = handler.ValidateToken(token, Parameters(issuer), out var validated);
        jwt = (JwtSecurityToken)validated;
        return principal;
    }

    /// <summary>Every way a host can hand a validated token to <see cref="SignInMapper"/>.</summary>
    public static readonly (string Name, Func<string, string?, SignInContext> Map)[] MappingModes =
    [
        ("JsonWebToken", (t, iss) => SignInMapper.FromJsonWebToken(ValidateJsonWebToken(t, iss))),
        ("JsonWebTokenHandler identity, short claim types", (t, iss) => SignInMapper.FromClaimsPrincipal(ValidateToPrincipalWithJsonWebTokenHandler(t, false, iss))),
        ("JsonWebTokenHandler identity, mapped claim types", (t, iss) => SignInMapper.FromClaimsPrincipal(ValidateToPrincipalWithJsonWebTokenHandler(t, true, iss))),
        ("JwtSecurityTokenHandler principal, MapInboundClaims=true", (t, iss) => SignInMapper.FromClaimsPrincipal(ValidateWithJwtSecurityTokenHandler(t, true, out _, iss))),
        ("JwtSecurityTokenHandler principal, MapInboundClaims=false", (t, iss) => SignInMapper.FromClaimsPrincipal(ValidateWithJwtSecurityTokenHandler(t, false, out _, iss))),
        ("JwtSecurityToken", (t, iss) => { ValidateWithJwtSecurityTokenHandler(t, true, out var jwt, iss); return SignInMapper.FromJwtSecurityToken(jwt); }),
    ];

    public static IEnumerable<TestCaseData> Modes() =>
        MappingModes.Select(m => new TestCaseData(m.Map).SetArgDisplayNames(m.Name));
}
