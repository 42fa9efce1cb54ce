using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using static ProtectedActions.Benchmarks.BenchmarkConfigurations;

namespace ProtectedActions.Benchmarks.LoadTest;

/// <summary>
/// A minimal API wired like samples/ProtectedActions.Samples.WebApi (slim builder, Kestrel on 127.0.0.1, logging
/// at Warning, JwtBearer with inbound claim mapping off, <c>AddProtectedActions(...).AddAspNetCore()</c>, an
/// <c>/api</c> group with <c>RequireAuthorization()</c>), except that JwtBearer validates tokens signed by an
/// in-process RSA key instead of fetching the development issuer's keys (the load test measures the API, not
/// the issuer). The same endpoint is mapped twice: once with <c>RequireProtectedAction(...)</c>, once with a
/// one-claim policy.
/// </summary>
internal sealed class LoadTestApp : IAsyncDisposable
{
    public const string ProtectedPath = "/api/invoices/1042/approve";
    public const string BaselinePath = "/api/baseline/invoices/1042/approve";
    internal const string Audience = "api://contoso";

    private readonly RsaSecurityKey _key;
    private readonly WebApplication _app;

    private LoadTestApp(RsaSecurityKey key, WebApplication app)
    {
        _key = key;
        _app = app;
    }

    /// <summary>The address Kestrel listens on, e.g. <c>http://127.0.0.1:51235</c>.</summary>
    public string Address => _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First().TrimEnd('/');

    public static async Task<LoadTestApp> StartAsync()
    {
        var key = new RsaSecurityKey(RSA.Create(2048)) { KeyId = "load-test" };
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(LoadTestApp).Assembly.GetName().Name });
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0)); // loopback only
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(o =>
        {
            o.MapInboundClaims = false; // keep amr, acrs, xms_cc as issued, as the sample does
            o.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = TokenIssuer,
                ValidAudience = Audience,
                IssuerSigningKey = key,
                ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            };
        });
        builder.Services.AddAuthorization(o => o.AddPolicy("scp", p => p.RequireClaim("scp", "access_as_user")));
        // The office network includes loopback: the caller is in the office, so the location block does not apply.
        builder.Services.AddProtectedActions(o => RequestPathBenchmarks.Copy(RequestPath(["127.0.0.0/8", "::1/128", OfficeRange]), o))
            .AddAspNetCore();

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        var api = app.MapGroup("/api").RequireAuthorization();
        api.MapPost("/invoices/{id:int}/approve", Approve).RequireProtectedAction(Protected);
        api.MapPost("/baseline/invoices/{id:int}/approve", Approve).RequireAuthorization("scp");
        await app.StartAsync().ConfigureAwait(false);
        return new LoadTestApp(key, app);
    }

    private static IResult Approve(int id) => Results.Ok(new { approved = id });

    /// <summary>A signed access token with the claims of <see cref="EntraClaims"/>, signed in ten minutes ago (real time).</summary>
    public string CreateToken(SignInKind kind) => CreateToken(_key, kind);

    /// <summary>A token like <see cref="CreateToken(SignInKind)"/>, signed with <paramref name="key"/>.</summary>
    internal static string CreateToken(SecurityKey key, SignInKind kind)
    {
        var now = DateTimeOffset.UtcNow; // the token's own timestamps; the server reads time from its TimeProvider
        var payload = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var group in EntraClaims(kind, now.AddMinutes(-10)).GroupBy(c => c.Type, StringComparer.Ordinal))
        {
            var values = group.Select(c => c.Value).ToArray();
            payload[group.Key] = group.First().ValueType == System.Security.Claims.ClaimValueTypes.Integer64
                ? long.Parse(values[0], System.Globalization.CultureInfo.InvariantCulture)
                : values.Length == 1 && group.Key is not ("amr" or "groups" or "wids" or "xms_cc" or "acrs") ? values[0] : values;
        }

        foreach (var registered in new[] { "iss", "aud", "iat", "nbf", "exp" })
        {
            payload.Remove(registered);
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = TokenIssuer,
            Audience = Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime.AddMinutes(-1),
            Expires = now.UtcDateTime.AddHours(1),
            Claims = payload,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _key.Rsa.Dispose();
    }
}
