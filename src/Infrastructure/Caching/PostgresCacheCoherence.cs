using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MusicPlayer.Application.Common.Caching;
using MusicPlayer.Infrastructure.Security;
using Npgsql;

namespace MusicPlayer.Infrastructure.Caching;

/// <summary>
/// Keeps this instance's caches coherent with the other instances on the same PostgreSQL database,
/// through <c>LISTEN/NOTIFY</c> on channel <see cref="Channel"/>, each way on a dedicated connection:
/// <list type="bullet">
/// <item>Out: what <see cref="PendingCacheChanges"/> collected (changes made here, after their commit) is
/// sent as soon as the previous message is out, so a burst of likes costs one message.</item>
/// <item>In: a message from another instance moves the <see cref="CatalogVersion"/> and evicts the named
/// users from the <see cref="UserSessionCache"/> here; the instance's own messages are ignored.</item>
/// <item>Whenever the listening connection is (re)established, everything here is invalidated: messages sent
/// meanwhile were missed. A lost connection is retried at once, then every <see cref="RetryDelay"/>; until then the
/// caches keep serving (with the database away, nothing changes it, and a miss would only fail).</item>
/// </list>
/// A message reaches the others within milliseconds, which is what lets a catalog edit or a session change
/// made through one instance apply on every other within a second while their caches stay on.
/// </summary>
internal sealed class PostgresCacheCoherence(
    PendingCacheChanges pending,
    CatalogVersion catalog,
    UserSessionCache sessions,
    string connectionString,
    ILogger<PostgresCacheCoherence> logger) : BackgroundService
{
    public const string Channel = "musicplayer_cache";

    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    private readonly string _instance = Guid.NewGuid().ToString("N");
    private readonly string _connectionString = new NpgsqlConnectionStringBuilder(connectionString)
    {
        // Two long-lived connections of their own, checked while idle so a dead one is noticed.
        Pooling = false,
        KeepAlive = 10,
        ApplicationName = "musicplayer-cache-coherence",
    }.ConnectionString;

    private NpgsqlConnection? _listener;
    private NpgsqlConnection? _sender;

    // Failures in a row: the first of an outage is a warning, the retries that follow are not.
    private int _listenFailures;
    private int _sendFailures;

    /// <summary>Starts listening before the app serves its first request (a failure is retried in the background).</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            _listener = await ListenAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Listening for other instances' cache changes failed; retrying in the background");
        }

        await base.StartAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(ListenLoopAsync(stoppingToken), SendLoopAsync(stoppingToken));

    private async Task ListenLoopAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                _listener ??= await ListenAsync(stoppingToken);
                while (true) await _listener.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                logger.Log(_listenFailures++ == 0 ? LogLevel.Warning : LogLevel.Debug, ex,
                    "Listening for other instances' cache changes failed; retrying, then every {Delay}", RetryDelay);
                await DropAsync(_listener);
                _listener = null;
                // Nothing is invalidated until listening again: while the database is away nobody changes it, and a cache
                // miss could only fail (every session check would). A dropped connection is retried at once.
                if (_listenFailures > 1 && !await DelayAsync(stoppingToken)) break;
            }
        }

        await DropAsync(_listener);
        _listener = null;
    }

    private async Task<NpgsqlConnection> ListenAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(_connectionString);
        try
        {
            connection.Notification += (_, e) => Receive(e.Payload);
            await connection.OpenAsync(cancellationToken);
            await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                await listen.ExecuteNonQueryAsync(cancellationToken);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        // Whatever was sent before now went unheard.
        InvalidateAll();
        if (_listenFailures > 0) logger.LogInformation("Listening for other instances' cache changes again");
        _listenFailures = 0;
        return connection;
    }

    private void Receive(string message)
    {
        if (CacheChanges.Parse(message) is not var (sender, changes))
        {
            logger.LogWarning("Ignored a malformed message on channel {Channel}", Channel);
            return;
        }

        if (sender == _instance) return;
        if (changes.Catalog != 0) catalog.Apply(changes.Catalog);
        foreach (var user in changes.Users) sessions.EvictHere(user);
    }

    private void InvalidateAll()
    {
        catalog.Apply(CatalogChange.All);
        sessions.Clear();
    }

    private async Task SendLoopAsync(CancellationToken stoppingToken)
    {
        while (true)
        {
            CacheChanges changes;
            try
            {
                changes = await pending.TakeAsync(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            try
            {
                await SendOrRetryOnceAsync(changes, stoppingToken);
                _sendFailures = 0;
            }
            catch (Exception ex)
            {
                pending.Return(changes);
                if (stoppingToken.IsCancellationRequested) break;
                logger.Log(_sendFailures++ == 0 ? LogLevel.Warning : LogLevel.Debug, ex,
                    "Telling other instances of cache changes failed; retrying every {Delay}", RetryDelay);
                await DropAsync(_sender);
                _sender = null;
                if (!await DelayAsync(stoppingToken)) break;
            }
        }

        // The changes of the last requests before the stop: one brief try.
        if (pending.TryTake() is { } last)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await SendAsync(last, timeout.Token);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Telling other instances of the last cache changes before the stop failed");
            }
        }

        await DropAsync(_sender);
        _sender = null;
    }

    private async Task SendOrRetryOnceAsync(CacheChanges changes, CancellationToken cancellationToken)
    {
        try
        {
            await SendAsync(changes, cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // The kept connection may have died since its last use (a server restart, a terminated backend): at once on a new one.
            await DropAsync(_sender);
            _sender = null;
            await SendAsync(changes, cancellationToken);
        }
    }

    private async Task SendAsync(CacheChanges changes, CancellationToken cancellationToken)
    {
        if (_sender is null)
        {
            var connection = new NpgsqlConnection(_connectionString);
            try
            {
                await connection.OpenAsync(cancellationToken);
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }

            _sender = connection;
        }

        foreach (var message in changes.ToMessages(_instance))
        {
            await using var notify = new NpgsqlCommand("SELECT pg_notify(@channel, @message)", _sender);
            notify.Parameters.AddWithValue("channel", Channel);
            notify.Parameters.AddWithValue("message", message);
            await notify.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private async Task<bool> DelayAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(RetryDelay, stoppingToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static async Task DropAsync(NpgsqlConnection? connection)
    {
        if (connection is not null) await connection.DisposeAsync();
    }
}
