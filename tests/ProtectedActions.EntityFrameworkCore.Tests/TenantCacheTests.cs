using Microsoft.Extensions.DependencyInjection;
using static ProtectedActions.EntityFrameworkCore.Tests.StoreFixtures;

namespace ProtectedActions.EntityFrameworkCore.Tests;

/// <summary>The per-tenant snapshot cache: single-flight first compile, LRU bound, last good snapshot on store failure.</summary>
public sealed class TenantCacheTests
{
    private static Host NewHost(FlakyStore store, int maxTenants = 1000) =>
        new(b => b.AddConfigurationStore(_ => store, o =>
        {
            o.PollInterval = TimeSpan.FromMilliseconds(100);
            o.MaxCachedTenants = maxTenants;
        }));

    [Test]
    public async Task Concurrent_first_requests_of_a_tenant_share_one_compile()
    {
        var store = new FlakyStore { ReadDelay = TimeSpan.FromMilliseconds(200) };
        store.Put(TenantA, Document(Delete));
        using var host = NewHost(store);

        var decisions = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => host.Evaluator.EvaluateAsync(Request(Delete, TenantA)).AsTask())));

        decisions.Should().OnlyContain(d => d.Outcome == ProtectedActionOutcome.StepUpRequired);
        host.Provider.Compiles.Should().Be(1);
        store.Reads.Should().Be(1);
    }

    [Test]
    public async Task Least_recently_used_tenants_are_evicted_and_recompiled_on_their_next_request()
    {
        var store = new FlakyStore();
        foreach (var t in new[] { "t1", "t2", "t3" })
        {
            store.Put(t, Document(Delete));
        }

        using var host = NewHost(store, maxTenants: 2);
        (await host.OutcomeAsync(Delete, "t1")).Should().Be(ProtectedActionOutcome.StepUpRequired);
        (await host.OutcomeAsync(Delete, "t2")).Should().Be(ProtectedActionOutcome.StepUpRequired);
        (await host.OutcomeAsync(Delete, "t1")).Should().Be(ProtectedActionOutcome.StepUpRequired); // t2 is now the least recently used
        (await host.OutcomeAsync(Delete, "t3")).Should().Be(ProtectedActionOutcome.StepUpRequired);

        host.Provider.CachedTenants.Should().Be(2);
        host.Provider.Cached("t2").Should().BeNull();
        host.Provider.Cached("t1").Should().NotBeNull();
        var compiles = host.Provider.Compiles;
        (await host.OutcomeAsync(Delete, "t2")).Should().Be(ProtectedActionOutcome.StepUpRequired);
        host.Provider.Compiles.Should().Be(compiles + 1);
    }

    [Test]
    public async Task Many_tenants_beyond_the_bound_are_evicted_without_errors()
    {
        var store = new FlakyStore();
        for (var i = 0; i < 300; i++)
        {
            store.Put("t" + i, Document(Delete, "widgets/other" + i + "/write"));
        }

        using var host = NewHost(store, maxTenants: 50);
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 600).Select(i => Task.Run(() => host.OutcomeAsync(Delete, "t" + (i % 300)))));

        outcomes.Should().OnlyContain(o => o == ProtectedActionOutcome.StepUpRequired);
        host.Provider.CachedTenants.Should().BeLessThanOrEqualTo(50);
        host.Provider.PeakCachedTenants.Should().BeLessThanOrEqualTo(50, "the bound holds at every instant");
    }

    [Test]
    public async Task Locked_out_user_a_store_outage_keeps_the_last_snapshot_degrades_health_and_recovers()
    {
        var store = new FlakyStore();
        store.Put(TenantA, Document(Delete));
        using var host = NewHost(store);
        (await host.OutcomeAsync(Delete)).Should().Be(ProtectedActionOutcome.StepUpRequired);
        host.Status.IsDegraded.Should().BeFalse();

        store.Down = true;
        (await EventuallyAsync(() => Task.FromResult(host.Status.IsDegraded), TimeSpan.FromSeconds(2))).Should().NotBeNull();
        host.Status.LastReloadErrors.Should().Contain(e => e.Code == "PA7001");
        var during = await host.Evaluator.EvaluateAsync(Request(Delete, TenantA));
        during.Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired, "the last good snapshot stays in force, with its challenge");
        during.Challenge.Should().NotBeNull();

        store.Down = false;
        (await EventuallyAsync(() => Task.FromResult(!host.Status.IsDegraded), TimeSpan.FromSeconds(2))).Should().NotBeNull();
    }

    [Test]
    public async Task Attacker_a_tenant_never_loaded_is_denied_while_the_store_is_down()
    {
        var store = new FlakyStore { Down = true };
        store.Put(TenantA, Document(Delete));
        using var host = NewHost(store);

        (await host.OutcomeAsync("widgets/anything/read")).Should().Be(ProtectedActionOutcome.Denied);
        host.Status.IsDegraded.Should().BeTrue();
    }

    [Test]
    public async Task The_store_backed_evaluator_serves_the_same_decision_as_the_file_backed_one()
    {
        var store = new FlakyStore();
        store.Put(TenantA, Document(Delete));
        using var host = NewHost(store);
        var file = ProtectedActionEvaluator.Create(Document(Delete));
        foreach (var permission in new[] { Delete, Read })
        {
            var fromStore = await host.Evaluator.EvaluateAsync(Request(permission, TenantA));
            var fromFile = await file.EvaluateAsync(Request(permission, TenantA));
            fromStore.Outcome.Should().Be(fromFile.Outcome);
            fromStore.AuthenticationContextId.Should().Be(fromFile.AuthenticationContextId);
            fromStore.Challenge?.WwwAuthenticate.Should().Equal(fromFile.Challenge?.WwwAuthenticate ?? []);
        }
    }

    [Test]
    public void Store_options_out_of_range_fail_at_start_up()
    {
        using var host = new Host(b => b.AddConfigurationStore(_ => new FlakyStore(), o => o.PollInterval = TimeSpan.Zero));
        var act = () => host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ProtectedActionsStoreOptions>>().Value;
        act.Should().Throw<Microsoft.Extensions.Options.OptionsValidationException>().WithMessage("*PollInterval*PA7003*");
    }

    /// <summary>An in-memory store that can be taken down, counting reads.</summary>
    internal sealed class FlakyStore : IProtectedActionsConfigurationStore
    {
        private readonly Dictionary<string, StoredConfiguration> _tenants = new(StringComparer.Ordinal);
        private int _reads;

        public bool Down { get; set; }
        public TimeSpan ReadDelay { get; set; }
        public int Reads => _reads;

        public void Put(string tenant, ProtectedActionsOptions document)
        {
            lock (_tenants)
            {
                var version = _tenants.TryGetValue(tenant, out var s) ? s.Version + 1 : 1;
                _tenants[tenant] = new StoredConfiguration(tenant, version, document, DateTimeOffset.UnixEpoch);
            }
        }

        public async Task<StoredConfiguration?> ReadAsync(string tenantId, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _reads);
            if (ReadDelay > TimeSpan.Zero)
            {
                await Task.Delay(ReadDelay, cancellationToken);
            }

            ThrowWhenDown();
            lock (_tenants)
            {
                return _tenants.TryGetValue(tenantId, out var s) ? s : null;
            }
        }

        public Task<IReadOnlyDictionary<string, long>> ReadVersionsAsync(IReadOnlyCollection<string> tenantIds, CancellationToken cancellationToken = default)
        {
            ThrowWhenDown();
            lock (_tenants)
            {
                IReadOnlyDictionary<string, long> result = tenantIds.Where(_tenants.ContainsKey).ToDictionary(t => t, t => _tenants[t].Version);
                return Task.FromResult(result);
            }
        }

        public Task<ConfigurationWriteResult> WriteAsync(ConfigurationWrite write, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<IReadOnlyList<ConfigurationAuditEntry>> ReadAuditAsync(string tenantId, int maxEntries, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<ConfigurationAuditEntry>>([]);

        private void ThrowWhenDown()
        {
            if (Down)
            {
                throw new TimeoutException("store down (test)");
            }
        }
    }
}
