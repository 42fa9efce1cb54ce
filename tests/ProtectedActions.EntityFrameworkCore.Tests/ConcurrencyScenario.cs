using static ProtectedActions.EntityFrameworkCore.Tests.StoreFixtures;

namespace ProtectedActions.EntityFrameworkCore.Tests;

/// <summary>
/// Administrators write concurrently through several instances while readers decide on every instance. Each write
/// moves the document's version marker (<c>app/version{n}/write</c>, n = the version it commits) and adds the
/// writer's own marker; a snapshot whose contents disagree with its version number would be a mix.
/// </summary>
internal static class ConcurrencyScenario
{
    public sealed record Result(int Committed, int Conflicts, long FinalVersion, IReadOnlyList<string> FinalMarkers, int MixedSnapshots, long Reads, int StaleAccepted);

    public static async Task<Result> RunAsync(IReadOnlyList<Host> hosts, int admins, int writesPerAdmin, string tenant)
    {
        using var stop = new CancellationTokenSource();
        long reads = 0;
        var mixed = 0;
        var readers = hosts.Select(host => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await host.Evaluator.EvaluateAsync(Request("app/anything/read", tenant));
                if (host.Provider.Cached(tenant) is { Snapshot: { } snapshot } cached)
                {
                    var view = snapshot.View;
                    var matches = view.FindAuthenticationContext($"app/version{cached.Version}/write") is not null
                        && view.FindAuthenticationContext($"app/version{cached.Version - 1}/write") is null;
                    if (!matches)
                    {
                        Interlocked.Increment(ref mixed);
                    }
                }

                Interlocked.Increment(ref reads);
                await Task.Delay(1);
            }
        })).ToArray();

        var committed = 0;
        var conflicts = 0;
        var staleAccepted = 0;
        var writers = Enumerable.Range(0, admins).Select(admin => Task.Run(async () =>
        {
            var manager = hosts[admin % hosts.Count].Manager;
            for (var op = 0; op < writesPerAdmin; op++)
            {
                while (true)
                {
                    var current = (await manager.ReadAsync(tenant))!;
                    var doc = current.Document;
                    doc.ProtectedActions.RemoveAll(p => p.Permission!.StartsWith("app/version", StringComparison.Ordinal));
                    doc.ProtectedActions.Add(new() { Permission = $"app/version{current.Version + 1}/write", AuthenticationContextId = "c1" });
                    doc.ProtectedActions.Add(new() { Permission = $"app/admin{admin}/op{op}", AuthenticationContextId = "c1" });
                    var result = await manager.WriteAsync(new ConfigurationWrite(tenant, current.Version, doc, Actor));
                    if (result.Status == ConfigurationWriteStatus.Committed)
                    {
                        Interlocked.Increment(ref committed);
                        if (result.Version != current.Version + 1)
                        {
                            Interlocked.Increment(ref staleAccepted);
                        }

                        break;
                    }

                    result.Status.Should().Be(ConfigurationWriteStatus.Conflict);
                    result.Version.Should().BeGreaterThan(current.Version);
                    Interlocked.Increment(ref conflicts);
                }
            }
        })).ToArray();

        await Task.WhenAll(writers);
        await stop.CancelAsync();
        await Task.WhenAll(readers);
        var final = (await hosts[0].Manager.ReadAsync(tenant))!;
        var markers = final.Document.ProtectedActions.Select(p => p.Permission!).Where(p => p.StartsWith("app/admin", StringComparison.Ordinal)).ToArray();
        return new Result(committed, conflicts, final.Version, markers, mixed, reads, staleAccepted);
    }
}
