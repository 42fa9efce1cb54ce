using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using static ProtectedActions.Benchmarks.BenchmarkConfigurations;

namespace ProtectedActions.Benchmarks.LoadTest;

/// <summary>
/// <c>--load-test</c>: starts <see cref="LoadTestApp"/> on 127.0.0.1, sends a bounded number of requests to
/// the one-claim endpoint and to the protected endpoint, and prints requests/s, p50, p99 and errors. It stops
/// by itself: after the requested count, or at the time limit per scenario, whichever comes first.
/// </summary>
internal static class LoadTestCommand
{
    private sealed record Scenario(string Name, string Path, SignInKind Token, HttpStatusCode Expected);

    private static readonly Scenario[] All =
    [
        new("baseline", LoadTestApp.BaselinePath, SignInKind.Fido2, HttpStatusCode.OK),
        new("local", LoadTestApp.ProtectedPath, SignInKind.Fido2, HttpStatusCode.OK),
        new("acrs", LoadTestApp.ProtectedPath, SignInKind.Acrs, HttpStatusCode.OK),
        new("stepup", LoadTestApp.ProtectedPath, SignInKind.Password, HttpStatusCode.Unauthorized),
    ];

    private const string Usage = """
        dotnet run -c Release --project tests/ProtectedActions.Benchmarks -- --load-test [options]
          --requests N       measured requests per scenario (default 200000)
          --connections C    concurrent connections (default 64)
          --warmup W         unmeasured requests per scenario, all scenarios before any measurement (default N/10, at most 20000)
          --max-seconds S    time limit per scenario run (warm-up and each round; default 300)
          --rounds R         run the scenarios R times, interleaved, and pool the results (default 1)
          --scenarios LIST   comma-separated: baseline,local,acrs,stepup (default baseline,local,acrs)
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        int requests = 200_000, connections = 64, maxSeconds = 300, rounds = 1;
        int? warmup = null;
        var names = new[] { "baseline", "local", "acrs" };
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : "";
            switch (args[i])
            {
                case "--load-test":
                    continue;
                case "--requests" when TryPositive(value, out var n):
                    requests = n;
                    break;
                case "--connections" when TryPositive(value, out var n) && n <= 4096:
                    connections = n;
                    break;
                case "--warmup" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n):
                    warmup = n;
                    break;
                case "--max-seconds" when TryPositive(value, out var n):
                    maxSeconds = n;
                    break;
                case "--rounds" when TryPositive(value, out var n) && n <= 100:
                    rounds = n;
                    break;
                case "--scenarios" when value.Length > 0:
                    names = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    break;
                default:
                    Console.Error.WriteLine($"unknown or invalid option '{args[i]}'.\n{Usage}");
                    return 2;
            }

            i++;
        }

        var scenarios = new List<Scenario>();
        foreach (var name in names)
        {
            if (All.FirstOrDefault(s => s.Name == name) is not { } s)
            {
                Console.Error.WriteLine($"unknown scenario '{name}'.\n{Usage}");
                return 2;
            }

            scenarios.Add(s);
        }

        var warm = warmup ?? Math.Min(requests / 10, 20_000);
        await using var app = await LoadTestApp.StartAsync();
        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
        };
        using var client = new HttpClient(handler) { BaseAddress = new Uri(app.Address), Timeout = TimeSpan.FromSeconds(30) };
        Console.WriteLine($"Load test: {app.Address}, {requests:N0} requests per scenario in {rounds} round(s), {connections} connections, " +
            $"{warm:N0} warm-up requests, at most {maxSeconds} s per scenario; {Environment.ProcessorCount} cores shared by client and server.");

        var results = scenarios.ToDictionary(s => s.Name, _ => new Result());
        var tokens = scenarios.ToDictionary(s => s.Name, s => app.CreateToken(s.Token));
        // Warm every scenario up before measuring any (JIT tiering, connection pool, caches).
        foreach (var s in scenarios)
        {
            var deadline = Stopwatch.GetTimestamp() + (long)maxSeconds * Stopwatch.Frequency;
            await RunAsync(client, s, tokens[s.Name], warm, connections, deadline, null);
        }

        for (var round = 0; round < rounds; round++)
        {
            foreach (var s in scenarios)
            {
                var share = requests / rounds + (round < requests % rounds ? 1 : 0);
                var deadline = Stopwatch.GetTimestamp() + (long)maxSeconds * Stopwatch.Frequency;
                var r = await RunAsync(client, s, tokens[s.Name], share, connections, deadline, results[s.Name]);
                Console.WriteLine($"  round {round + 1} {s.Name,-8} {share / Math.Max(r, 1e-9),10:N0} req/s");
            }
        }

        Print(scenarios, results);
        return results.Values.Any(r => r.Errors > 0 || r.TimedOut) ? 1 : 0;
    }

    private static bool TryPositive(string text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value > 0;

    /// <summary>Sends <paramref name="count"/> requests over <paramref name="connections"/> workers; returns the elapsed seconds.</summary>
    private static async Task<double> RunAsync(HttpClient client, Scenario s, string token, int count, int connections, long deadline, Result? result)
    {
        var latencies = new long[count];
        var next = -1;
        var errors = 0;
        var timedOut = false;
        var auth = new AuthenticationHeaderValue("Bearer", token);
        var started = Stopwatch.GetTimestamp();
        var workers = new Task[Math.Min(connections, Math.Max(count, 0))];
        for (var w = 0; w < workers.Length; w++)
        {
            workers[w] = Task.Run(async () =>
            {
                while (true)
                {
                    var i = Interlocked.Increment(ref next);
                    if (i >= count)
                    {
                        return;
                    }

                    if (Stopwatch.GetTimestamp() > deadline)
                    {
                        timedOut = true;
                        return;
                    }

                    var t0 = Stopwatch.GetTimestamp();
                    try
                    {
                        using var request = new HttpRequestMessage(HttpMethod.Post, s.Path);
                        request.Headers.Authorization = auth;
                        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead).ConfigureAwait(false);
                        if (response.StatusCode != s.Expected)
                        {
                            Interlocked.Increment(ref errors);
                        }
                    }
#pragma warning disable CA1031 // a failed request is counted, not fatal
                    catch (Exception)
#pragma warning restore CA1031
                    {
                        Interlocked.Increment(ref errors);
                    }

                    latencies[i] = Stopwatch.GetTimestamp() - t0;
                }
            });
        }

        await Task.WhenAll(workers).ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        if (result is not null)
        {
            result.Add(latencies, elapsed, errors, timedOut); // unsent requests (time limit) have no latency and are skipped
        }
        else if (errors > 0)
        {
            Console.WriteLine($"  warm-up {s.Name}: {errors} unexpected answers (expected {(int)s.Expected})");
        }

        return elapsed;
    }

    private sealed class Result
    {
        private readonly List<long> _latencies = [];
        public double Seconds { get; private set; }
        public int Errors { get; private set; }
        public bool TimedOut { get; private set; }
        public int Count => _latencies.Count;
        public double PerSecond => Count / Math.Max(Seconds, 1e-9);

        public void Add(ReadOnlySpan<long> latencies, double seconds, int errors, bool timedOut)
        {
            foreach (var l in latencies)
            {
                if (l > 0)
                {
                    _latencies.Add(l);
                }
            }

            Seconds += seconds;
            Errors += errors;
            TimedOut |= timedOut;
        }

        public double PercentileMs(double p)
        {
            if (_latencies.Count == 0)
            {
                return double.NaN;
            }

            _latencies.Sort();
            var index = Math.Clamp((int)Math.Ceiling(p * _latencies.Count) - 1, 0, _latencies.Count - 1);
            return _latencies[index] * 1000.0 / Stopwatch.Frequency;
        }
    }

    private static void Print(List<Scenario> scenarios, Dictionary<string, Result> results)
    {
        var baseline = results.TryGetValue("baseline", out var b) ? b.PerSecond : double.NaN;
        Console.WriteLine();
        Console.WriteLine("| scenario | endpoint | requests | errors | requests/s | p50 (ms) | p99 (ms) | vs baseline |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|");
        foreach (var s in scenarios)
        {
            var r = results[s.Name];
            var ratio = double.IsNaN(baseline) ? "—" : (r.PerSecond / baseline).ToString("P1", CultureInfo.InvariantCulture);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {s.Name}{(r.TimedOut ? " (time limit)" : "")} | {s.Path} | {r.Count:N0} | {r.Errors} | {r.PerSecond:N0} | {r.PercentileMs(0.50):F2} | {r.PercentileMs(0.99):F2} | {ratio} |"));
        }
    }
}
