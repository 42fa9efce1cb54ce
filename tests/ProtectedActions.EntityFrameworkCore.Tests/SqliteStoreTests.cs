using Microsoft.Extensions.DependencyInjection;
using static ProtectedActions.EntityFrameworkCore.Tests.StoreFixtures;

namespace ProtectedActions.EntityFrameworkCore.Tests;

/// <summary>The store against a real SQLite database file: validation, optimistic concurrency, audit, polling.</summary>
public sealed class SqliteStoreTests
{
    private TempFolder _folder = null!;
    private string _connection = null!;

    [SetUp]
    public void SetUp()
    {
        _folder = new TempFolder();
        _connection = "Data Source=" + Path.Combine(_folder.Path, "store.db") + ";Pooling=False";
    }

    [TearDown]
    public void TearDown() => _folder.Dispose();

    private Host NewHost(Action<EntityFrameworkCoreStoreOptions>? configure = null, ProtectedActionsOptions? defaults = null, Action<IServiceCollection>? more = null) =>
        new(b => b.AddSqliteConfigurationStore(_connection, o =>
        {
            o.Store.PollInterval = TimeSpan.FromMilliseconds(200);
            o.InstanceId = "instance-a";
            configure?.Invoke(o);
        }), defaults, more);

    [Test]
    public async Task A_committed_document_reads_back_with_version_1_and_decides()
    {
        using var host = NewHost();
        var result = await WriteAsync(host.Manager, TenantA, Document(Delete));
        result.Status.Should().Be(ConfigurationWriteStatus.Committed);
        result.Version.Should().Be(1);
        var stored = await host.Manager.ReadAsync(TenantA);
        stored!.Version.Should().Be(1);
        ProtectedActionsDocument.Serialize(stored.Document).Should().Be(ProtectedActionsDocument.Serialize(Document(Delete)));
        (await host.OutcomeAsync(Delete)).Should().Be(ProtectedActionOutcome.StepUpRequired);
        (await host.OutcomeAsync(Read)).Should().Be(ProtectedActionOutcome.Allowed);
    }

    [Test]
    public async Task Attacker_an_invalid_document_is_refused_with_path_message_errors_and_nothing_is_stored()
    {
        using var host = NewHost();
        await WriteAsync(host.Manager, TenantA, Document(Delete));
        var invalid = Document(Delete);
        invalid.ProtectedActions.Add(new ProtectedActionAssignment { Permission = Read, AuthenticationContextId = "c9" }); // undefined context

        var result = await host.Manager.WriteAsync(new ConfigurationWrite(TenantA, 1, invalid, Actor));

        result.Status.Should().Be(ConfigurationWriteStatus.Invalid);
        result.Issues.Should().NotBeEmpty().And.OnlyContain(i => i.Severity == ConfigurationSeverity.Error && i.Path.StartsWith("ProtectedActions:", StringComparison.Ordinal));
        var expected = ProtectedActionsConfiguration.Validate(invalid).Errors.Select(e => e.ToString());
        result.Issues.Select(i => i.ToString()).Should().BeEquivalentTo(expected);
        (await host.Manager.ReadAsync(TenantA))!.Version.Should().Be(1);
        (await host.Manager.ReadAuditAsync(TenantA, 100)).Should().OnlyContain(a => a.Version == 1);
    }

    [Test]
    public async Task Attacker_the_store_itself_refuses_an_invalid_document_even_without_the_manager()
    {
        using var host = NewHost();
        var store = host.Services.GetRequiredService<IProtectedActionsConfigurationStore>();
        var invalid = Document(Delete);
        invalid.ProtectedActions[0].AuthenticationContextId = "c9";

        var result = await store.WriteAsync(new ConfigurationWrite(TenantA, 0, invalid, Actor));

        result.Status.Should().Be(ConfigurationWriteStatus.Invalid);
        (await store.ReadAsync(TenantA)).Should().BeNull();
    }

    [Test]
    public async Task Attacker_a_write_against_a_stale_version_conflicts_and_changes_nothing()
    {
        using var host = NewHost();
        await WriteAsync(host.Manager, TenantA, Document(Delete));
        (await host.Manager.WriteAsync(new ConfigurationWrite(TenantA, 1, Document(Delete, Read), Actor))).Status.Should().Be(ConfigurationWriteStatus.Committed);

        var stale = await host.Manager.WriteAsync(new ConfigurationWrite(TenantA, 1, Document(), Actor));

        stale.Status.Should().Be(ConfigurationWriteStatus.Conflict);
        stale.Version.Should().Be(2);
        var stored = await host.Manager.ReadAsync(TenantA);
        stored!.Version.Should().Be(2);
        stored.Document.ProtectedActions.Select(p => p.Permission).Should().BeEquivalentTo([Delete, Read]);
        (await host.OutcomeAsync(Delete)).Should().Be(ProtectedActionOutcome.StepUpRequired);
    }

    [Test]
    public async Task Attacker_creating_a_tenant_that_exists_conflicts()
    {
        using var host = NewHost();
        await WriteAsync(host.Manager, TenantA, Document(Delete));
        var again = await host.Manager.WriteAsync(new ConfigurationWrite(TenantA, 0, Document(), Actor));
        again.Status.Should().Be(ConfigurationWriteStatus.Conflict);
        (await host.OutcomeAsync(Delete)).Should().Be(ProtectedActionOutcome.StepUpRequired);
    }

    [Test]
    public async Task The_audit_trail_records_actor_instance_and_before_after_per_object_only()
    {
        using var host = NewHost();
        await WriteAsync(host.Manager, TenantA, Document(Delete));
        await WriteAsync(host.Manager, TenantA, Document(Read));

        var audit = await host.Manager.ReadAuditAsync(TenantA, 100);

        audit.Should().OnlyContain(a => a.ActorObjectId == Admin && a.ActorDisplayName == "Ada Admin" && a.InstanceId == "instance-a" && a.TenantId == TenantA);
        var v2 = audit.Where(a => a.Version == 2).ToArray();
        v2.Should().HaveCount(2);
        v2.Should().ContainSingle(a => a.Kind == "protectedActions" && a.Key == Delete && a.Before!.Contains(Delete) && a.After == null);
        v2.Should().ContainSingle(a => a.Kind == "protectedActions" && a.Key == Read && a.Before == null && a.After!.Contains(Read));
        audit.Where(a => a.Version == 1).Select(a => a.Kind).Should().Contain(["authenticationContexts", "protectedActions", "conditionalAccessPolicies"]);
        audit.Select(a => a.Version).Should().BeInDescendingOrder();
    }

    [Test]
    public async Task A_second_instance_picks_up_a_committed_version_within_2_seconds()
    {
        using var a = NewHost();
        using var b = NewHost(o => o.InstanceId = "instance-b");
        await WriteAsync(a.Manager, TenantA, Document(Delete));
        (await b.OutcomeAsync(Delete)).Should().Be(ProtectedActionOutcome.StepUpRequired);

        await WriteAsync(a.Manager, TenantA, Document());

        (await a.OutcomeAsync(Delete)).Should().Be(ProtectedActionOutcome.Allowed, "the writing instance applies its own write at once");
        var took = await EventuallyAsync(async () => await b.OutcomeAsync(Delete) == ProtectedActionOutcome.Allowed, TimeSpan.FromSeconds(2));
        took.Should().NotBeNull("instance B must serve the committed version within 2 seconds");
    }

    [Test]
    public async Task Attacker_a_tenant_without_configuration_is_denied_even_for_unprotected_permissions()
    {
        using var host = NewHost();
        await WriteAsync(host.Manager, TenantA, Document(Delete));

        var decision = await host.Evaluator.EvaluateAsync(Request(Read, TenantB));

        decision.Outcome.Should().Be(ProtectedActionOutcome.Denied);
        decision.Causes.Should().HaveFlag(DecisionCauses.Blocked);
        (await host.Evaluator.EvaluateAsync(new ProtectedActionRequest(Read, Password(TenantA)))).Outcome.Should().Be(ProtectedActionOutcome.Allowed);
    }

    [Test]
    public async Task Attacker_a_sign_in_without_tenant_is_denied()
    {
        using var host = NewHost();
        await WriteAsync(host.Manager, TenantA, Document(Delete));
        var noTenant = new ProtectedActionRequest(Read, new SignInContext { UserId = "u", AuthenticationMethodReferences = ["pwd"] });
        (await host.Evaluator.EvaluateAsync(noTenant)).Outcome.Should().Be(ProtectedActionOutcome.Denied);
    }

    [Test]
    public async Task An_unconfigured_tenant_falls_back_to_the_registered_configuration_when_told_to()
    {
        using var host = NewHost(o => o.Store.UnconfiguredTenants = UnconfiguredTenantBehavior.UseDefaultConfiguration, defaults: Document(Read));
        (await host.OutcomeAsync(Read, TenantB)).Should().Be(ProtectedActionOutcome.StepUpRequired);
        (await host.OutcomeAsync(Delete, TenantB)).Should().Be(ProtectedActionOutcome.Allowed);
    }

    [Test]
    public async Task A_tenant_configured_after_its_first_request_is_picked_up_by_polling()
    {
        using var a = NewHost();
        using var b = NewHost();
        (await b.OutcomeAsync(Delete)).Should().Be(ProtectedActionOutcome.Denied);
        await WriteAsync(a.Manager, TenantA, Document(Delete));
        (await EventuallyAsync(async () => await b.OutcomeAsync(Delete) == ProtectedActionOutcome.StepUpRequired, TimeSpan.FromSeconds(2))).Should().NotBeNull();
    }

    [Test]
    public async Task Attacker_a_write_refused_by_an_acceptance_check_is_not_stored()
    {
        using var host = NewHost(more: s => s.AddSingleton<IProtectedActionsConfigurationCheck>(new RequireMapped(Delete)));
        (await WriteAsync(host.Manager, TenantA, Document(Delete))).Status.Should().Be(ConfigurationWriteStatus.Committed);

        var unmap = await WriteAsync(host.Manager, TenantA, Document(Read));

        unmap.Status.Should().Be(ConfigurationWriteStatus.Invalid);
        unmap.Issues.Should().ContainSingle(i => i.Code == "PA9999");
        (await host.Manager.ReadAsync(TenantA))!.Version.Should().Be(1);
        (await host.OutcomeAsync(Delete)).Should().Be(ProtectedActionOutcome.StepUpRequired);
    }

    [Test]
    public async Task Locked_out_user_a_stored_context_challenges_with_its_id_and_mfa_satisfies_it()
    {
        using var host = NewHost();
        await WriteAsync(host.Manager, TenantA, Document(Delete));

        var decision = await host.Evaluator.EvaluateAsync(Request(Delete, TenantA));
        decision.Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
        decision.AuthenticationContextId.Should().Be("c1");
        decision.Challenge.Should().NotBeNull("a user who can satisfy c1 by MFA must be told how");

        var mfa = Password(TenantA);
        var withMfa = new SignInContext
        {
            UserId = mfa.UserId, TenantId = TenantA, GroupIds = [], RoleIds = [], UserType = UserType.Member,
            AuthenticationMethodReferences = ["pwd", "mfa"],
        };
        (await host.Evaluator.EvaluateAsync(new ProtectedActionRequest(Delete, withMfa))).Outcome.Should().Be(ProtectedActionOutcome.Allowed);
    }

    [Test]
    public async Task Concurrent_administrators_never_lose_a_write_and_every_snapshot_matches_a_committed_version()
    {
        using var a = NewHost();
        using var b = NewHost();
        await WriteAsync(a.Manager, TenantA, VersionDocument(1, []));
        var result = await ConcurrencyScenario.RunAsync([a, b], admins: 4, writesPerAdmin: 15, TenantA);
        result.Committed.Should().Be(60);
        result.FinalVersion.Should().Be(61);
        result.FinalMarkers.Should().HaveCount(60, "every committed write's marker survives: nothing was silently overwritten");
        result.MixedSnapshots.Should().Be(0);
        result.Reads.Should().BeGreaterThan(0);
    }

    internal static ProtectedActionsOptions VersionDocument(long version, IEnumerable<string> markers)
    {
        return Document([$"app/version{version}/write", .. markers]);
    }

    private sealed class RequireMapped(string permission) : IProtectedActionsConfigurationCheck
    {
        public IReadOnlyList<ConfigurationIssue> Check(ProtectedActionsConfigurationView configuration) =>
            configuration.FindAuthenticationContext(permission) is not null
                ? []
                : [new ConfigurationIssue(ConfigurationSeverity.Error, "PA9999", "ProtectedActions:ProtectedActions", permission + " is declared by an endpoint and must stay mapped")];
    }
}
