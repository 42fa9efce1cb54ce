using System.Net;
using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using ProtectedActions.AspNetCore.Tests.Infrastructure;

namespace ProtectedActions.AspNetCore.Tests.FailClosed.Http;

/// <summary>
/// Documents and hosts for the item 3–11 HTTP tests: one endpoint (POST /things) declares
/// <see cref="FailClosedHost.Create"/>, mapped to c1; policies guard c1; the document is read through
/// <c>AddProtectedActions(IConfiguration)</c> as an appsettings section; JwtBearer validates real signed tokens.
/// </summary>
internal static class HttpScenario
{
    public const string Path = "/things";
    public const string TrustTestIssuer = "\"trustedIssuers\": [ \"https://issuer.test/\" ]";
    public const string UntrustedIssuer = "https://other-tenant.test/";
    public const string GroupId = "33333333-3333-4333-8333-333333333333";

    /// <summary>A policy on c1 for all users; <paramref name="conditions"/> are extra members of <c>conditions</c>.</summary>
    public static string Policy(string id, string controls, string conditions = "", string extra = "", string users = "\"includeUsers\": [ \"All\" ]") => $$"""
        { "id": "{{id}}", "displayName": "{{id}}", "state": "enabled",
          "conditions": { "applications": { "includeAuthenticationContextClassReferences": [ "c1" ] }, "users": { {{users}} }{{(conditions.Length == 0 ? "" : ", " + conditions)}} },
          {{controls}}{{(extra.Length == 0 ? "" : ", " + extra)}} }
        """;

    /// <summary><c>grantControls</c> with the given built-in controls and operator (none when null).</summary>
    public static string Grant(string? op, params string[] controls) =>
        "\"grantControls\": { " + (op is null ? "" : $"\"operator\": \"{op}\", ") + "\"builtInControls\": [ " + string.Join(", ", controls.Select(c => $"\"{c}\"")) + " ] }";

    public static string Block => Grant("OR", "block");

    /// <summary>A document mapping the endpoint's permission to c1 with the given policies and settings members.</summary>
    public static string DocumentWith(string settings, string extraRoot, params string[] policies) => $$"""
        {
          "authenticationContexts": [ { "id": "c1", "displayName": "Privileged" } ],
          "protectedActions": [ { "permission": "{{FailClosedHost.Create}}", "authenticationContextId": "c1" } ],
          {{(extraRoot.Length == 0 ? "" : extraRoot + ",")}}
          "conditionalAccessPolicies": [ {{string.Join(", ", policies)}} ],
          "settings": { {{settings}} }
        }
        """;

    public static string Document(params string[] policies) => DocumentWith(TrustTestIssuer, "", policies);

    public static Task<FailClosedHost> StartAsync(string document, Action<WebApplicationBuilder>? services = null) =>
        FailClosedHost.StartAsync(document, app => app.MapPost(Path, () => "created").RequireProtectedAction(FailClosedHost.Create), services);

    /// <summary>JwtBearer accepts these issuers besides the test issuer (same signing key: as a multi-tenant host does).</summary>
    public static Action<WebApplicationBuilder> AcceptIssuers(params string[] issuers) => b =>
        b.Services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, o => o.TokenValidationParameters.ValidIssuers = [TestTokens.Issuer, .. issuers]);

    /// <summary>Registers the test device inventory (one compliant AzureAD device, one non-compliant Workplace device).</summary>
    public static Action<WebApplicationBuilder> Devices => b => b.Services.AddSingleton<IDeviceInformationProvider, TestDevices>();

    /// <summary>A token signed by the test issuer that carries no <c>auth_time</c> (most access tokens do not).</summary>
    public static string TokenWithoutAuthTime(string[] amr, string[]? acrs = null)
    {
        var now = DateTime.UtcNow;
        var claims = new Dictionary<string, object> { ["tid"] = TestTokens.TenantId, ["oid"] = TestTokens.UserId, ["sub"] = TestTokens.UserId, ["amr"] = amr };
        if (acrs is not null)
        {
            claims["acrs"] = acrs;
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = TestTokens.Issuer,
            Audience = TestTokens.Audience,
            IssuedAt = now,
            NotBefore = now.AddMinutes(-1),
            Expires = now.AddHours(1),
            Claims = claims,
            SigningCredentials = new SigningCredentials(TestTokens.Key, SecurityAlgorithms.RsaSha256),
        });
    }

    public static Task<HttpResponseMessage> PostAsync(this FailClosedHost host, string token) => host.SendAsync(HttpMethod.Post, Path, token);

    /// <summary>401 with exactly one Entra claims challenge asking for c1: the caller is shown the way.</summary>
    public static void ShouldBeStepUpForC1(this HttpResponseMessage response)
    {
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var header = TestApi.WwwAuthenticate(response).Should().ContainSingle().Subject;
        header.Should().Contain("error=\"insufficient_claims\"");
        ClaimsOf(header).Should().Be("{\"access_token\":{\"acrs\":{\"essential\":true,\"value\":\"c1\"}}}");
    }

    /// <summary>403 with no challenge: a known failure that no sign-in can fix.</summary>
    public static void ShouldBeDeniedWithoutChallenge(this HttpResponseMessage response)
    {
        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        TestApi.WwwAuthenticate(response).Should().BeEmpty();
    }

    public static string ClaimsOf(string header)
    {
        const string Marker = "claims=\"";
        var start = header.IndexOf(Marker, StringComparison.Ordinal);
        start.Should().BeGreaterThanOrEqualTo(0, "an Entra claims challenge carries claims");
        start += Marker.Length;
        var end = header.IndexOf('"', start);
        return Encoding.UTF8.GetString(Convert.FromBase64String(header[start..end]));
    }
}
