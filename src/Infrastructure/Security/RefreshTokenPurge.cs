using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MusicPlayer.Infrastructure.Persistence;

namespace MusicPlayer.Infrastructure.Security;

/// <summary>
/// Deletes refresh tokens once they have expired, at start-up and then every
/// <c>Jwt:RefreshTokenPurgeInterval</c> (default one hour). Used and revoked tokens stay until they
/// expire: presenting a used token again is how a stolen one is detected, which needs the row.
/// </summary>
internal sealed class RefreshTokenPurge(IServiceScopeFactory scopes, TimeProvider clock, TimeSpan interval, ILogger<RefreshTokenPurge> logger)
    : PeriodicCleanup(clock, interval, logger)
{
    public const string IntervalSetting = "Jwt:RefreshTokenPurgeInterval";
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromHours(1);

    protected override string What => "expired refresh tokens";

    /// <summary>Deletes every refresh token that expired before now; returns how many.</summary>
    public override async Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var now = Clock.GetUtcNow().UtcDateTime;
        return await scope.ServiceProvider.GetRequiredService<MusicPlayerDbContext>().RefreshTokens
            .Where(t => t.ExpiresAt < now)
            .ExecuteDeleteAsync(cancellationToken);
    }
}
