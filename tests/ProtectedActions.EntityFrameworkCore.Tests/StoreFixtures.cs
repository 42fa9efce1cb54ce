using Microsoft.Extensions.DependencyInjection;
using ProtectedActions.Store;

namespace ProtectedActions.EntityFrameworkCore.Tests;

/// <summary>Documents, sign-ins and hosts for the store tests.</summary>
internal static class StoreFixtures
{
    public const string TenantA = "aaaaaaaa-0000-0000-0000-00000000000a";
    public const string TenantB = "bbbbbbbb-0000-0000-0000-00000000000b";
    public const string Delete = "widgets/items/delete";
    public const string Read = "widgets/items/read";
    public const string Admin = "11111111-2222-3333-4444-555555555555";

    /// <summary>c1 requires MFA (a password sign-in must step up); <paramref name="permissions"/> are assigned to c1.</summary>
    public static ProtectedActionsOptions Document(params string[] permissions) => new()
    {
        AuthenticationContexts = [new() { Id = "c1", DisplayName = "Require MFA" }],
        ProtectedActions = [.. permissions.Select(p => new ProtectedActionAssignment { Permission = p, AuthenticationContextId = "c1" })],
        ConditionalAccessPolicies =
        [
            new ConditionalAccessPolicy
            {
                Id = "p1",
                DisplayName = "MFA for c1",
                State = "enabled",
                Conditions = new()
                {
                    Applications = new() { IncludeAuthenticationContextClassReferences = ["c1"] },
                    Users = new() { IncludeUsers = ["All"] },
                },
                GrantControls = new() { Operator = "OR", BuiltInControls = ["mfa"] },
            },
        ],
        Settings = new() { TrustAcrsClaim = false, AllowEmptyConfiguration = true },
    };

    public static SignInContext Password(string tenant) => new()
    {
        UserId = "99999999-0000-0000-0000-000000000001",
        TenantId = tenant,
        GroupIds = [],
        RoleIds = [],
        UserType = UserType.Member,
        AuthenticationMethodReferences = ["pwd"],
    };

    public static ProtectedActionRequest Request(string permission, string tenant) => new(permission, Password(tenant));

    public static ConfigurationActor Actor { get; } = new(Admin, "Ada Admin");

    /// <summary>One application instance: its own container, sharing the database with the others.</summary>
    public sealed class Host : IDisposable
    {
        private readonly ServiceProvider _services;

        public Host(Action<ProtectedActionsBuilder> store, ProtectedActionsOptions? defaults = null, Action<IServiceCollection>? more = null)
        {
            var services = new ServiceCollection();
            var builder = services.AddProtectedActions(o =>
            {
                var d = defaults ?? Document();
                o.AuthenticationContexts = d.AuthenticationContexts;
                o.ProtectedActions = d.ProtectedActions;
                o.ConditionalAccessPolicies = d.ConditionalAccessPolicies;
                o.Settings = d.Settings;
            });
            store(builder);
            more?.Invoke(services);
            _services = services.BuildServiceProvider();
        }

        public IServiceProvider Services => _services;

        public IProtectedActionEvaluator Evaluator => _services.GetRequiredService<IProtectedActionEvaluator>();
        public IProtectedActionsConfigurationManager Manager => _services.GetRequiredService<IProtectedActionsConfigurationManager>();
        public IProtectedActionsConfigurationStatus Status => _services.GetRequiredService<IProtectedActionsConfigurationStatus>();
        internal StoreSnapshotProvider Provider => _services.GetRequiredService<StoreSnapshotProvider>();

        public async Task<ProtectedActionOutcome> OutcomeAsync(string permission, string tenant = TenantA) =>
            (await Evaluator.EvaluateAsync(Request(permission, tenant))).Outcome;

        public void Dispose() => _services.Dispose();
    }

    public static async Task<ConfigurationWriteResult> WriteAsync(IProtectedActionsConfigurationManager manager, string tenant, ProtectedActionsOptions document)
    {
        var current = await manager.ReadAsync(tenant);
        return await manager.WriteAsync(new ConfigurationWrite(tenant, current?.Version ?? 0, document, Actor));
    }

    /// <summary>Waits until <paramref name="condition"/> holds or <paramref name="within"/> passes; returns how long it took.</summary>
    public static async Task<TimeSpan?> EventuallyAsync(Func<Task<bool>> condition, TimeSpan within)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        while (started.Elapsed < within)
        {
            if (await condition())
            {
                return started.Elapsed;
            }

            await Task.Delay(25);
        }

        return await condition() ? started.Elapsed : null;
    }
}
