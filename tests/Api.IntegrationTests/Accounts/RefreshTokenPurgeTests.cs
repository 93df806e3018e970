using System.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MusicPlayer.Api.IntegrationTests.Support;
using MusicPlayer.Domain.Users;
using MusicPlayer.Infrastructure.Persistence;

namespace MusicPlayer.Api.IntegrationTests.Accounts;

/// <summary>The app at a purge interval of a fraction of a second, so the background purge can be watched.</summary>
public sealed class FastPurgeFactory : MusicPlayerFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Jwt:RefreshTokenPurgeInterval", "00:00:00.200");
    }
}

/// <summary>
/// Expired refresh tokens are deleted in the background; unexpired ones stay, used and revoked ones
/// included, because presenting a used token again is how theft is detected.
/// </summary>
public sealed class RefreshTokenPurgeTests(FastPurgeFactory factory) : IClassFixture<FastPurgeFactory>
{
    [Fact]
    public async Task BackgroundPurge_DeletesExpiredTokensOnly()
    {
        var user = await factory.CreateAccountAsync("user");
        var now = DateTime.UtcNow;
        var family = Guid.NewGuid();
        var expired = RefreshToken.Issue(user.Id, family, 1, Hash("expired"), now.AddDays(-15), TimeSpan.FromDays(14));
        var expiredUsed = RefreshToken.Issue(user.Id, family, 1, Hash("expired-used"), now.AddDays(-20), TimeSpan.FromDays(14));
        var active = RefreshToken.Issue(user.Id, family, 1, Hash("active"), now, TimeSpan.FromDays(14));
        var used = RefreshToken.Issue(user.Id, family, 1, Hash("used"), now.AddDays(-1), TimeSpan.FromDays(14));
        var revoked = RefreshToken.Issue(user.Id, family, 1, Hash("revoked"), now.AddDays(-1), TimeSpan.FromDays(14));
        used.GetType().GetProperty(nameof(RefreshToken.UsedAt))!.SetValue(used, now);
        expiredUsed.GetType().GetProperty(nameof(RefreshToken.UsedAt))!.SetValue(expiredUsed, now.AddDays(-19));
        revoked.Revoke(now);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MusicPlayerDbContext>();
            db.RefreshTokens.AddRange(expired, expiredUsed, active, used, revoked);
            await db.SaveChangesAsync();
        }

        var remaining = await WaitForAsync(user.Id, hashes => !hashes.Contains(Hash("expired")) && !hashes.Contains(Hash("expired-used")));

        remaining.Should().BeEquivalentTo([Hash("active"), Hash("used"), Hash("revoked")]);
    }

    private async Task<List<string>> WaitForAsync(int userId, Func<List<string>, bool> done)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            await using var scope = factory.Services.CreateAsyncScope();
            var hashes = await scope.ServiceProvider.GetRequiredService<MusicPlayerDbContext>().RefreshTokens
                .Where(t => t.UserId == userId).Select(t => t.TokenHash).ToListAsync();
            if (done(hashes) || clock.Elapsed > TimeSpan.FromSeconds(15)) return hashes;
            await Task.Delay(100);
        }
    }

    private static string Hash(string name) => Application.Common.Security.RefreshSecrets.Hash(name);
}
