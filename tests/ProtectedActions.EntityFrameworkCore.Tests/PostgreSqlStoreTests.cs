using Microsoft.Extensions.DependencyInjection;
using ProtectedActions.EntityFrameworkCore.Storage;
using static ProtectedActions.EntityFrameworkCore.Tests.StoreFixtures;

namespace ProtectedActions.EntityFrameworkCore.Tests;

/// <summary>
/// The store against a real PostgreSQL server shared by two application instances (two containers, each with its
/// own connection pool, cache and poller). See <see cref="PostgreSqlDatabase"/> for how to run them.
/// </summary>
[NonParallelizable]
public sealed class PostgreSqlStoreTests
{
    private PostgreSqlDatabase _database = null!;

    [SetUp]
    public async Task SetUp() => _database = await PostgreSqlDatabase.CreateAsync();

    [TearDown]
    public async Task TearDown()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    private Host NewHost(string instance, TimeSpan? pollInterval = null, bool notifications = true) =>
        new(b => b.AddPostgreSqlConfigurationStore(_database.ConnectionString, o =>
        {
            o.InstanceId = instance;
            o.Store.PollInterval = pollInterval ?? TimeSpan.FromMilliseconds(250);
            o.UseNotifications = notifications;
        }));

    [Test]
    public async Task Notifications_put_a_commit_in_force_on_another_instance_long_before_its_next_poll()
    {
        using var a = NewHost("a", TimeSpan.FromSeconds(30));
        using var b = NewHost("b", TimeSpan.FromSeconds(30));
        (await WriteAsync(a.Manager, TenantA, Document(Delete))).Status.Should().Be(ConfigurationWriteStatus.Committed);
        (await b.OutcomeAsync(Delete)).Should().Be(ProtectedActionOutcome.StepUpRequired);
        var listener = b.Services.GetRequiredService<PostgreSqlChangeListener>();
        (await EventuallyAsync(() => Task.FromResult(listener.IsListening), TimeSpan.FromSeconds(10))).Should().NotBeNull("instance B listens");

        (await WriteAsync(a.Manager, TenantA, Document(Read))).Status.Should().Be(ConfigurationWriteStatus.Committed);

        var took = await EventuallyAsync(async () => await b.OutcomeAsync(Delete) == ProtectedActionOutcome.Allowed, TimeSpan.FromSeconds(5));
        TestContext.Out.WriteLine($"instance B served the new version {took?.TotalMilliseconds:F0} ms after the commit (poll interval 30 s)");
        took.Should().NotBeNull("the notification, not the 30-second poll, brings the commit to instance B");
        listener.Notifications.Should().BeGreaterThan(0);
    }

    [Test]
    public async Task Polling_still_picks_up_a_commit_when_notifications_are_lost()
    {
        using var a = NewHost("a");
        using var b = NewHost("b", notifications: false); // B never hears a notification: every one is lost for it
        b.Services.GetService<PostgreSqlChangeListener>().Should().BeNull();
        (await WriteAsync(a.Manager, TenantA, Document(Delete))).Status.Should().Be(ConfigurationWriteStatus.Committed);
        (await b.OutcomeAsync(Delete)).Should().Be(ProtectedActionOutcome.StepUpRequired);

        (await WriteAsync(a.Manager, TenantA, Document(Read))).Status.Should().Be(ConfigurationWriteStatus.Committed);

        (await EventuallyAsync(async () => await b.OutcomeAsync(Delete) == ProtectedActionOutcome.Allowed, TimeSpan.FromSeconds(2)))
            .Should().NotBeNull("polling brings the commit within 2 seconds without notifications");
    }

    [Test]
    public async Task A_write_through_instance_A_changes_the_decision_on_instance_B_within_2_seconds()
    {
        using var a = NewHost("a");
        using var b = NewHost("b");
        (await WriteAsync(a.Manager, TenantA, Document(Delete))).Status.Should().Be(ConfigurationWriteStatus.Committed);
        (await b.OutcomeAsync(Delete)).Should().Be(ProtectedActionOutcome.StepUpRequired);

        (await WriteAsync(a.Manager, TenantA, Document(Read))).Status.Should().Be(ConfigurationWriteStatus.Committed);

        var took = await EventuallyAsync(async () => await b.OutcomeAsync(Delete) == ProtectedActionOutcome.Allowed
            && await b.OutcomeAsync(Read) == ProtectedActionOutcome.StepUpRequired, TimeSpan.FromSeconds(2));
        took.Should().NotBeNull("instance B must serve the committed version within 2 seconds");
        var audit = await b.Manager.ReadAuditAsync(TenantA, 10);
        audit.Should().Contain(e => e.Version == 2 && e.InstanceId == "a" && e.ActorObjectId == Admin);
    }

    [Test]
    public async Task Attacker_stale_and_invalid_writes_change_nothing_on_PostgreSQL()
    {
        using var a = NewHost("a");
        await WriteAsync(a.Manager, TenantA, Document(Delete));
        (await a.Manager.WriteAsync(new ConfigurationWrite(TenantA, 1, Document(Read), Actor))).Status.Should().Be(ConfigurationWriteStatus.Committed);

        (await a.Manager.WriteAsync(new ConfigurationWrite(TenantA, 1, Document(), Actor))).Status.Should().Be(ConfigurationWriteStatus.Conflict);
        var invalid = Document(Delete);
        invalid.ProtectedActions[0].AuthenticationContextId = "c7";
        (await a.Manager.WriteAsync(new ConfigurationWrite(TenantA, 2, invalid, Actor))).Status.Should().Be(ConfigurationWriteStatus.Invalid);

        var stored = await a.Manager.ReadAsync(TenantA);
        stored!.Version.Should().Be(2);
        stored.Document.ProtectedActions.Select(p => p.Permission).Should().Equal(Read);
    }

    [Test]
    public async Task Four_administrators_write_concurrently_against_continuous_reads_on_two_instances()
    {
        // This in-process scenario grows its document by one assignment per write, so its cost is quadratic: CI runs 4 x 50
        // here. The full 1,000 writes run over HTTP against two real hosts in MultiHostTests (constant-size documents).
        var perAdmin = int.TryParse(Environment.GetEnvironmentVariable("PROTECTED_ACTIONS_STORE_WRITES_PER_ADMIN"), out var n) && n > 0 ? n : 50;
        using var a = NewHost("a");
        using var b = NewHost("b");
        await WriteAsync(a.Manager, TenantA, SqliteStoreTests.VersionDocument(1, []));

        var result = await ConcurrencyScenario.RunAsync([a, b], admins: 4, writesPerAdmin: perAdmin, TenantA);

        TestContext.Out.WriteLine($"committed {result.Committed}, conflicts {result.Conflicts}, reads {result.Reads}");
        result.Committed.Should().Be(4 * perAdmin);
        result.FinalVersion.Should().Be(4 * perAdmin + 1);
        result.FinalMarkers.Should().HaveCount(4 * perAdmin, "no write is lost or silently overwritten");
        result.StaleAccepted.Should().Be(0);
        result.MixedSnapshots.Should().Be(0, "every snapshot corresponds to one committed version");
        (await a.Manager.ReadAuditAsync(TenantA, 1))[0].Version.Should().Be(4 * perAdmin + 1);
    }
}
