using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MusicPlayer.Application.Common.Audio;
using MusicPlayer.Infrastructure.Persistence;

namespace MusicPlayer.Infrastructure.Storage;

/// <summary>
/// Ends upload sessions once they have expired, at start-up and then every <c>Uploads:SessionSweepInterval</c>
/// (default five minutes): an uncompleted session's received bytes are deleted unless a song or an album
/// references them (or another live session holds them), and its row goes. A completed session's row goes
/// too once expired (its bytes are its song's); completing it again is then a 404.
/// </summary>
internal sealed class UploadSessionSweep(IServiceScopeFactory scopes, TimeProvider clock, TimeSpan interval, ILogger<UploadSessionSweep> logger)
    : BackgroundService
{
    public const string IntervalSetting = "Uploads:SessionSweepInterval";
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, clock);
        do
        {
            try
            {
                var swept = await PurgeAsync(stoppingToken);
                if (swept > 0) logger.LogInformation("Removed {Count} expired upload sessions", swept);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The next round tries again; a database or store that is down must not stop the host.
                logger.LogWarning(ex, "Removing expired upload sessions failed");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Removes every session that expired before now, and the bytes nothing else holds; returns how many sessions.</summary>
    public async Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MusicPlayerDbContext>();
        var library = scope.ServiceProvider.GetRequiredService<AudioLibrary>();
        var now = clock.GetUtcNow().UtcDateTime;

        var expired = await db.UploadSessions.Where(s => s.ExpiresAt <= now).ToListAsync(cancellationToken);
        if (expired.Count == 0) return 0;
        db.UploadSessions.RemoveRange(expired);
        await db.SaveChangesAsync(cancellationToken);

        // Released under each key's lock, and only when no song, album or other waiting session holds the bytes.
        await library.ReleaseAsync([.. expired.Where(s => !s.IsCompleted).Select(s => s.StoredKey)]);
        return expired.Count;
    }
}
