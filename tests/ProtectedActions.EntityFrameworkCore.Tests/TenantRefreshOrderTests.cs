using Microsoft.Extensions.DependencyInjection;
using static ProtectedActions.EntityFrameworkCore.Tests.StoreFixtures;

namespace ProtectedActions.EntityFrameworkCore.Tests;

/// <summary>
/// Two refreshes of one tenant (a poll and the instance's own write) can start from the same cached version and
/// finish in either order. The cache only ever moves forward: the newest committed version wins whichever refresh
/// finishes last, so an instance never goes back to an older version, and never serves an older one than the write
/// it has just acknowledged.
/// </summary>
public sealed class TenantRefreshOrderTests
{
    private const string Other = "widgets/items/archive";

    private static Host NewHost(GatedStore store) =>
        new(b => b.AddConfigurationStore(_ => store, o => o.PollInterval = TimeSpan.FromMinutes(1)));

    [Test]
    public async Task A_write_acknowledged_after_an_older_refresh_finished_first_is_in_force_on_the_writing_instance()
    {
        var store = new GatedStore();
        store.Commit(TenantA, Document(Delete));
        using var host = NewHost(store);
        (await host.OutcomeAsync(Delete)).Should().Be(ProtectedActionOutcome.StepUpRequired);
        host.Provider.Cached(TenantA)!.Value.Version.Should().Be(1);

        // Another instance commits v2; this instance's poll starts refreshing from v1 and is held inside its read.
        store.Commit(TenantA, Document(Delete, Other));
        var pollRead = store.HoldNextRead();
        var poll = host.Provider.PollAsync(CancellationToken.None);
        await pollRead.Started;

        // This instance writes v3 (Delete unprotected); its own refresh also starts from v1 and is held.
        var writeRead = store.HoldNextRead();
        var write = host.Manager.WriteAsync(new ConfigurationWrite(TenantA, 2, Document(Other), Actor));
        await writeRead.Started;

        // The poll's refresh (v2) finishes first, then the write's (v3).
        pollRead.Release();
        await poll;
        host.Provider.Cached(TenantA)!.Value.Version.Should().Be(2);
        writeRead.Release();
        (await write).Status.Should().Be(ConfigurationWriteStatus.Committed);

        host.Provider.Cached(TenantA)!.Value.Version.Should().Be(3, "the write this instance acknowledged is in force on it");
        (await host.OutcomeAsync(Delete)).Should().Be(ProtectedActionOutcome.Allowed);
    }

    [Test]
    public async Task A_refresh_that_read_an_older_version_never_replaces_a_newer_one()
    {
        var store = new GatedStore();
        store.Commit(TenantA, Document(Delete));
        using var host = NewHost(store);
        (await host.OutcomeAsync(Delete)).Should().Be(ProtectedActionOutcome.StepUpRequired);

        store.Commit(TenantA, Document(Delete, Other));
        var pollRead = store.HoldNextRead();
        var poll = host.Provider.PollAsync(CancellationToken.None);
        await pollRead.Started;

        var writeRead = store.HoldNextRead();
        var write = host.Manager.WriteAsync(new ConfigurationWrite(TenantA, 2, Document(Other), Actor));
        await writeRead.Started;

        // Reverse order: the write's refresh (v3) lands first, the poll's (v2) last.
        writeRead.Release();
        (await write).Status.Should().Be(ConfigurationWriteStatus.Committed);
        pollRead.Release();
        await poll;

        host.Provider.Cached(TenantA)!.Value.Version.Should().Be(3, "a refresh never moves a tenant back to an older version");
        (await host.OutcomeAsync(Delete)).Should().Be(ProtectedActionOutcome.Allowed);
    }

    [Test]
    public async Task Attacker_a_refresh_of_an_evicted_tenant_does_not_put_it_back()
    {
        var store = new GatedStore();
        store.Commit(TenantA, Document(Delete));
        store.Commit(TenantB, Document(Delete));
        using var host = new Host(b => b.AddConfigurationStore(_ => store, o =>
        {
            o.PollInterval = TimeSpan.FromMinutes(1);
            o.MaxCachedTenants = 1;
        }));
        (await host.OutcomeAsync(Delete)).Should().Be(ProtectedActionOutcome.StepUpRequired);

        store.Commit(TenantA, Document(Delete, Other));
        var pollRead = store.HoldNextRead();
        var poll = host.Provider.PollAsync(CancellationToken.None);
        await pollRead.Started;

        // Tenant B's first request evicts A while A's refresh is held.
        (await host.OutcomeAsync(Delete, TenantB)).Should().Be(ProtectedActionOutcome.StepUpRequired);
        pollRead.Release();
        await poll;

        host.Provider.Cached(TenantA).Should().BeNull("an evicted tenant is loaded again by its next request, not by a late refresh");
        host.Provider.PeakCachedTenants.Should().Be(1);
        host.Provider.UncachedLoads.Should().Be(0, "losing a race with an eviction is not a tenant too large to cache");
    }

    /// <summary>An in-memory store whose next read can be held after it has read its value.</summary>
    private sealed class GatedStore : IProtectedActionsConfigurationStore
    {
        private readonly Dictionary<string, StoredConfiguration> _tenants = new(StringComparer.Ordinal);
        private readonly Queue<Hold> _holds = new();

        public void Commit(string tenant, ProtectedActionsOptions document)
        {
            lock (_tenants)
            {
                var version = _tenants.TryGetValue(tenant, out var s) ? s.Version + 1 : 1;
                _tenants[tenant] = new StoredConfiguration(tenant, version, document, DateTimeOffset.UnixEpoch);
            }
        }

        public Hold HoldNextRead()
        {
            var hold = new Hold();
            lock (_holds)
            {
                _holds.Enqueue(hold);
            }

            return hold;
        }

        public async Task<StoredConfiguration?> ReadAsync(string tenantId, CancellationToken cancellationToken = default)
        {
            StoredConfiguration? value;
            lock (_tenants)
            {
                value = _tenants.GetValueOrDefault(tenantId);
            }

            Hold? hold = null;
            lock (_holds)
            {
                _holds.TryDequeue(out hold);
            }

            if (hold is not null)
            {
                hold.MarkStarted();
                await hold.Released.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
            }

            return value;
        }

        public Task<IReadOnlyDictionary<string, long>> ReadVersionsAsync(IReadOnlyCollection<string> tenantIds, CancellationToken cancellationToken = default)
        {
            lock (_tenants)
            {
                IReadOnlyDictionary<string, long> result = tenantIds.Where(_tenants.ContainsKey).ToDictionary(t => t, t => _tenants[t].Version);
                return Task.FromResult(result);
            }
        }

        public Task<ConfigurationWriteResult> WriteAsync(ConfigurationWrite write, CancellationToken cancellationToken = default)
        {
            lock (_tenants)
            {
                var current = _tenants.TryGetValue(write.TenantId, out var s) ? s.Version : 0;
                if (current != write.ExpectedVersion)
                {
                    return Task.FromResult(ConfigurationWriteResult.Conflict(current));
                }

                _tenants[write.TenantId] = new StoredConfiguration(write.TenantId, current + 1, write.Document, DateTimeOffset.UnixEpoch);
                return Task.FromResult(ConfigurationWriteResult.Committed(current + 1));
            }
        }

        public Task<IReadOnlyList<ConfigurationAuditEntry>> ReadAuditAsync(string tenantId, int maxEntries, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<ConfigurationAuditEntry>>([]);
    }

    /// <summary>One held read: started once it has read its value, finished once released.</summary>
    private sealed class Hold
    {
        private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Started => _started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        public Task Released => _released.Task;

        public void MarkStarted() => _started.TrySetResult();
        public void Release() => _released.TrySetResult();
    }
}
