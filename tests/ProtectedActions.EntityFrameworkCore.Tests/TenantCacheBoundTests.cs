using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ProtectedActions.Store;
using static ProtectedActions.EntityFrameworkCore.Tests.StoreFixtures;

namespace ProtectedActions.EntityFrameworkCore.Tests;

/// <summary>
/// The tenant cache's bounds are hard: the count (<see cref="ProtectedActionsStoreOptions.MaxCachedTenants"/>) and the
/// estimated memory (<see cref="ProtectedActionsStoreOptions.MaxCachedSnapshotBytes"/>) are never exceeded, not even for
/// an instant while many tenants load at once, and every decision comes from the requesting tenant's own document.
/// </summary>
[NonParallelizable]
public sealed class TenantCacheBoundTests
{
    private const string Shared = "widgets/shared/delete";
    private const string EvenOnly = "widgets/even/delete";

    /// <summary>
    /// Tenant <paramref name="i"/> protects <see cref="Shared"/> with its own context c(1 + i % 9) and, for even tenants
    /// only, <see cref="EvenOnly"/>; every context requires MFA. A decision served from another tenant's snapshot shows
    /// the wrong context, or lets <see cref="EvenOnly"/> through.
    /// </summary>
    private static ProtectedActionsOptions TenantDocument(int i, int extraPermissions = 0)
    {
        var context = "c" + (1 + (i % 9));
        var document = Document();
        document.AuthenticationContexts = [new() { Id = context, DisplayName = "Tenant context" }];
        document.ProtectedActions = [new() { Permission = Shared, AuthenticationContextId = context }];
        if (i % 2 == 0)
        {
            document.ProtectedActions.Add(new() { Permission = EvenOnly, AuthenticationContextId = context });
        }

        for (var p = 0; p < extraPermissions; p++)
        {
            document.ProtectedActions.Add(new() { Permission = $"widgets/extra{p}/write", AuthenticationContextId = context });
        }

        document.ConditionalAccessPolicies[0].Conditions!.Applications!.IncludeAuthenticationContextClassReferences = [context];
        return document;
    }

    private static string Tenant(int i) => "tenant-" + i;

    private static Host NewHost(IProtectedActionsConfigurationStore store, int maxTenants = 1000, long? maxBytes = null, ILoggerProvider? logs = null) =>
        new(b => b.AddConfigurationStore(_ => store, o =>
        {
            o.PollInterval = TimeSpan.FromMilliseconds(100);
            o.MaxCachedTenants = maxTenants;
            o.MaxCachedSnapshotBytes = maxBytes;
        }), more: logs is null ? null : s => s.AddLogging(l => l.AddProvider(logs)));

    /// <summary>
    /// Many threads ask for many tenants while a sampler reads the cache continuously: returns the highest count and
    /// estimated bytes it saw, and the decisions that did not match the tenant's own document.
    /// </summary>
    private static async Task<(int MaxCount, long MaxBytes, List<string> Wrong)> HammerAsync(Host host, int tenants, int threads, int requestsPerThread)
    {
        var wrong = new ConcurrentQueue<string>();
        var maxCount = 0;
        var maxBytes = 0L;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                maxCount = Math.Max(maxCount, host.Provider.CachedTenants);
                maxBytes = Math.Max(maxBytes, host.Provider.CachedBytes);
            }
        });

        await Task.WhenAll(Enumerable.Range(0, threads).Select(t => Task.Run(async () =>
        {
            var random = new Random(t);
            for (var r = 0; r < requestsPerThread; r++)
            {
                var i = random.Next(tenants);
                var permission = r % 2 == 0 ? Shared : EvenOnly;
                var decision = await host.Evaluator.EvaluateAsync(Request(permission, Tenant(i)));
                var protectedHere = permission == Shared || i % 2 == 0;
                var expectedOutcome = protectedHere ? ProtectedActionOutcome.StepUpRequired : ProtectedActionOutcome.Allowed;
                var expectedContext = protectedHere ? "c" + (1 + (i % 9)) : null;
                if (decision.Outcome != expectedOutcome || (protectedHere && decision.AuthenticationContextId != expectedContext))
                {
                    wrong.Enqueue($"{Tenant(i)} {permission}: {decision.Outcome} {decision.AuthenticationContextId}, expected {expectedOutcome} {expectedContext}");
                }
            }
        })));
        await stop.CancelAsync();
        await sampler;
        return (maxCount, maxBytes, [.. wrong]);
    }

    private static TenantCacheTests.FlakyStore Seeded(int tenants, Func<int, ProtectedActionsOptions>? document = null)
    {
        var store = new TenantCacheTests.FlakyStore();
        for (var i = 0; i < tenants; i++)
        {
            store.Put(Tenant(i), (document ?? (n => TenantDocument(n)))(i));
        }

        return store;
    }

    [Test]
    public async Task The_reference_outcomes_match_a_file_backed_evaluator_of_each_tenant_document()
    {
        foreach (var i in new[] { 0, 1, 7, 8 })
        {
            var file = ProtectedActionEvaluator.Create(TenantDocument(i));
            var shared = await file.EvaluateAsync(Request(Shared, Tenant(i)));
            shared.Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
            shared.AuthenticationContextId.Should().Be("c" + (1 + (i % 9)));
            (await file.EvaluateAsync(Request(EvenOnly, Tenant(i)))).Outcome
                .Should().Be(i % 2 == 0 ? ProtectedActionOutcome.StepUpRequired : ProtectedActionOutcome.Allowed);
        }
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task Attacker_concurrent_loads_of_many_tenants_never_exceed_the_count_bound_nor_mix_tenants_up()
    {
        const int Bound = 8;
        using var host = NewHost(Seeded(64), maxTenants: Bound);

        var (maxCount, _, wrong) = await HammerAsync(host, tenants: 64, threads: 16, requestsPerThread: 400);

        wrong.Should().BeEmpty("every decision follows the requesting tenant's own document");
        maxCount.Should().BeLessThanOrEqualTo(Bound, "the sampler never sees more cached tenants than the bound");
        host.Provider.PeakCachedTenants.Should().BeLessThanOrEqualTo(Bound).And.BeGreaterThan(0);
        host.Provider.CachedTenants.Should().BeLessThanOrEqualTo(Bound);
        host.Provider.Compiles.Should().BeGreaterThan(64, "tenants were evicted and recompiled");
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task A_bound_of_one_tenant_still_decides_every_tenant_correctly()
    {
        using var host = NewHost(Seeded(6), maxTenants: 1);

        var (maxCount, _, wrong) = await HammerAsync(host, tenants: 6, threads: 8, requestsPerThread: 100);

        wrong.Should().BeEmpty();
        maxCount.Should().BeLessThanOrEqualTo(1);
        host.Provider.PeakCachedTenants.Should().Be(1);
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task Attacker_concurrent_loads_never_exceed_the_memory_bound_nor_mix_tenants_up()
    {
        var one = SnapshotSizeEstimate.Bytes(Tenant(10), TenantDocument(10));
        var smallest = Enumerable.Range(0, 40).Min(i => SnapshotSizeEstimate.Bytes(Tenant(i), TenantDocument(i)));
        var bound = (one * 5) + (one / 2); // room for about five tenants
        using var host = NewHost(Seeded(40), maxBytes: bound);

        var (maxCount, maxBytes, wrong) = await HammerAsync(host, tenants: 40, threads: 16, requestsPerThread: 300);

        wrong.Should().BeEmpty();
        maxBytes.Should().BeLessThanOrEqualTo(bound, "the sampler never sees more estimated bytes than the bound");
        maxCount.Should().BeLessThanOrEqualTo((int)(bound / smallest), "no more tenants than the memory bound holds");
        host.Provider.CachedBytes.Should().BeGreaterThan(0).And.BeLessThanOrEqualTo(bound);
        host.Provider.UncachedLoads.Should().Be(0);
    }

    [Test]
    public async Task The_cached_bytes_are_the_sum_of_the_cached_tenants_estimates_through_loads_evictions_and_removals()
    {
        var store = Seeded(3, i => TenantDocument(i, extraPermissions: i * 10));
        using var host = NewHost(store, maxTenants: 2);
        long Estimate(int i) => SnapshotSizeEstimate.Bytes(Tenant(i), TenantDocument(i, extraPermissions: i * 10));

        await host.OutcomeAsync(Shared, Tenant(0));
        await host.OutcomeAsync(Shared, Tenant(1));
        host.Provider.CachedBytes.Should().Be(Estimate(0) + Estimate(1));
        await host.OutcomeAsync(Shared, Tenant(2)); // evicts tenant 0
        host.Provider.CachedBytes.Should().Be(Estimate(1) + Estimate(2));
        (await host.OutcomeAsync(Shared, "tenant-unknown")).Should().Be(ProtectedActionOutcome.Denied); // evicts tenant 1
        host.Provider.CachedBytes.Should().Be(Estimate(2) + SnapshotSizeEstimate.UnconfiguredBytes("tenant-unknown"));
    }

    [Test]
    public void The_estimate_grows_with_every_dimension_of_the_document()
    {
        var small = SnapshotSizeEstimate.Bytes("t", TenantDocument(0));
        SnapshotSizeEstimate.Bytes("t", TenantDocument(0, extraPermissions: 10)).Should().BeGreaterThan(small);
        var morePolicies = TenantDocument(0);
        morePolicies.ConditionalAccessPolicies.Add(morePolicies.ConditionalAccessPolicies[0]);
        SnapshotSizeEstimate.Bytes("t", morePolicies).Should().BeGreaterThan(small);
        var moreUsers = TenantDocument(0);
        moreUsers.ConditionalAccessPolicies[0].Conditions!.Users!.ExcludeUsers = ["11111111-0000-0000-0000-000000000001"];
        SnapshotSizeEstimate.Bytes("t", moreUsers).Should().BeGreaterThan(small);
        var location = TenantDocument(0);
        location.NamedLocations = [new NamedLocation { Id = "office", DisplayName = "Office", IpRanges = [new IpRange { CidrAddress = "203.0.113.0/24" }] }];
        SnapshotSizeEstimate.Bytes("t", location).Should().BeGreaterThan(small);
        SnapshotSizeEstimate.Bytes("a-much-longer-tenant-id", TenantDocument(0)).Should().BeGreaterThan(small);
    }

    [Test]
    public async Task Locked_out_user_a_tenant_larger_than_the_memory_bound_is_decided_uncached_with_its_challenge_and_logged_once()
    {
        var store = Seeded(4);
        store.Put("big", TenantDocument(4, extraPermissions: 200));
        var bound = SnapshotSizeEstimate.Bytes(Tenant(0), TenantDocument(0)) * 3;
        SnapshotSizeEstimate.Bytes("big", TenantDocument(4, extraPermissions: 200)).Should().BeGreaterThan(bound, "the big tenant alone exceeds the bound");
        using var logs = new RecordingLogs();
        using var host = NewHost(store, maxBytes: bound, logs: logs);

        for (var r = 0; r < 3; r++)
        {
            var decision = await host.Evaluator.EvaluateAsync(Request(Shared, "big"));
            decision.Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired, "the oversized tenant is still decided by its own document");
            decision.AuthenticationContextId.Should().Be("c5");
            decision.Challenge.Should().NotBeNull("the user can see how to step up");
            (await host.OutcomeAsync("widgets/extra199/write", "big")).Should().Be(ProtectedActionOutcome.StepUpRequired);
        }

        host.Provider.Cached("big").Should().BeNull("it is never cached");
        host.Provider.UncachedLoads.Should().Be(6);
        host.Provider.Compiles.Should().Be(6, "each request of the oversized tenant compiles it once");
        logs.Events.Count(e => e == 1207).Should().Be(1, "the warning is rate-limited to once a minute");

        // The other tenants are cached as usual, within the bound.
        (await host.OutcomeAsync(Shared, Tenant(1))).Should().Be(ProtectedActionOutcome.StepUpRequired);
        (await host.OutcomeAsync(Shared, Tenant(2))).Should().Be(ProtectedActionOutcome.StepUpRequired);
        host.Provider.CachedTenants.Should().Be(2);
        host.Provider.CachedBytes.Should().BeLessThanOrEqualTo(bound);
    }

    [Test]
    public async Task Concurrent_first_requests_of_an_oversized_tenant_still_share_one_compile()
    {
        var store = new TenantCacheTests.FlakyStore { ReadDelay = TimeSpan.FromMilliseconds(200) };
        store.Put("big", TenantDocument(4, extraPermissions: 200));
        using var host = NewHost(store, maxBytes: 1_000);

        var decisions = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => host.Evaluator.EvaluateAsync(Request(Shared, "big")).AsTask())));

        decisions.Should().OnlyContain(d => d.Outcome == ProtectedActionOutcome.StepUpRequired && d.AuthenticationContextId == "c5");
        host.Provider.Compiles.Should().Be(1);
        host.Provider.CachedTenants.Should().Be(0);
    }

    [Test]
    public async Task Attacker_a_tenant_that_grows_beyond_the_memory_bound_never_keeps_serving_its_previous_version()
    {
        var store = Seeded(1);
        var bound = SnapshotSizeEstimate.Bytes(Tenant(0), TenantDocument(0)) * 2;
        using var host = NewHost(store, maxBytes: bound);
        (await host.OutcomeAsync(EvenOnly, Tenant(0))).Should().Be(ProtectedActionOutcome.StepUpRequired);
        host.Provider.Cached(Tenant(0)).Should().NotBeNull();

        // Version 2 is larger than the bound and moves both permissions from c1 to c9.
        var grown = TenantDocument(8, extraPermissions: 200);
        store.Put(Tenant(0), grown);
        await host.Provider.PollAsync(CancellationToken.None);

        host.Provider.Cached(Tenant(0)).Should().BeNull("version 1 must not stay in force, and version 2 does not fit");
        var decision = await host.Evaluator.EvaluateAsync(Request(Shared, Tenant(0)));
        decision.AuthenticationContextId.Should().Be("c9", "version 2 decides");
        host.Provider.CachedBytes.Should().Be(0);
    }

    [TestCase(0L)]
    [TestCase(-1L)]
    [TestCase(long.MinValue)]
    public void A_memory_bound_of_zero_or_less_fails_at_start_up_naming_the_option(long bytes)
    {
        using var host = new Host(b => b.AddConfigurationStore(_ => new TenantCacheTests.FlakyStore(), o => o.MaxCachedSnapshotBytes = bytes));
        var act = () => host.Services.GetRequiredService<IOptions<ProtectedActionsStoreOptions>>().Value;
        act.Should().Throw<OptionsValidationException>().WithMessage("*ProtectedActions:Store:MaxCachedSnapshotBytes*PA7007*");
    }

    [Test]
    public void The_memory_bound_is_off_by_default_and_one_byte_is_accepted()
    {
        new ProtectedActionsStoreOptions().MaxCachedSnapshotBytes.Should().BeNull();
        using var host = new Host(b => b.AddConfigurationStore(_ => new TenantCacheTests.FlakyStore(), o => o.MaxCachedSnapshotBytes = 1));
        host.Services.GetRequiredService<IOptions<ProtectedActionsStoreOptions>>().Value.MaxCachedSnapshotBytes.Should().Be(1);
    }

    [Test]
    public void The_memory_bound_configured_next_to_the_EF_Core_store_reaches_the_cache_options()
    {
        using var host = new Host(b => b.AddSqliteConfigurationStore("Data Source=:memory:", o => o.Store.MaxCachedTenants = 42),
            more: s => s.Configure<ProtectedActionsStoreOptions>(o => o.MaxCachedSnapshotBytes = 1_000_000));
        var options = host.Services.GetRequiredService<IOptions<ProtectedActionsStoreOptions>>().Value;
        options.MaxCachedSnapshotBytes.Should().Be(1_000_000);
        options.MaxCachedTenants.Should().Be(42);
    }

    [Test]
    public void The_memory_bound_set_in_the_EF_Core_store_options_is_not_ignored()
    {
        using var host = new Host(b => b.AddSqliteConfigurationStore("Data Source=:memory:", o =>
        {
            o.Store.MaxCachedTenants = 42;
            o.Store.MaxCachedSnapshotBytes = 2_000_000;
        }));
        var options = host.Services.GetRequiredService<IOptions<ProtectedActionsStoreOptions>>().Value;
        options.MaxCachedSnapshotBytes.Should().Be(2_000_000);
        options.MaxCachedTenants.Should().Be(42);
    }

    /// <summary>Records the event ids logged.</summary>
    private sealed class RecordingLogs : ILoggerProvider
    {
        public ConcurrentQueue<int> Events { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose()
        {
        }

        private sealed class Logger(RecordingLogs owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                owner.Events.Enqueue(eventId.Id);
        }
    }
}
