using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MusicPlayer.Api.IntegrationTests.Support;
using MusicPlayer.Application.Common.Security;
using MusicPlayer.Domain.Users;
using MusicPlayer.Infrastructure.Persistence;

namespace MusicPlayer.Api.IntegrationTests.Accounts;

/// <summary>
/// One lockout rule: the login failure store's atomic UPDATE (on this test run's database) and
/// <see cref="User.RecordFailedLogin"/> on an entity both apply <see cref="LockoutPolicy"/>, so the same
/// failures at the same times leave the stored row and the entity in the same state, failure after failure.
/// </summary>
public sealed class LockoutPolicyTests(MusicPlayerFactory factory) : IClassFixture<MusicPlayerFactory>
{
    private static readonly DateTime Start = new(2026, 11, 22, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task RecordFailedLogin_StoreAndEntity_AgreeAfterEveryFailure()
    {
        var account = await factory.CreateAccountAsync("user");
        var entity = User.Create("lockout", "lockout@example.com", "Lock", null, "user", "no-password", Start);
        var failures = 2 * LockoutPolicy.MaxFailedLogins + 2;

        for (var i = 1; i <= failures; i++)
        {
            var now = Start.AddMinutes(i);
            await using (var scope = factory.Services.CreateAsyncScope())
                await scope.ServiceProvider.GetRequiredService<ILoginFailureStore>().RecordFailedLoginAsync(account.Id, now, CancellationToken.None);
            entity.RecordFailedLogin(now);

            var stored = await ReadAsync(account.Id);
            stored.FailedLoginCount.Should().Be(entity.FailedLoginCount, $"after failure {i}");
            stored.LockedUntil.Should().Be(entity.LockedUntil, $"after failure {i}");
        }

        // The comparison covered locking, not only counting: the last lock came from the policy's numbers.
        var lastLock = Start.AddMinutes(2 * LockoutPolicy.MaxFailedLogins) + LockoutPolicy.Duration;
        entity.LockedUntil.Should().Be(lastLock);
        entity.FailedLoginCount.Should().Be(failures - 2 * LockoutPolicy.MaxFailedLogins);
    }

    private async Task<(int FailedLoginCount, DateTime? LockedUntil)> ReadAsync(int userId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MusicPlayerDbContext>();
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == userId);
        return (user.FailedLoginCount, user.LockedUntil);
    }
}
