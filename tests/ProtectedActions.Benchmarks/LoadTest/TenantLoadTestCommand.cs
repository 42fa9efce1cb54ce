using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
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
using ProtectedActions.Challenges;
using ProtectedActions.Store;

namespace ProtectedActions.Benchmarks.LoadTest;

/// <summary>
/// <c>--tenant-load-test</c>: a store-backed API on Kestrel (127.0.0.1, port 0) serving many tenants, each with its own
/// typical document (50 permissions over 5 contexts, 20 policies requiring MFA; which context protects a permission
/// depends on the tenant, so a decision taken from another tenant's snapshot is detected). Tokens carry <c>tid</c>
/// spread uniformly over the tenants; half are MFA sign-ins (expected 200), half password sign-ins (expected 401 whose
/// challenge names the tenant's own context). The tenants live in an in-memory store that generates each document on
/// read, through <see cref="IProtectedActionsConfigurationStore"/>. Reports requests/s, p50/p99, errors, compiles and
/// the peak number of cached tenants; exits 1 on any error or when the time limit cuts the run short.
/// </summary>
internal static class TenantLoadTestCommand
{
    private const string Issuer = "https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0";
    private const string Audience = "api://contoso";
    private const int Endpoints = 5;

    private const string Usage = """
        dotnet run -c Release --project tests/ProtectedActions.Benchmarks -- --tenant-load-test [options]
          --tenants T        tenants, each with its own stored document (default 10000)
          --requests N       measured requests (default 100000)
          --connections C    concurrent connections (default 64)
          --max-cached M     MaxCachedTenants (default: the library's default, 1000)
          --max-bytes B      MaxCachedSnapshotBytes (default: none)
          --max-seconds S    time limit of the measured run (default 300)
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        int tenants = 10_000, requests = 100_000, connections = 64, maxSeconds = 300;
        var maxCached = new ProtectedActionsStoreOptions().MaxCachedTenants;
        long? maxBytes = null;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : "";
            switch (args[i])
            {
                case "--tenant-load-test":
                    continue;
                case "--tenants" when TryPositive(value, out var n) && n <= 1_000_000:
                    tenants = n;
                    break;
                case "--requests" when TryPositive(value, out var n):
                    requests = n;
                    break;
                case "--connections" when TryPositive(value, out var n) && n <= 4096:
                    connections = n;
                    break;
                case "--max-cached" when TryPositive(value, out var n) && n <= 1_000_000:
                    maxCached = n;
                    break;
                case "--max-bytes" when long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var b) && b > 0:
                    maxBytes = b;
                    break;
                case "--max-seconds" when TryPositive(value, out var n):
                    maxSeconds = n;
                    break;
                default:
                    Console.Error.WriteLine($"unknown or invalid option '{args[i]}'.\n{Usage}");
                    return 2;
            }

            i++;
        }

        var key = new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)) { KeyId = "tenant-load-test" };
        await using var app = await StartAsync(key, tenants, maxCached, maxBytes);
        var provider = app.Services.GetRequiredService<StoreSnapshotProvider>();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First().TrimEnd('/');

        // Two tokens per tenant (MFA, password), minted before the clock starts.
        var mfa = new string[tenants];
        var password = new string[tenants];
        for (var t = 0; t < tenants; t++)
        {
            mfa[t] = Token(key, t, ["pwd", "mfa"]);
            password[t] = Token(key, t, ["pwd"]);
        }

        // The expected challenge of each context, to check a 401 names the tenant's own context.
        var claims = Enumerable.Range(1, 5).Select(c => "claims=\"" + Convert.ToBase64String(Encoding.UTF8.GetBytes(ChallengeWriter.ClaimsJson("c" + c))) + "\"").ToArray();
        var random = new Random(17);
        var plan = Enumerable.Range(0, requests).Select(_ => random.Next(tenants)).ToArray();

        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
        };
        using var client = new HttpClient(handler) { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(30) };
        Console.WriteLine($"Tenant load test: {address}, {tenants:N0} tenants, {requests:N0} requests, {connections} connections, " +
            $"MaxCachedTenants {maxCached:N0}, MaxCachedSnapshotBytes {(maxBytes is { } mb ? mb.ToString("N0", CultureInfo.InvariantCulture) : "none")}, " +
            $"at most {maxSeconds} s; {Environment.ProcessorCount} cores shared by client and server.");

        var latencies = new long[requests];
        var next = -1;
        var errors = 0;
        var timedOut = false;
        var firstError = (string?)null;
        var deadline = Stopwatch.GetTimestamp() + ((long)maxSeconds * Stopwatch.Frequency);
        var started = Stopwatch.GetTimestamp();
        var workers = Enumerable.Range(0, Math.Min(connections, requests)).Select(_ => Task.Run(async () =>
        {
            while (true)
            {
                var i = Interlocked.Increment(ref next);
                if (i >= requests)
                {
                    return;
                }

                if (Stopwatch.GetTimestamp() > deadline)
                {
                    timedOut = true;
                    return;
                }

                var tenant = plan[i];
                var endpoint = i % Endpoints;
                var stepUp = i % 2 == 1;
                var t0 = Stopwatch.GetTimestamp();
                string? problem;
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, "/api/r" + endpoint.ToString(CultureInfo.InvariantCulture));
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", stepUp ? password[tenant] : mfa[tenant]);
                    using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead).ConfigureAwait(false);
                    problem = Check(response, stepUp, claims[ContextIndex(tenant, endpoint)]);
                }
#pragma warning disable CA1031 // a failed request is counted, not fatal
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    problem = ex.GetType().Name;
                }

                latencies[i] = Stopwatch.GetTimestamp() - t0;
                if (problem is not null && Interlocked.Increment(ref errors) == 1)
                {
                    firstError = $"{TenantId(tenant)} /api/r{endpoint} ({(stepUp ? "password" : "mfa")}): {problem}";
                }
            }
        })).ToArray();
        await Task.WhenAll(workers);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;

        var measured = latencies.Where(l => l > 0).Order().ToArray();
        double Percentile(double p) => measured.Length == 0 ? double.NaN
            : measured[Math.Clamp((int)Math.Ceiling(p * measured.Length) - 1, 0, measured.Length - 1)] * 1000.0 / Stopwatch.Frequency;
        Console.WriteLine();
        Console.WriteLine("| tenants | requests | connections | errors | requests/s | p50 (ms) | p99 (ms) | compiles | peak cached | bound |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {tenants:N0} | {measured.Length:N0}{(timedOut ? " (time limit)" : "")} | {connections} | {errors} | {measured.Length / Math.Max(seconds, 1e-9):N0} | "
            + $"{Percentile(0.50):F2} | {Percentile(0.99):F2} | {provider.Compiles:N0} | {provider.PeakCachedTenants:N0} | {maxCached:N0} |"));
        if (firstError is not null)
        {
            Console.WriteLine("first error: " + firstError);
        }

        if (provider.PeakCachedTenants > maxCached)
        {
            Console.WriteLine($"the cache held {provider.PeakCachedTenants} tenants, more than the bound {maxCached}");
            return 1;
        }

        return errors > 0 || timedOut ? 1 : 0;
    }

    private static bool TryPositive(string text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value > 0;

    private static string TenantId(int tenant) => "tenant-" + tenant.ToString("D7", CultureInfo.InvariantCulture);

    /// <summary>Which context (0-based) protects endpoint <paramref name="endpoint"/>'s permission in <paramref name="tenant"/>'s document.</summary>
    private static int ContextIndex(int tenant, int endpoint) => (endpoint + tenant) % 5;

    private static string Permission(int p) => "bench.app/resource" + p.ToString(CultureInfo.InvariantCulture) + "/write";

    /// <summary>Null when the response is what the tenant's document decides; otherwise what is wrong.</summary>
    private static string? Check(HttpResponseMessage response, bool stepUp, string expectedClaims)
    {
        if (!stepUp)
        {
            return response.StatusCode == HttpStatusCode.OK ? null : $"{(int)response.StatusCode}, expected 200";
        }

        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return $"{(int)response.StatusCode}, expected 401";
        }

        return response.Headers.TryGetValues("WWW-Authenticate", out var challenges) && challenges.Any(h => h.Contains(expectedClaims, StringComparison.Ordinal))
            ? null
            : "401 without the tenant's own context in the challenge";
    }

    /// <summary>The typical document with tenant-dependent contexts: permission p is protected by c(1 + (p + tenant) % 5).</summary>
    internal static ProtectedActionsOptions TenantDocument(int tenant)
    {
        var document = StoreBenchmarks.TypicalTenant();
        for (var p = 0; p < document.ProtectedActions.Count; p++)
        {
            document.ProtectedActions[p].AuthenticationContextId = "c" + (1 + ((p + tenant) % 5));
        }

        return document;
    }

    /// <summary>
    /// A token of tenant <paramref name="tenant"/>'s user: each tenant has its own user object id, as in Entra (the no-loop
    /// rule remembers challenges per issuer and user). Issued a minute ago, so no token is newer than a challenge of the
    /// run: the same password sign-in presented again is challenged again, never taken for a failed step-up.
    /// </summary>
    private static string Token(SecurityKey key, int tenant, string[] amr)
    {
        var now = DateTimeOffset.UtcNow; // the token's own timestamps; the server reads time from its TimeProvider
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = now.UtcDateTime.AddMinutes(-1),
            NotBefore = now.UtcDateTime.AddMinutes(-2),
            Expires = now.UtcDateTime.AddHours(1),
            Claims = new Dictionary<string, object>(StringComparer.Ordinal)
            {
                ["oid"] = "11111111-1111-4111-8111-" + tenant.ToString("D12", CultureInfo.InvariantCulture),
                ["sub"] = "AAAAAAAAAAAAAAAAAAAAAIkzqFVrSaSaFH" + tenant.ToString("D9", CultureInfo.InvariantCulture),
                ["tid"] = TenantId(tenant),
                ["ver"] = "2.0",
                ["idtyp"] = "user",
                ["scp"] = "access_as_user",
                ["amr"] = amr,
                ["xms_cc"] = new[] { "cp1" },
                ["auth_time"] = now.AddMinutes(-10).ToUnixTimeSeconds(),
            },
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
    }

    private static async Task<WebApplication> StartAsync(SecurityKey key, int tenants, int maxCached, long? maxBytes)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(TenantLoadTestCommand).Assembly.GetName().Name });
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0)); // loopback only
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(o =>
        {
            o.MapInboundClaims = false;
            o.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = Issuer,
                ValidAudience = Audience,
                IssuerSigningKey = key,
                ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            };
        });
        builder.Services.AddAuthorization();
        var store = new TenantStore(tenants);
        builder.Services.AddProtectedActions(o =>
            {
                var d = StoreBenchmarks.TypicalTenant();
                o.AuthenticationContexts = d.AuthenticationContexts;
                o.ProtectedActions = d.ProtectedActions;
                o.ConditionalAccessPolicies = d.ConditionalAccessPolicies;
                o.Settings = d.Settings;
            })
            .AddAspNetCore()
            .AddConfigurationStore(_ => store, o =>
            {
                o.MaxCachedTenants = maxCached;
                o.MaxCachedSnapshotBytes = maxBytes;
            });

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        var api = app.MapGroup("/api").RequireAuthorization();
        for (var p = 0; p < Endpoints; p++)
        {
            api.MapPost("/r" + p.ToString(CultureInfo.InvariantCulture), () => Results.Ok()).RequireProtectedAction(Permission(p));
        }

        await app.StartAsync().ConfigureAwait(false);
        return app;
    }

    /// <summary>Tenants <c>tenant-0000000</c>..: a fresh document per read (version 1), as a database read gives.</summary>
    private sealed class TenantStore(int tenants) : IProtectedActionsConfigurationStore
    {
        private int? Index(string tenantId) =>
            tenantId.StartsWith("tenant-", StringComparison.Ordinal)
            && int.TryParse(tenantId.AsSpan(7), NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < tenants
                ? i
                : null;

        public Task<StoredConfiguration?> ReadAsync(string tenantId, CancellationToken cancellationToken = default) =>
            Task.FromResult(Index(tenantId) is { } i ? new StoredConfiguration(tenantId, 1, TenantDocument(i), DateTimeOffset.UnixEpoch) : null);

        public Task<IReadOnlyDictionary<string, long>> ReadVersionsAsync(IReadOnlyCollection<string> tenantIds, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyDictionary<string, long>>(tenantIds.Where(t => Index(t) is not null).ToDictionary(t => t, _ => 1L, StringComparer.Ordinal));

        public Task<ConfigurationWriteResult> WriteAsync(ConfigurationWrite write, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<IReadOnlyList<ConfigurationAuditEntry>> ReadAuditAsync(string tenantId, int maxEntries, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<ConfigurationAuditEntry>>([]);
    }
}
