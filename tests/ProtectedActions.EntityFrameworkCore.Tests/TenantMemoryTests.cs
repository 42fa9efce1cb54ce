using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using ProtectedActions.Store;
using static ProtectedActions.EntityFrameworkCore.Tests.StoreFixtures;

namespace ProtectedActions.EntityFrameworkCore.Tests;

/// <summary>
/// Memory per cached tenant, measured: <c>GC.GetTotalMemory(true)</c> before and after caching a number of tenants,
/// divided by that number. The typical tenant (50 permissions, 20 policies, 10 contexts) is measured over 1,000
/// tenants; the calibration of <see cref="SnapshotSizeEstimate"/> compares its estimate with the measurement for
/// documents that each stress one dimension. Results are printed; only generous ceilings are asserted.
/// </summary>
[NonParallelizable]
public sealed class TenantMemoryTests
{
    /// <summary>A document of the given shape; every policy requires MFA for one of the contexts.</summary>
    internal static ProtectedActionsOptions Shape(int tenant, int contexts, int permissions, int policies, int usersPerPolicy = 0, int locations = 0, int rangesPerLocation = 0)
    {
        var document = new ProtectedActionsOptions
        {
            AuthenticationContexts = [.. Enumerable.Range(1, contexts).Select(c => new AuthenticationContextDefinition { Id = "c" + c, DisplayName = "Context " + c })],
            ProtectedActions = [.. Enumerable.Range(0, permissions).Select(p => new ProtectedActionAssignment
            {
                Permission = $"app{tenant % 97}/resource{p}/write",
                AuthenticationContextId = "c" + ((p % contexts) + 1),
            })],
            NamedLocations = [.. Enumerable.Range(0, locations).Select(l => new NamedLocation
            {
                Id = $"{tenant:D8}-1111-4000-8000-{l:D12}",
                DisplayName = "Office " + l,
                IsTrusted = true,
                // Ranges that cannot merge (not adjacent), so each one is kept.
                IpRanges = [.. Enumerable.Range(0, rangesPerLocation).Select(r => new IpRange { CidrAddress = $"10.{r % 256}.{(l * 2) % 256}.0/24" })],
            })],
            Settings = new() { TrustAcrsClaim = false },
        };
        for (var j = 0; j < policies; j++)
        {
            document.ConditionalAccessPolicies.Add(new ConditionalAccessPolicy
            {
                Id = $"{tenant:D8}-0000-4000-8000-{j:D12}",
                DisplayName = $"Tenant {tenant} policy {j}",
                State = "enabled",
                Conditions = new()
                {
                    Applications = new() { IncludeAuthenticationContextClassReferences = ["c" + ((j % contexts) + 1)] },
                    Users = new()
                    {
                        IncludeUsers = usersPerPolicy == 0 ? ["All"] : [.. Enumerable.Range(0, usersPerPolicy).Select(u => $"{tenant:D8}-2222-4000-8000-{(j * 1000) + u:D12}")],
                    },
                    Locations = locations == 0 ? null : new() { IncludeLocations = ["All"], ExcludeLocations = [.. document.NamedLocations.Select(l => l.Id!)] },
                },
                GrantControls = new() { Operator = "OR", BuiltInControls = ["mfa"] },
            });
        }

        return document;
    }

    /// <summary>The typical tenant of the scale requirement: 10 contexts, 50 permissions, 20 policies.</summary>
    internal static ProtectedActionsOptions Typical(int tenant) => Shape(tenant, contexts: 10, permissions: 50, policies: 20);

    /// <summary>Caches <paramref name="count"/> tenants of <paramref name="document"/>'s shape; returns the retained bytes per tenant and the mean estimate.</summary>
    private static async Task<(double Measured, double Estimated)> MeasureAsync(Func<int, ProtectedActionsOptions> document, int count)
    {
        // Documents are generated on every read, as a database read yields fresh objects and strings.
        var store = new GeneratingStore(tenant => int.Parse(tenant.AsSpan(7), CultureInfo.InvariantCulture) is var i && i <= count ? document(i) : null);
        using var host = new Host(b => b.AddConfigurationStore(_ => store, o =>
        {
            o.MaxCachedTenants = 1_000_000;
            o.PollInterval = TimeSpan.FromMinutes(1);
        }));

        // Warm up (JIT, static caches, the evaluator's shared state) with one tenant that is not counted.
        await host.Evaluator.EvaluateAsync(Request("app0/resource0/write", "tenant-00000"));
        host.Provider.Cached("tenant-00000")!.Value.Snapshot.Should().NotBeNull("the shape compiles");
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var estimated = 0L;
        for (var i = 1; i <= count; i++)
        {
            var tenant = "tenant-" + i.ToString("D5", CultureInfo.InvariantCulture);
            await host.Evaluator.EvaluateAsync(Request($"app{i % 97}/resource0/write", tenant));
            estimated += SnapshotSizeEstimate.Bytes(tenant, document(i));
        }

        var after = GC.GetTotalMemory(forceFullCollection: true);
        host.Provider.CachedTenants.Should().Be(count + 1);
        host.Provider.Cached("tenant-" + count.ToString("D5", CultureInfo.InvariantCulture))!.Value.Snapshot.Should().NotBeNull();
        GC.KeepAlive(host);
        return ((after - before) / (double)count, estimated / (double)count);
    }

    [Test]
    [CancelAfter(180_000)]
    public async Task Memory_per_typical_tenant_is_measured_and_10000_tenants_are_set_against_the_default_bound()
    {
        const int Tenants = 1_000;
        var (measured, estimated) = await MeasureAsync(Typical, Tenants);
        var defaults = new ProtectedActionsStoreOptions();
        var atDefaultBound = measured * defaults.MaxCachedTenants;
        var allTenThousand = measured * 10_000;
        TestContext.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"typical tenant (10 contexts, 50 permissions, 20 policies): {measured / 1024:F1} KiB retained per tenant over {Tenants} tenants "
            + $"(estimate {estimated / 1024:F1} KiB); default bound {defaults.MaxCachedTenants} tenants = {atDefaultBound / (1024 * 1024):F1} MiB; "
            + $"10,000 such tenants would hold {allTenThousand / (1024 * 1024):F1} MiB, so at the default bound 9,000 of them are evicted and recompiled on demand"));

        measured.Should().BeGreaterThan(1_000, "a compiled tenant is not free: a zero would mean the measurement failed");
        measured.Should().BeLessThan(512 * 1024, "a typical tenant stays far below half a mebibyte");
        (measured / estimated).Should().BeInRange(0.5, 1.5, "the estimate is calibrated against this measurement");
    }

    private static readonly (string Name, Func<int, ProtectedActionsOptions> Document)[] Shapes =
    [
        ("minimal: 1 context, 1 permission, 1 policy", t => Shape(t, 1, 1, 1)),
        ("permissions: 1 context, 500 permissions, 1 policy", t => Shape(t, 1, 500, 1)),
        ("contexts: 50 contexts, 50 permissions, 50 policies", t => Shape(t, 50, 50, 50)),
        ("policies: 5 contexts, 5 permissions, 200 policies", t => Shape(t, 5, 5, 200)),
        ("listed users: 5 contexts, 5 permissions, 20 policies of 50 users", t => Shape(t, 5, 5, 20, usersPerPolicy: 50)),
        ("named locations: 5 contexts, 5 permissions, 5 policies, 20 locations of 50 ranges", t => Shape(t, 5, 5, 5, locations: 20, rangesPerLocation: 50)),
    ];

    [TestCaseSource(nameof(ShapeNames))]
    [CancelAfter(180_000)]
    public async Task The_size_estimate_is_calibrated_within_a_factor_of_the_measured_memory(string name)
    {
        var shape = Shapes.Single(s => s.Name == name);
        ProtectedActionsConfiguration.Validate(shape.Document(7)).Issues.Where(i => i.Severity == ConfigurationSeverity.Error).Should().BeEmpty();
        var (measured, estimated) = await MeasureAsync(shape.Document, 200);
        TestContext.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: measured {measured:F0} B, estimated {estimated:F0} B per tenant, ratio {measured / estimated:F2}"));
        (measured / estimated).Should().BeInRange(0.4, 1.6, "the estimate follows the retained memory");
    }

    private static IEnumerable<string> ShapeNames() => Shapes.Select(s => s.Name);

    /// <summary>A store that generates each tenant's document on read (version 1).</summary>
    private sealed class GeneratingStore(Func<string, ProtectedActionsOptions?> generate) : IProtectedActionsConfigurationStore
    {
        public Task<StoredConfiguration?> ReadAsync(string tenantId, CancellationToken cancellationToken = default) =>
            Task.FromResult(generate(tenantId) is { } document ? new StoredConfiguration(tenantId, 1, document, DateTimeOffset.UnixEpoch) : null);

        public Task<IReadOnlyDictionary<string, long>> ReadVersionsAsync(IReadOnlyCollection<string> tenantIds, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyDictionary<string, long>>(tenantIds.ToDictionary(t => t, _ => 1L, StringComparer.Ordinal));

        public Task<ConfigurationWriteResult> WriteAsync(ConfigurationWrite write, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<IReadOnlyList<ConfigurationAuditEntry>> ReadAuditAsync(string tenantId, int maxEntries, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<ConfigurationAuditEntry>>([]);
    }
}
