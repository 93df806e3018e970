using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
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
    : PeriodicCleanup(clock, interval, logger)
{
    public const string IntervalSetting = "Uploads:SessionSweepInterval";
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMinutes(5);

    protected override string What => "expired upload sessions";

    /// <summary>Removes every session that expired before now, and the bytes nothing else holds; returns how many sessions.</summary>
    public override async Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MusicPlayerDbContext>();
        var library = scope.ServiceProvider.GetRequiredService<AudioLibrary>();
        var now = Clock.GetUtcNow().UtcDateTime;

        var expired = await db.UploadSessions.Where(s => s.ExpiresAt <= now).ToListAsync(cancellationToken);
        if (expired.Count == 0) return 0;
        db.UploadSessions.RemoveRange(expired);
        await db.SaveChangesAsync(cancellationToken);

        // Released under each key's lock, and only when no song, album or other waiting session holds the bytes.
        await library.ReleaseAsync([.. expired.Where(s => !s.IsCompleted).Select(s => s.StoredKey)]);
        return expired.Count;
    }
}
