using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using static ProtectedActions.EntityFrameworkCore.Tests.MultiHost;

namespace ProtectedActions.EntityFrameworkCore.Tests;

/// <summary>
/// Two real application instances (ASP.NET Core on Kestrel, 127.0.0.1, port 0) sharing one PostgreSQL database, driven
/// only over HTTP: the management API on one host changes the decisions of the other; four administrators make 1,000
/// writes through both hosts while both are read continuously; the database restarts while both are read. See
/// <see cref="PostgreSqlDatabase"/> for how to run them; wall times are written to the test output.
/// </summary>
[NonParallelizable]
public sealed class MultiHostTests
{
    private PostgreSqlDatabase _database = null!;
    private HttpClient _client = null!;

    [SetUp]
    public async Task SetUp()
    {
        _database = await PostgreSqlDatabase.CreateAsync();
        _client = NewClient();
    }

    [TearDown]
    public async Task TearDown()
    {
        _client?.Dispose();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    /// <summary>Two hosts on the test's database, stopped together.</summary>
    private sealed record TwoHosts(ApiHost A, ApiHost B) : IAsyncDisposable
    {
        public ApiHost[] Both => [A, B];

        public async ValueTask DisposeAsync()
        {
            await B.DisposeAsync();
            await A.DisposeAsync();
        }
    }

    private async Task<TwoHosts> StartTwoHostsAsync(TimeSpan? pollInterval = null, bool notifications = true)
    {
        var a = await ApiHost.StartAsync(_database.ConnectionString, "host-a", pollInterval, notifications);
        try
        {
            await SeedAsync(a);
            var b = await ApiHost.StartAsync(_database.ConnectionString, "host-b", pollInterval, notifications);
            return new TwoHosts(a, b);
        }
        catch
        {
            await a.DisposeAsync();
            throw;
        }
    }

    private async Task<long> CurrentVersionAsync(ApiHost host, int admin = 0)
    {
        var list = await ManageAsync(_client, host, HttpMethod.Get, "/permissions", Administrator(admin));
        list.Status.Should().Be(HttpStatusCode.OK, list.Body);
        return list.ETagVersion;
    }

    /// <summary>Polls the probe on <paramref name="host"/> until the challenge names <paramref name="context"/>; returns how long it took (null: not within <paramref name="within"/>) and the last read.</summary>
    /// <remarks>
    /// Pass the token the user was already challenged with: a new token of the same sign-in (later <c>iat</c>, same
    /// authentication) looks like an identity provider that ignored the challenge, and the no-loop rule answers 403.
    /// </remarks>
    private async Task<(TimeSpan? Took, ProbeRead Last)> UntilChallengedForAsync(ApiHost host, string context, TimeSpan within, string? token = null)
    {
        token ??= UserWithPassword();
        var clock = Stopwatch.StartNew();
        ProbeRead read;
        do
        {
            read = await ProbeAsync(_client, host, token);
            if (read.Status == HttpStatusCode.Unauthorized && read.Context == context)
            {
                return (clock.Elapsed, read);
            }

            await Task.Delay(20);
        }
        while (clock.Elapsed < within);
        return (null, read);
    }

    [TestCase(true, TestName = "An_assignment_written_through_host_A_changes_the_decision_on_host_B_within_2_seconds (notifications)")]
    [TestCase(false, TestName = "An_assignment_written_through_host_A_changes_the_decision_on_host_B_within_2_seconds (polling only)")]
    public async Task An_assignment_written_through_host_A_changes_the_decision_on_host_B_within_2_seconds(bool notifications)
    {
        await using var hosts = await StartTwoHostsAsync(notifications: notifications);
        var (a, b) = (hosts.A, hosts.B);
        var user = UserWithPassword();
        var before = await ProbeAsync(_client, b, user);
        before.Status.Should().Be(HttpStatusCode.Unauthorized);
        before.Context.Should().Be(ContextOf(1));

        var version = await CurrentVersionAsync(a);
        var write = await AssignProbeAsync(_client, a, Administrator(0), version, "c11");
        var written = Stopwatch.StartNew();
        write.Status.Should().Be(HttpStatusCode.OK, write.Body);
        write.ETagVersion.Should().Be(2);

        var onA = await ProbeAsync(_client, a, user);
        onA.Context.Should().Be("c11", "the writing host applies its own write at once");
        var (took, last) = await UntilChallengedForAsync(b, "c11", TimeSpan.FromSeconds(2), user);
        var latency = written.Elapsed;
        TestContext.Out.WriteLine($"host B served version 2 {latency.TotalMilliseconds:F0} ms after host A answered the write ({(notifications ? "notifications, " : "")}poll interval 1 s)");
        took.Should().NotBeNull($"host B must decide by the committed version within 2 seconds (last read: {last})");
        latency.Should().BeLessThanOrEqualTo(TimeSpan.FromSeconds(2));

        // The locked-out user sees the new context on B and satisfying it (MFA) lets them through.
        (await ProbeAsync(_client, b, UserWithMfa())).Status.Should().Be(HttpStatusCode.OK);
        var audit = await ManageAsync(_client, b, HttpMethod.Get, "/audit?max=10", Administrator(1));
        audit.Status.Should().Be(HttpStatusCode.OK);
        using var json = JsonDocument.Parse(audit.Body);
        json.RootElement.GetProperty("value").EnumerateArray().Should().ContainSingle(e => e.GetProperty("version").GetInt64() == 2
            && e.GetProperty("instanceId").GetString() == "host-a" && e.GetProperty("actorObjectId").GetString() == AdminId(0)
            && e.GetProperty("after").GetString()!.Contains("\"c11\"", StringComparison.Ordinal));
    }

    [Test]
    public async Task Attacker_a_write_to_host_B_with_an_ETag_read_before_a_commit_on_host_A_gets_412_and_changes_nothing()
    {
        await using var hosts = await StartTwoHostsAsync();
        var (a, b) = (hosts.A, hosts.B);
        var readOnA = await CurrentVersionAsync(a, admin: 1);
        (await AssignProbeAsync(_client, a, Administrator(0), readOnA, "c11")).Status.Should().Be(HttpStatusCode.OK);

        var stale = await AssignProbeAsync(_client, b, Administrator(1), readOnA, "c10");

        stale.Status.Should().Be(HttpStatusCode.PreconditionFailed);
        stale.ETagVersion.Should().Be(2, "the 412 names the version to read again");
        (await UntilChallengedForAsync(b, "c11", TimeSpan.FromSeconds(2))).Took.Should().NotBeNull("the committed write stays in force, the stale one changed nothing");
        var stored = await b.Manager.ReadAsync(Tenant);
        stored!.Version.Should().Be(2);
        stored.Document.ProtectedActions.Should().ContainSingle(p => p.Permission == Probe && p.AuthenticationContextId == "c11");
    }

    [Test]
    public async Task Attacker_two_administrators_writing_the_same_version_through_both_hosts_at_once_exactly_one_wins()
    {
        await using var hosts = await StartTwoHostsAsync();
        var (a, b) = (hosts.A, hosts.B);
        var version = await CurrentVersionAsync(a);
        for (var round = 0; round < 20; round++)
        {
            var results = await Task.WhenAll(
                AssignProbeAsync(_client, a, Administrator(0), version, "c10"),
                AssignProbeAsync(_client, b, Administrator(1), version, "c11"));

            results.Select(r => r.Status).Should().BeEquivalentTo(new[] { HttpStatusCode.OK, HttpStatusCode.PreconditionFailed }, $"round {round}: one commit, one 412");
            results.Should().OnlyContain(r => r.ETagVersion == version + 1);
            var winner = results[0].Status == HttpStatusCode.OK ? "c10" : "c11";
            (await a.Manager.ReadAsync(Tenant))!.Document.ProtectedActions.Single(p => p.Permission == Probe).AuthenticationContextId.Should().Be(winner);
            version++;
        }
    }

    [Test]
    public async Task Attacker_without_the_role_gets_403_and_without_the_step_up_gets_the_c1_challenge_on_either_host()
    {
        await using var hosts = await StartTwoHostsAsync();
        var (a, b) = (hosts.A, hosts.B);
        foreach (var host in new[] { a, b })
        {
            var noRole = await AssignProbeAsync(_client, host, UserWithMfa(), 1, "c11");
            noRole.Status.Should().Be(HttpStatusCode.Forbidden);

            using var request = new HttpRequestMessage(HttpMethod.Put, host.Address + ManagementPrefix + "/permissions/" + Probe);
            request.Headers.Authorization = new("Bearer", AdministratorWithoutStepUp(0));
            request.Headers.TryAddWithoutValidation("If-Match", ETag(1));
            request.Content = new StringContent("{\"authenticationContextId\":\"c11\"}", System.Text.Encoding.UTF8, "application/json");
            using var noStepUp = await _client.SendAsync(request);
            noStepUp.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
            ChallengedContext(noStepUp).Should().Be("c1", "the administrator is told how to step up to the management action's context");
        }

        (await a.Manager.ReadAsync(Tenant))!.Version.Should().Be(1);
    }

    /// <summary>One committed write: who, through which host, against which version, the version it made and the context it set.</summary>
    private sealed record Commit(int Admin, string Instance, long Expected, long Version, string Context);

    [Test]
    public async Task Four_administrators_make_1000_writes_through_both_hosts_against_continuous_reads_on_both()
    {
        var perAdmin = int.TryParse(Environment.GetEnvironmentVariable("PROTECTED_ACTIONS_STORE_WRITES_PER_ADMIN"), out var n) && n > 0 ? n : 250;
        const int Admins = 4;
        var total = Admins * perAdmin;
        await using var hosts = await StartTwoHostsAsync();
        var (a, b) = (hosts.A, hosts.B);
        var both = hosts.Both;
        var user = UserWithPassword();
        foreach (var host in both)
        {
            (await ProbeAsync(_client, host, user)).Context.Should().Be(ContextOf(1));
        }

        var clock = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource();
        var reads = both.ToDictionary(h => h.Instance, _ => new List<ProbeRead>());
        var readers = both.Select(host => Task.Run(async () =>
        {
            var list = reads[host.Instance];
            while (!stop.IsCancellationRequested)
            {
                list.Add(await ProbeAsync(_client, host, user));
                await Task.Delay(10);
            }
        })).ToArray();

        var commits = new ConcurrentBag<Commit>();
        var stale = new ConcurrentBag<(long Sent, long Current)>();
        var writers = Enumerable.Range(0, Admins).Select(admin => Task.Run(async () =>
        {
            var host = both[admin % both.Length];
            var token = Administrator(admin);
            var expected = await CurrentVersionAsync(host, admin);
            for (var op = 0; op < perAdmin; op++)
            {
                while (true)
                {
                    var context = ContextOf(expected + 1);
                    var result = await AssignProbeAsync(_client, host, token, expected, context);
                    if (result.Status == HttpStatusCode.OK)
                    {
                        commits.Add(new Commit(admin, host.Instance, expected, result.ETagVersion, context));
                        expected = result.ETagVersion;
                        break;
                    }

                    if (result.Status != HttpStatusCode.PreconditionFailed)
                    {
                        throw new AssertionException($"admin {admin}: a write against version {expected} answered {(int)result.Status}: {result.Body}");
                    }

                    stale.Add((expected, result.ETagVersion));
                    expected = result.ETagVersion;
                }
            }
        })).ToArray();

        try
        {
            await Task.WhenAll(writers);
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(readers);
        }

        var writing = clock.Elapsed;
        var finalVersion = total + 1L;
        TestContext.Out.WriteLine($"{commits.Count} writes by {Admins} administrators in {writing.TotalSeconds:F1} s ({commits.Count / writing.TotalSeconds:F0}/s), {stale.Count} answered 412 and retried");

        // Every 2xx write committed exactly the version after the one it was made against; none was accepted stale.
        commits.Should().HaveCount(total);
        commits.Should().OnlyContain(c => c.Version == c.Expected + 1, "a write is committed only against the current version");
        commits.Select(c => c.Version).Should().BeEquivalentTo(Enumerable.Range(2, total).Select(v => (long)v), "versions 2 ... 1,001 each have exactly one writer");
        commits.GroupBy(c => c.Admin).Should().OnlyContain(g => g.Count() == perAdmin);
        // Every 412 was a stale write: the ETag it names is newer than the one sent.
        stale.Should().OnlyContain(s => s.Current > s.Sent);

        // The final state and the audit trail account for every 2xx write (none lost, none silently overwritten).
        var final = await ManageAsync(_client, b, HttpMethod.Get, "/permissions", Administrator(0));
        final.ETagVersion.Should().Be(finalVersion);
        final.Body.Should().Contain("\"authenticationContextId\":\"" + ContextOf(finalVersion) + "\"");
        var audited = Math.Min(total, 1000);
        var audit = await ManageAsync(_client, a, HttpMethod.Get, "/audit?max=" + audited, Administrator(1));
        audit.Status.Should().Be(HttpStatusCode.OK);
        using (var json = JsonDocument.Parse(audit.Body))
        {
            var entries = json.RootElement.GetProperty("value").EnumerateArray().ToArray();
            entries.Should().HaveCount(audited);
            var byVersion = commits.ToDictionary(c => c.Version);
            foreach (var entry in entries)
            {
                var version = entry.GetProperty("version").GetInt64();
                byVersion.TryGetValue(version, out var commit).Should().BeTrue($"audited version {version} was answered 2xx to exactly one administrator");
                entry.GetProperty("key").GetString().Should().Be(Probe);
                entry.GetProperty("actorObjectId").GetString().Should().Be(AdminId(commit!.Admin));
                entry.GetProperty("instanceId").GetString().Should().Be(commit.Instance);
                entry.GetProperty("before").GetString().Should().Contain("\"" + ContextOf(version - 1) + "\"", $"version {version} was made on top of version {version - 1}");
                entry.GetProperty("after").GetString().Should().Contain("\"" + commit.Context + "\"");
            }

            entries.Select(e => e.GetProperty("version").GetInt64()).Should().BeEquivalentTo(Enumerable.Range(0, audited).Select(i => finalVersion - i));
        }

        // Every decision read came from one committed version: the context it challenges for is that version's.
        foreach (var (instance, list) in reads)
        {
            var exact = list.Count(r => r.Before == r.After);
            var wrong = list.Where(r => r.Status != HttpStatusCode.Unauthorized || r.Before < 1 || r.After < r.Before
                || !Enumerable.Range(0, (int)(r.After - r.Before) + 1).Any(i => ContextOf(r.Before + i) == r.Context)
                || (r.Before == r.After && r.Context != ContextOf(r.Before))).ToArray();
            var backwards = list.Zip(list.Skip(1)).Count(p => p.Second.Before < p.First.Before);
            var versions = list.Select(r => r.Before).Distinct().Count();
            TestContext.Out.WriteLine($"{instance}: {list.Count} reads ({exact} stamped with one version), {versions} versions seen, {wrong.Length} wrong, {backwards} times an older version again");
            wrong.Should().BeEmpty("a decision always corresponds to the committed version it was made by");
            // Reported, not asserted: the cache itself only moves forward (TenantRefreshOrderTests), but concurrent reads
            // are listed in the order they finished, so a read stamped before a refresh can follow one stamped after it.
            list.Count.Should().BeGreaterThan(100);
            versions.Should().BeGreaterThan(10, "the reads ran while the versions changed");
        }

        // Convergence (the 2-second pick-up itself is measured by the test above, on a machine not busy with 1,000 writes).
        foreach (var host in both)
        {
            var (took, last) = await UntilChallengedForAsync(host, ContextOf(finalVersion), TimeSpan.FromSeconds(5), user);
            TestContext.Out.WriteLine($"{host.Instance} served the final version {took?.TotalMilliseconds:F0} ms after the writes ended (last read: {last})");
            took.Should().NotBeNull($"{host.Instance} serves the final version (last read: {last}, cached {host.Provider.Cached(Tenant)?.Version})");
        }

    }

    [Test]
    public async Task Locked_out_user_a_database_restart_during_reads_on_both_hosts_keeps_decisions_degrades_health_and_recovers()
    {
        var ctl = PostgreSqlDatabase.ServerOrIgnore("PROTECTED_ACTIONS_POSTGRES_CTL");
        await using var hosts = await StartTwoHostsAsync();
        var (a, b) = (hosts.A, hosts.B);
        var both = hosts.Both;
        var password = UserWithPassword();
        var mfa = UserWithMfa();
        (await AssignProbeAsync(_client, b, Administrator(1), await CurrentVersionAsync(b), ContextOf(2))).Status.Should().Be(HttpStatusCode.OK);
        foreach (var host in both)
        {
            (await UntilChallengedForAsync(host, ContextOf(2), TimeSpan.FromSeconds(2), password)).Took.Should().NotBeNull();
            (await HealthAsync(host)).Should().Be("Healthy");
        }

        using var stop = new CancellationTokenSource();
        var wrong = new ConcurrentBag<string>();
        var outage = 0;
        var down = 0;
        var readers = both.Select(host => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var challenged = await ProbeAsync(_client, host, password);
                if (challenged.Status != HttpStatusCode.Unauthorized || challenged.Context != ContextOf(2))
                {
                    wrong.Add($"{host.Instance}: password sign-in got {(int)challenged.Status} {challenged.Context}");
                }

                var satisfied = await ProbeAsync(_client, host, mfa);
                if (satisfied.Status != HttpStatusCode.OK)
                {
                    wrong.Add($"{host.Instance}: MFA sign-in got {(int)satisfied.Status}");
                }

                if (Volatile.Read(ref down) == 1)
                {
                    Interlocked.Increment(ref outage);
                }

                await Task.Delay(10);
            }
        })).ToArray();

        var clock = Stopwatch.StartNew();
        TimeSpan degradedAfter, recoveredAfter;
        try
        {
            await RunAsync(ctl + " stop -m fast");
            Volatile.Write(ref down, 1);
            foreach (var host in both)
            {
                (await EventuallyAsync(async () => await HealthAsync(host) == "Degraded", TimeSpan.FromSeconds(10)))
                    .Should().NotBeNull($"{host.Instance}: health is Degraded while the database is down");
            }

            degradedAfter = clock.Elapsed;
            var refused = await ManageAsync(_client, a, HttpMethod.Put, "/permissions/" + Probe, Administrator(0), ETag(2), "{\"authenticationContextId\":\"c11\"}");
            ((int)refused.Status).Should().BeGreaterThanOrEqualTo(400, "nothing can be written while the database is down");
            await Task.Delay(500);
        }
        finally
        {
            await RunAsync(ctl + " start");
            Volatile.Write(ref down, 0);
        }

        foreach (var host in both)
        {
            (await EventuallyAsync(async () => await HealthAsync(host) == "Healthy", TimeSpan.FromSeconds(15)))
                .Should().NotBeNull($"{host.Instance}: health recovers when the database returns");
        }

        recoveredAfter = clock.Elapsed;
        await stop.CancelAsync();
        await Task.WhenAll(readers);
        TestContext.Out.WriteLine($"degraded on both hosts after {degradedAfter.TotalSeconds:F1} s, healthy again after {recoveredAfter.TotalSeconds:F1} s; {outage} read pairs during the outage");
        wrong.Should().BeEmpty("decisions continue from the last snapshot");
        outage.Should().BeGreaterThan(10, "both hosts were read while the database was down");

        var after = await CurrentVersionAsync(b, admin: 1);
        after.Should().Be(2, "the write refused during the outage stored nothing");
        (await AssignProbeAsync(_client, b, Administrator(1), after, ContextOf(3))).Status.Should().Be(HttpStatusCode.OK);
        (await UntilChallengedForAsync(a, ContextOf(3), TimeSpan.FromSeconds(2), password)).Took.Should().NotBeNull("host A picks up a write made after the restart");
    }

    private async Task<string> HealthAsync(ApiHost host)
    {
        using var response = await _client.GetAsync(new Uri(host.Address + "/health"));
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task<TimeSpan?> EventuallyAsync(Func<Task<bool>> condition, TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        do
        {
            if (await condition())
            {
                return clock.Elapsed;
            }

            await Task.Delay(50);
        }
        while (clock.Elapsed < within);
        return null;
    }

    private static async Task RunAsync(string command)
    {
        using var process = Process.Start(new ProcessStartInfo("bash", ["-c", command]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        await process.WaitForExitAsync();
        process.ExitCode.Should().Be(0, await process.StandardError.ReadToEndAsync());
    }
}
