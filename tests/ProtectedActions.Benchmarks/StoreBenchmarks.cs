using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using ProtectedActions.Store;
using static ProtectedActions.Benchmarks.BenchmarkConfigurations;

namespace ProtectedActions.Benchmarks;

/// <summary>
/// Store-backed (managed, per tenant) configuration: the warm cost, a decision from a cached tenant snapshot, against
/// the file-backed evaluator (the baseline; both serve the same snapshot type), and the cold cost of a request whose
/// tenant is not cached (read + compile + cache insert with one eviction) for a typical tenant of 50 permissions and
/// 20 policies. MemoryDiagnoser's allocation of <see cref="ColdTenantCompile"/> is what compiling a tenant allocates;
/// the memory a cached tenant keeps is measured by <c>TenantMemoryTests</c> (retained, not allocated).
/// </summary>
[MemoryDiagnoser]
public class StoreBenchmarks
{
    private const string Tenant = "bench-tenant";
    private IProtectedActionEvaluator _file = null!;
    private StoreSnapshotProvider _store = null!;
    private StoreSnapshotProvider _coldStore = null!;
    private ServiceProvider _fileServices = null!;
    private ServiceProvider _services = null!;
    private ServiceProvider _coldServices = null!;
    private ProtectedActionRequest[] _coldRequests = null!;
    private MemoryStore _memory = null!;
    private ProtectedActionRequest _request = null!;
    private int _cold;

    [GlobalSetup]
    public void Setup()
    {
        var document = TypicalTenant();
        // Both sides are built the way a host builds them (same telemetry wiring) on the same fixed clock: a
        // difference between them is the store's tenant lookup, nothing else.
        _fileServices = new ServiceCollection().AddSingleton<TimeProvider>(new FixedTime()).AddProtectedActions(o => Copy(document, o))
            .Services.BuildServiceProvider();
        _file = _fileServices.GetRequiredService<IProtectedActionEvaluator>();
        _memory = new MemoryStore(document);
        _services = new ServiceCollection().AddSingleton<TimeProvider>(new FixedTime()).AddProtectedActions(o => Copy(document, o))
            .AddConfigurationStore(_ => _memory, o => o.MaxCachedTenants = 100_000).Services.BuildServiceProvider();
        _store = _services.GetRequiredService<StoreSnapshotProvider>();

        // Cold: a cache of one tenant and two tenants taking turns, so every request evicts the other and compiles its own
        // (bounded memory however many invocations BenchmarkDotNet makes).
        _coldServices = new ServiceCollection().AddSingleton<TimeProvider>(new FixedTime()).AddProtectedActions(o => Copy(document, o))
            .AddConfigurationStore(_ => _memory, o => o.MaxCachedTenants = 1).Services.BuildServiceProvider();
        _coldStore = _coldServices.GetRequiredService<StoreSnapshotProvider>();
        _coldRequests = [.. new[] { "cold-a", "cold-b" }.Select(t => new ProtectedActionRequest("bench.app/resource0/write",
            new SignInContext { UserId = "u", TenantId = t, GroupIds = [], RoleIds = [], AuthenticationMethodReferences = ["pwd"] }))];
        var signIn = PasswordSignIn();
        _request = new ProtectedActionRequest("bench.app/resource0/write", new SignInContext
        {
            UserId = signIn.UserId, TenantId = Tenant, Issuer = signIn.Issuer, GroupIds = [], RoleIds = [], AuthenticationMethodReferences = ["pwd"],
        });
        if (_store.EvaluateAsync(_request).AsTask().Result.Outcome != _file.EvaluateAsync(_request).AsTask().Result.Outcome)
        {
            throw new InvalidOperationException("store-backed and file-backed decisions differ");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _fileServices.Dispose();
        _services.Dispose();
        _coldServices.Dispose();
    }

    [Benchmark(Baseline = true)]
    public ProtectedActionOutcome FileBackedDecision() => _file.EvaluateAsync(_request).Result.Outcome;

    [Benchmark]
    public ProtectedActionOutcome StoreBackedDecision() => _store.EvaluateAsync(_request).Result.Outcome;

    /// <summary>A request whose tenant was evicted: read from the store, compile, insert (evicting the other tenant), decide.</summary>
    [Benchmark]
    public ProtectedActionOutcome ColdTenantCompile() =>
        _coldStore.EvaluateAsync(_coldRequests[++_cold & 1]).AsTask().Result.Outcome;

    /// <summary>50 permissions over 5 contexts, 20 enabled policies requiring MFA.</summary>
    internal static ProtectedActionsOptions TypicalTenant()
    {
        var o = new ProtectedActionsOptions { Settings = new() { TrustAcrsClaim = false } };
        for (var c = 1; c <= 5; c++)
        {
            o.AuthenticationContexts.Add(new() { Id = "c" + c, DisplayName = "Context " + c });
        }

        for (var p = 0; p < 50; p++)
        {
            o.ProtectedActions.Add(new() { Permission = $"bench.app/resource{p}/write", AuthenticationContextId = "c" + (1 + (p % 5)) });
        }

        for (var p = 0; p < 20; p++)
        {
            o.ConditionalAccessPolicies.Add(new ConditionalAccessPolicy
            {
                Id = "policy-" + p,
                DisplayName = "Policy " + p,
                State = "enabled",
                Conditions = new()
                {
                    Applications = new() { IncludeAuthenticationContextClassReferences = ["c" + (1 + (p % 5))] },
                    Users = new() { IncludeUsers = ["All"] },
                },
                GrantControls = new() { Operator = "OR", BuiltInControls = ["mfa"] },
            });
        }

        return o;
    }

    private static void Copy(ProtectedActionsOptions from, ProtectedActionsOptions to)
    {
        to.AuthenticationContexts = from.AuthenticationContexts;
        to.ProtectedActions = from.ProtectedActions;
        to.ConditionalAccessPolicies = from.ConditionalAccessPolicies;
        to.Settings = from.Settings;
    }

    /// <summary>Every tenant has the same typical document (the benchmark measures compile and decision, not I/O).</summary>
    private sealed class MemoryStore(ProtectedActionsOptions document) : IProtectedActionsConfigurationStore
    {
        public Task<StoredConfiguration?> ReadAsync(string tenantId, CancellationToken cancellationToken = default) =>
            Task.FromResult<StoredConfiguration?>(new StoredConfiguration(tenantId, 1, document, DateTimeOffset.UnixEpoch));

        public Task<IReadOnlyDictionary<string, long>> ReadVersionsAsync(IReadOnlyCollection<string> tenantIds, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyDictionary<string, long>>(tenantIds.ToDictionary(t => t, _ => 1L));

        public Task<ConfigurationWriteResult> WriteAsync(ConfigurationWrite write, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyList<ConfigurationAuditEntry>> ReadAuditAsync(string tenantId, int maxEntries, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<ConfigurationAuditEntry>>([]);
    }
}
