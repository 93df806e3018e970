using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MusicPlayer.Infrastructure.Persistence;

/// <summary>
/// WAL checkpoints on SQLite off the request path. Left to SQLite, the commit that takes the WAL past
/// <see cref="SqlitePragmas.AutoCheckpointPages"/> copies the WAL into the database file and fsyncs it before it returns,
/// with the write gate held: every writer behind it waits (about 25 ms every few play batches). Here a background loop,
/// within <see cref="Interval"/> of writes passing the <see cref="SqliteWriteGate"/>, runs a PASSIVE checkpoint on a
/// connection of its own, beside the writers, which copies everything committed by then; then, inside the gate, a second
/// one copies the few frames committed meanwhile, so that the WAL is wholly in the database while no writer runs and
/// the next write starts it over from the beginning instead of growing it. SQLite's own checkpoint at
/// <see cref="SqlitePragmas.AutoCheckpointPages"/> stays as the backstop (tools and tests without this service).
/// </summary>
internal sealed partial class SqliteCheckpointer(IServiceScopeFactory scopes, SqliteWriteGate gate, ILogger<SqliteCheckpointer> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using (var scope = scopes.CreateAsyncScope())
            if (!scope.ServiceProvider.GetRequiredService<MusicPlayerDbContext>().Database.IsSqlite()) return;

        var checkpointed = gate.Writes;
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            if (gate.Writes == checkpointed) continue;
            try
            {
                checkpointed = await CheckpointAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogCheckpointFailed(e);
            }
        }
    }

    /// <summary>
    /// Checkpoints the WAL, most of it beside the writers and the rest inside the write gate; returns the gate's
    /// <see cref="SqliteWriteGate.Writes"/> once this pass went through it (every write counted there is in the database file).
    /// </summary>
    public async Task<long> CheckpointAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<MusicPlayerDbContext>();
        await context.Database.OpenConnectionAsync(cancellationToken);
        await PassiveAsync(context, cancellationToken);
        return await gate.RunAsync(context, async () =>
        {
            await PassiveAsync(context, cancellationToken);
            // The writes before this one, and this one.
            return gate.Writes + 1;
        }, cancellationToken);
    }

    private static async Task PassiveAsync(MusicPlayerDbContext context, CancellationToken cancellationToken)
    {
        await using var command = context.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A background WAL checkpoint failed; SQLite's own checkpoints still bound the WAL")]
    private partial void LogCheckpointFailed(Exception exception);
}
