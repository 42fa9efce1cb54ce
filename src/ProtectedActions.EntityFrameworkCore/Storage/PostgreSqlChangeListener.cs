using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using ProtectedActions.Store;

namespace ProtectedActions.EntityFrameworkCore.Storage;

/// <summary>
/// The fast path of PostgreSQL: every committed write sends <c>NOTIFY protected_actions_configuration</c> (no payload)
/// in its transaction, and this listener, on its own connection, asks the snapshot provider to poll at once when one
/// arrives. Polling stays the fallback: a lost notification, a dropped listener connection or a database that refuses
/// LISTEN only means the change arrives at the next poll. Notifications are coalesced (at most one poll running and one
/// waiting).
/// </summary>
internal sealed class PostgreSqlChangeListener : IAsyncDisposable, IDisposable
{
    /// <summary>The channel every write notifies and every instance listens on.</summary>
    public const string Channel = "protected_actions_configuration";

    private readonly string _connectionString;
    private readonly Func<StoreSnapshotProvider?> _provider;
    private readonly TimeProvider _time;
    private readonly TimeSpan _retry;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;
    private int _started;
    private int _pending;
    private long _notifications;
    private volatile bool _listening;

    public PostgreSqlChangeListener(string connectionString, Func<StoreSnapshotProvider?> provider, TimeProvider time, TimeSpan retry, ILoggerFactory? loggerFactory)
    {
        // Its own physical connection (never returned to a pool, which would reset the LISTEN), kept alive so a dead
        // server is noticed.
        _connectionString = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, KeepAlive = 15 }.ConnectionString;
        _provider = provider;
        _time = time;
        _retry = retry;
        _logger = (ILogger?)loggerFactory?.CreateLogger("ProtectedActions.EntityFrameworkCore") ?? NullLogger.Instance;
    }

    /// <summary>Whether the listener is connected and listening (for tests).</summary>
    internal bool IsListening => _listening;

    /// <summary>How many notifications arrived (for tests).</summary>
    internal long Notifications => Interlocked.Read(ref _notifications);

    /// <summary>Starts listening in the background (once).</summary>
    public void Start()
    {
        if (Interlocked.Exchange(ref _started, 1) == 0)
        {
            _loop = Task.Run(() => RunAsync(_stop.Token));
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var failing = false;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var connection = new NpgsqlConnection(_connectionString);
                await using (connection.ConfigureAwait(false))
                {
                    connection.Notification += (_, _) => OnNotification();
                    await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                    var listen = new NpgsqlCommand("LISTEN " + Channel, connection);
                    await using (listen.ConfigureAwait(false))
                    {
                        await listen.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    }

                    _listening = true;
                    failing = false;
                    EfLog.Listening(_logger);
                    // Whatever was committed while nobody listened is picked up now.
                    OnNotification();
                    while (!cancellationToken.IsCancellationRequested)
                    {
                        await connection.WaitAsync(cancellationToken).ConfigureAwait(false);
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A background loop: any failure means "poll only" until the next attempt, never a crash.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                _listening = false;
                if (!failing)
                {
                    failing = true;
                    EfLog.ListenerFailed(_logger, ex.GetType().Name);
                }
            }

            _listening = false;
            try
            {
                await Task.Delay(_retry, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Runs one poll now, or marks one to run after the current one.</summary>
    private void OnNotification()
    {
        Interlocked.Increment(ref _notifications);
        if (Interlocked.Increment(ref _pending) == 1)
        {
            _ = Task.Run(DrainAsync);
        }
    }

    private async Task DrainAsync()
    {
        do
        {
            Volatile.Write(ref _pending, 1);
            if (_provider() is { } provider)
            {
                // PollAsync never throws (a failure marks the store degraded and keeps the last snapshots).
                await provider.PollAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
        while (Interlocked.CompareExchange(ref _pending, 0, 1) != 1);
    }

    public void Dispose()
    {
        _stop.Cancel();
        // The loop ends at its next await (WaitAsync and Delay observe the token); no blocking wait here.
        _loop?.ContinueWith(_ => _stop.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        if (_loop is null)
        {
            _stop.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is { } loop)
        {
            await loop.ConfigureAwait(false);
        }

        _stop.Dispose();
    }
}
