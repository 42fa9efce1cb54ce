using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;
using Npgsql;
using ProtectedActions.AspNetCore;
using ProtectedActions.Store;
using ProtectedActions.Testing;

namespace ProtectedActions.EntityFrameworkCore.Tests;

/// <summary>
/// Real application instances for the multi-instance tests: ASP.NET Core on Kestrel bound to 127.0.0.1 port 0, JwtBearer
/// validating tokens signed by an RSA key made for the test run, ProtectedActions backed by one shared PostgreSQL database
/// (<c>AddPostgreSqlConfigurationStore</c>, each instance with its own connection pool), the management API at
/// <see cref="ManagementPrefix"/>, a health endpoint and one protected endpoint (<c>GET /probe</c>, permission <see cref="Probe"/>).
/// </summary>
internal static class MultiHost
{
    public const string Tenant = "7e57a0b1-0000-4000-8000-00000000a11e";
    public const string Issuer = "https://issuer.multi-host.test/";
    public const string Audience = "api://multi-host-test";
    public const string ManagementPrefix = "/protected-actions/admin";
    public const string Probe = "app/probe/read";
    public const string ProbePath = "/probe";

    /// <summary>The store version of the snapshot cached when the request reached the host, and when its response started.</summary>
    public const string SnapshotBeforeHeader = "X-Test-Snapshot-Before";
    public const string SnapshotAfterHeader = "X-Test-Snapshot-After";

    /// <summary>How many contexts the probe's assignment rotates through (c2 ... c11); c1 guards the management API.</summary>
    public const int Rotation = 10;

    private static readonly Lazy<RsaSecurityKey> s_key = new(() => new RsaSecurityKey(RSA.Create(2048)) { KeyId = "multi-host-test" });

    /// <summary>The RSA key of this test run: the hosts trust it, the tokens are signed with it.</summary>
    public static RsaSecurityKey Key => s_key.Value;

    /// <summary>The context the probe is assigned to in store version <paramref name="version"/>: a version-stamped pattern, so every read says which version decided it.</summary>
    public static string ContextOf(long version) => "c" + (2 + (version % Rotation)).ToString(CultureInfo.InvariantCulture);

    /// <summary>The seed (version 1): 11 contexts that all require MFA, the management action on c1, the probe on <see cref="ContextOf"/>(1).</summary>
    public static ProtectedActionsOptions Seed() => new()
    {
        AuthenticationContexts = [.. Enumerable.Range(1, Rotation + 1).Select(i => new AuthenticationContextDefinition { Id = "c" + i, DisplayName = "Context " + i })],
        ProtectedActions =
        [
            new() { Permission = KnownPermissions.ProtectedActionsManagement, AuthenticationContextId = "c1" },
            new() { Permission = Probe, AuthenticationContextId = ContextOf(1) },
        ],
        ConditionalAccessPolicies =
        [
            new ConditionalAccessPolicy
            {
                Id = "5eed0000-0000-4000-8000-000000000001",
                DisplayName = "MFA for every context",
                State = "enabled",
                Conditions = new()
                {
                    Applications = new() { IncludeAuthenticationContextClassReferences = [.. Enumerable.Range(1, Rotation + 1).Select(i => "c" + i)] },
                    Users = new() { IncludeUsers = ["All"] },
                },
                GrantControls = new() { Operator = "OR", BuiltInControls = ["mfa"] },
            },
        ],
        Settings = new() { TrustAcrsClaim = false },
    };

    public static string AdminId(int admin) => "ad000000-0000-4000-8000-" + admin.ToString("D12", CultureInfo.InvariantCulture);

    public const string UserId = "05e40000-0000-4000-8000-000000000001";

    private static EntraTokenBuilder Token(string userId) => EntraTokenBuilder.ForUser(userId).InTenant(Tenant).WithIssuer(Issuer).WithAudience(Audience)
        .WithClientCapability("cp1").AuthenticatedAt(TimeProvider.System.GetUtcNow() - TimeSpan.FromMinutes(1));

    private static string Sign(EntraTokenBuilder token) => token.BuildJwt(new SigningCredentials(Key, SecurityAlgorithms.RsaSha256));

    /// <summary>A Conditional Access Administrator who signed in with MFA: satisfies the management step-up (c1).</summary>
    public static string Administrator(int admin) =>
        Sign(Token(AdminId(admin)).WithRoles(ProtectedActionsManagementOptions.ConditionalAccessAdministrator).WithAmr("pwd", "mfa").WithClaim("name", "Admin " + admin));

    /// <summary>A Conditional Access Administrator who signed in with a password only: must step up to c1 to write.</summary>
    public static string AdministratorWithoutStepUp(int admin) =>
        Sign(Token(AdminId(admin)).WithRoles(ProtectedActionsManagementOptions.ConditionalAccessAdministrator).WithAmr("pwd"));

    /// <summary>A user with MFA but no administrator role.</summary>
    public static string UserWithMfa() => Sign(Token(UserId).WithAmr("pwd", "mfa"));

    /// <summary>A user who signed in with a password: the probe asks them to step up to the context of the version in force.</summary>
    public static string UserWithPassword() => Sign(Token(UserId).WithAmr("pwd"));

    /// <summary>A client for the hosts: loopback only, no proxy.</summary>
    public static HttpClient NewClient() => new(new SocketsHttpHandler { UseProxy = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>One application instance.</summary>
    public sealed class ApiHost : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private ApiHost(WebApplication app, string instance)
        {
            _app = app;
            Instance = instance;
            Address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First().TrimEnd('/');
        }

        public string Instance { get; }

        /// <summary>For example <c>http://127.0.0.1:41234</c>.</summary>
        public string Address { get; }

        public IServiceProvider Services => _app.Services;

        internal StoreSnapshotProvider Provider => _app.Services.GetRequiredService<StoreSnapshotProvider>();

        public IProtectedActionsConfigurationManager Manager => _app.Services.GetRequiredService<IProtectedActionsConfigurationManager>();

        public static async Task<ApiHost> StartAsync(string connectionString, string instance, TimeSpan? pollInterval = null, bool notifications = true)
        {
            // Its own pool per instance (a different Application Name), as two processes would have. Opening a connection
            // may take seconds on the loaded 2-core CI machine: allow 15 s instead of the component's 5 s.
            var connection = new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = "protected-actions-" + instance, Timeout = 15 }.ConnectionString;
            var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
            builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
            builder.Logging.ClearProviders();
            if (Environment.GetEnvironmentVariable("PA_TEST_LOG") == "1")
            {
                builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Information);
            }
            builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(o =>
            {
                o.MapInboundClaims = false;
                o.TokenValidationParameters = new TokenValidationParameters { ValidIssuer = Issuer, ValidAudience = Audience, IssuerSigningKey = Key };
            });
            builder.Services.AddHealthChecks().AddProtectedActions();
            var seed = Seed();
            builder.Services.AddProtectedActions(o =>
                {
                    o.AuthenticationContexts = seed.AuthenticationContexts;
                    o.ProtectedActions = seed.ProtectedActions;
                    o.ConditionalAccessPolicies = seed.ConditionalAccessPolicies;
                    o.Settings = seed.Settings;
                })
                .AddAspNetCore()
                .AddPostgreSqlConfigurationStore(connection, o =>
                {
                    o.InstanceId = instance;
                    o.UseNotifications = notifications;
                    if (pollInterval is { } interval)
                    {
                        o.Store.PollInterval = interval;
                    }
                });

            var app = builder.Build();
            app.Use(StampSnapshotVersion);
            app.UseAuthentication();
            app.UseAuthorization();
            app.MapGet(ProbePath, () => "allowed").RequireProtectedAction(Probe);
            app.MapProtectedActionsManagement(ManagementPrefix);
            app.MapHealthChecks("/health");
            try
            {
                await app.StartAsync();
            }
            catch
            {
                await app.DisposeAsync();
                throw;
            }

            return new ApiHost(app, instance);
        }

        /// <summary>
        /// Test instrumentation: stamps the probe's response with the store version of the tenant's cached snapshot when
        /// the request arrived and when its response started. Snapshots are only ever replaced by newer versions, so when the
        /// two are equal the decision came from exactly that version.
        /// </summary>
        private static Task StampSnapshotVersion(HttpContext context, RequestDelegate next)
        {
            if (!context.Request.Path.Equals(ProbePath, StringComparison.Ordinal))
            {
                return next(context);
            }

            var provider = context.RequestServices.GetRequiredService<StoreSnapshotProvider>();
            var before = provider.Cached(Tenant)?.Version ?? -1;
            context.Response.OnStarting(() =>
            {
                context.Response.Headers[SnapshotBeforeHeader] = before.ToString(CultureInfo.InvariantCulture);
                context.Response.Headers[SnapshotAfterHeader] = (provider.Cached(Tenant)?.Version ?? -1).ToString(CultureInfo.InvariantCulture);
                return Task.CompletedTask;
            });
            return next(context);
        }

        public async ValueTask DisposeAsync()
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await _app.StopAsync(stop.Token);
            }
            catch (OperationCanceledException)
            {
                // Disposal below ends what is left.
            }

            await _app.DisposeAsync();
        }
    }

    /// <summary>The outcome of one request to <c>GET /probe</c>: the HTTP status, the context the challenge names, and the snapshot stamps.</summary>
    public readonly record struct ProbeRead(HttpStatusCode Status, string? Context, long Before, long After);

    public static async Task<ProbeRead> ProbeAsync(HttpClient client, ApiHost host, string token, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, host.Address + ProbePath);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request, cancellationToken);
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        return new ProbeRead(response.StatusCode, ChallengedContext(response), Stamp(response, SnapshotBeforeHeader), Stamp(response, SnapshotAfterHeader));
    }

    private static long Stamp(HttpResponseMessage response, string header) =>
        response.Headers.TryGetValues(header, out var values) && long.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : -2;

    /// <summary>The context id of the claims challenge in <c>WWW-Authenticate</c> (<c>claims="base64({"access_token":{"acrs":{"value":"cN"}}})"</c>), as a client reads it.</summary>
    public static string? ChallengedContext(HttpResponseMessage response)
    {
        foreach (var text in response.Headers.TryGetValues("WWW-Authenticate", out var values) ? values : Array.Empty<string>())
        {
            var start = text.IndexOf("claims=\"", StringComparison.Ordinal);
            if (start < 0)
            {
                continue;
            }

            start += "claims=\"".Length;
            var end = text.IndexOf('"', start);
            var json = Encoding.UTF8.GetString(Convert.FromBase64String(text[start..end]));
            using var document = JsonDocument.Parse(json);
            return document.RootElement.GetProperty("access_token").GetProperty("acrs").GetProperty("value").GetString();
        }

        return null;
    }

    /// <summary>Sends a management request; returns the status, the ETag's version (-1 when none) and the body.</summary>
    public static async Task<(HttpStatusCode Status, long ETagVersion, string Body)> ManageAsync(HttpClient client, ApiHost host, HttpMethod method, string path, string token,
        string? ifMatch = null, string? json = null, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(method, host.Address + ManagementPrefix + path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return (response.StatusCode, ETagVersion(response), body);
    }

    public static string ETag(long version) => "\"v" + version.ToString(CultureInfo.InvariantCulture) + "\"";

    private static long ETagVersion(HttpResponseMessage response)
    {
        var tag = response.Headers.ETag?.Tag;
        return tag is { Length: > 3 } && tag.StartsWith("\"v", StringComparison.Ordinal)
            && long.TryParse(tag.AsSpan(2, tag.Length - 3), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : -1;
    }

    /// <summary>Assigns the probe to <paramref name="context"/> through <paramref name="host"/>'s management API against version <paramref name="expected"/>.</summary>
    public static Task<(HttpStatusCode Status, long ETagVersion, string Body)> AssignProbeAsync(HttpClient client, ApiHost host, string token, long expected, string context,
        CancellationToken cancellationToken = default) =>
        ManageAsync(client, host, HttpMethod.Put, "/permissions/" + Probe, token, ETag(expected), "{\"authenticationContextId\":\"" + context + "\"}", cancellationToken);

    /// <summary>Writes the seed (version 1) the way a deployment step would, through the store's manager.</summary>
    public static async Task SeedAsync(ApiHost host)
    {
        var result = await host.Manager.WriteAsync(new ConfigurationWrite(Tenant, 0, Seed(), new ConfigurationActor("5eed0000-0000-4000-8000-000000000000", "Seed")));
        result.Status.Should().Be(ConfigurationWriteStatus.Committed, string.Join("; ", result.Issues.Select(i => i.ToString())));
    }
}
