using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MusicPlayer.Infrastructure;

/// <summary>
/// A cleanup that runs at start-up and then every <c>interval</c>: what <see cref="PurgeAsync"/> removes is
/// logged when there was any, and a failed round is a warning, never the end of the host (the database
/// or the store may be down for a moment; the next round tries again).
/// </summary>
internal abstract class PeriodicCleanup(TimeProvider clock, TimeSpan interval, ILogger logger) : BackgroundService
{
    /// <summary>The clock the rounds run by, and that decides what is due.</summary>
    protected TimeProvider Clock { get; } = clock;

    /// <summary>What a round removes, for the log ("expired refresh tokens").</summary>
    protected abstract string What { get; }

    /// <summary>One round: removes what is due and returns how many it removed.</summary>
    public abstract Task<int> PurgeAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, Clock);
        do
        {
            try
            {
                var removed = await PurgeAsync(stoppingToken);
                if (removed > 0) logger.LogInformation("Removed {Count} {What}", removed, What);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Removing {What} failed", What);
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
