using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MusicPlayer.Infrastructure.Persistence;

namespace MusicPlayer.Infrastructure.Security;

/// <summary>
/// Deletes refresh tokens once they have expired, at start-up and then every
/// <c>Jwt:RefreshTokenPurgeInterval</c> (default one hour). Used and revoked tokens stay until they
/// expire: presenting a used token again is how a stolen one is detected, which needs the row.
/// </summary>
internal sealed class RefreshTokenPurge(IServiceScopeFactory scopes, TimeProvider clock, TimeSpan interval, ILogger<RefreshTokenPurge> logger)
    : BackgroundService
{
    public const string IntervalSetting = "Jwt:RefreshTokenPurgeInterval";
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, clock);
        do
        {
            try
            {
                var purged = await PurgeAsync(stoppingToken);
                if (purged > 0) logger.LogInformation("Purged {Count} expired refresh tokens", purged);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The next round tries again; a database that is down must not stop the host.
                logger.LogWarning(ex, "Purging expired refresh tokens failed");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Deletes every refresh token that expired before now; returns how many.</summary>
    public async Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var now = clock.GetUtcNow().UtcDateTime;
        return await scope.ServiceProvider.GetRequiredService<MusicPlayerDbContext>().RefreshTokens
            .Where(t => t.ExpiresAt < now)
            .ExecuteDeleteAsync(cancellationToken);
    }
}
