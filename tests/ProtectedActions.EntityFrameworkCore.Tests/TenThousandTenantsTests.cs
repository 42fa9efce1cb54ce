using Microsoft.Extensions.DependencyInjection;
using System.Diagnostics;
using System.Globalization;
using static ProtectedActions.EntityFrameworkCore.Tests.StoreFixtures;

namespace ProtectedActions.EntityFrameworkCore.Tests;

/// <summary>
/// The scale point of the managed configuration: 10,000 tenants of 50 permissions and 20 policies each, served with the
/// default cache bound (<see cref="ProtectedActionsStoreOptions.MaxCachedTenants"/>). The tenants are seeded in memory
/// through the core store abstraction (<see cref="IProtectedActionsConfigurationStore"/>): writing 10,000 documents through
/// SQLite would take minutes on the 2-core CI machine and measure the database, not the cache. Wall time and p50/p99 per
/// decision are written to the test output (measured, never asserted).
/// </summary>
[NonParallelizable]
public sealed class TenThousandTenantsTests
{
    private const int Tenants = 10_000;
    private const int PermissionsPerTenant = 50;
    private const int PoliciesPerTenant = 20;
    private const int Contexts = 10;
    private const int Workers = 4;

    private static string TenantId(int i) => "tenant-" + i.ToString("D5", CultureInfo.InvariantCulture);

    private static string Permission(int tenant, int p) => $"app{tenant % 97}/resource{p}/write";

    /// <summary>A tenant's document: 10 contexts, 50 permissions spread over them, 20 policies each requiring MFA for one context.</summary>
    internal static ProtectedActionsOptions TenantDocument(int tenant) => new()
    {
        AuthenticationContexts = [.. Enumerable.Range(1, Contexts).Select(c => new AuthenticationContextDefinition { Id = "c" + c, DisplayName = "Context " + c })],
        ProtectedActions = [.. Enumerable.Range(0, PermissionsPerTenant).Select(p => new ProtectedActionAssignment
        {
            Permission = Permission(tenant, p),
            AuthenticationContextId = "c" + ((p % Contexts) + 1),
        })],
        ConditionalAccessPolicies = [.. Enumerable.Range(0, PoliciesPerTenant).Select(j => new ConditionalAccessPolicy
        {
            Id = $"{tenant:D8}-0000-4000-8000-{j:D12}",
            DisplayName = $"Tenant {tenant} policy {j}",
            State = "enabled",
            Conditions = new()
            {
                Applications = new() { IncludeAuthenticationContextClassReferences = ["c" + ((j % Contexts) + 1)] },
                Users = new() { IncludeUsers = ["All"] },
            },
            GrantControls = new() { Operator = "OR", BuiltInControls = ["mfa"] },
        })],
        Settings = new() { TrustAcrsClaim = false },
    };

    [Test]
    public void The_generated_tenant_document_compiles_without_errors()
    {
        var result = ProtectedActionsConfiguration.Validate(TenantDocument(42));
        result.Issues.Where(i => i.Severity == ConfigurationSeverity.Error).Should().BeEmpty();
        TenantDocument(42).ProtectedActions.Should().HaveCount(PermissionsPerTenant);
        TenantDocument(42).ConditionalAccessPolicies.Should().HaveCount(PoliciesPerTenant);
    }

    [Test]
    [CancelAfter(180_000)]
    public async Task Requests_spread_over_10000_tenants_get_correct_decisions_and_the_cache_stays_within_the_default_bound()
    {
        var store = new GeneratedStore();
        using var host = new Host(b => b.AddConfigurationStore(_ => store), defaults: Document(Delete));
        var bound = new ProtectedActionsStoreOptions().MaxCachedTenants;

        // Every tenant twice, in a shuffled order: most requests find their tenant evicted (10,000 tenants, bound 1,000).
        var random = new Random(17);
        var order = Enumerable.Range(0, Tenants).Concat(Enumerable.Range(0, Tenants)).OrderBy(_ => random.Next()).ToArray();
        var latencies = new double[order.Length];
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var maxCached = 0;
        var next = -1;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                var count = host.Provider.CachedTenants;
                InterlockedMax(ref maxCached, count);
                await Task.Delay(1);
            }
        });

        var wall = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < order.Length)
            {
                var tenant = order[i];
                var mfa = i % 2 == 0;
                var signIn = Password(TenantId(tenant));
                signIn = mfa ? new SignInContext
                {
                    UserId = signIn.UserId,
                    TenantId = signIn.TenantId,
                    GroupIds = [],
                    RoleIds = [],
                    UserType = UserType.Member,
                    AuthenticationMethodReferences = ["pwd", "mfa"],
                } : signIn;
                var started = Stopwatch.GetTimestamp();
                var decision = await host.Evaluator.EvaluateAsync(new ProtectedActionRequest(Permission(tenant, i % PermissionsPerTenant), signIn));
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                var expected = mfa ? ProtectedActionOutcome.Allowed : ProtectedActionOutcome.StepUpRequired;
                if (decision.Outcome != expected || decision.AuthenticationContextId != "c" + ((i % PermissionsPerTenant % Contexts) + 1))
                {
                    failures.Enqueue($"{TenantId(tenant)}: {decision.Outcome} for {decision.AuthenticationContextId}, expected {expected}");
                }

                InterlockedMax(ref maxCached, host.Provider.CachedTenants);
            }
        })));
        wall.Stop();
        await sampling.CancelAsync();
        await sampler;

        Array.Sort(latencies);
        var compiles = host.Provider.Compiles;
        TestContext.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{order.Length} decisions over {Tenants} tenants ({PermissionsPerTenant} permissions, {PoliciesPerTenant} policies each), {Workers} workers, bound {bound}: "
            + $"wall {wall.Elapsed.TotalSeconds:F1} s, p50 {latencies[latencies.Length / 2]:F3} ms, p99 {latencies[(int)(latencies.Length * 0.99)]:F3} ms, "
            + $"max {latencies[^1]:F1} ms, compiles {compiles}, max cached {maxCached}"));

        failures.Should().BeEmpty("every decision follows the tenant's own document, evicted or not");
        host.Status.IsDegraded.Should().BeFalse();
        host.Provider.CachedTenants.Should().BeLessThanOrEqualTo(bound);
        // The cache evicts before it inserts, under one lock: the bound holds at every instant, not only at rest.
        maxCached.Should().BeLessThanOrEqualTo(bound);
        host.Provider.PeakCachedTenants.Should().BeLessThanOrEqualTo(bound);
        compiles.Should().BeGreaterThanOrEqualTo(Tenants, "every tenant was compiled at least once")
            .And.BeLessThanOrEqualTo(order.Length, "a tenant is compiled at most once per request");
        store.Reads.Should().Be((int)compiles);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    /// <summary>An in-memory store whose tenants are generated on read (version 1), so 10,000 documents need no seeding memory.</summary>
    private sealed class GeneratedStore : IProtectedActionsConfigurationStore
    {
        private int _reads;

        public int Reads => _reads;

        private static int? Index(string tenantId) =>
            tenantId.StartsWith("tenant-", StringComparison.Ordinal) && int.TryParse(tenantId.AsSpan(7), NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < Tenants
                ? i
                : null;

        public Task<StoredConfiguration?> ReadAsync(string tenantId, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _reads);
            return Task.FromResult(Index(tenantId) is { } i ? new StoredConfiguration(tenantId, 1, TenantDocument(i), DateTimeOffset.UnixEpoch) : null);
        }

        public Task<IReadOnlyDictionary<string, long>> ReadVersionsAsync(IReadOnlyCollection<string> tenantIds, CancellationToken cancellationToken = default)
        {
            IReadOnlyDictionary<string, long> result = tenantIds.Where(t => Index(t) is not null).ToDictionary(t => t, _ => 1L, StringComparer.Ordinal);
            return Task.FromResult(result);
        }

        public Task<ConfigurationWriteResult> WriteAsync(ConfigurationWrite write, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<IReadOnlyList<ConfigurationAuditEntry>> ReadAuditAsync(string tenantId, int maxEntries, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<ConfigurationAuditEntry>>([]);
    }
}
