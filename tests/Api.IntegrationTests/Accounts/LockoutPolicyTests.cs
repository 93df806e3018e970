using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MusicPlayer.Api.IntegrationTests.Support;
using MusicPlayer.Application.Common.Security;
using MusicPlayer.Domain.Users;
using MusicPlayer.Infrastructure.Persistence;

namespace MusicPlayer.Api.IntegrationTests.Accounts;

/// <summary>
/// One lockout rule: the login failure store's atomic UPDATE (on this test run's database) and
/// <see cref="User.TryReserveLoginAttempt"/> on an entity both apply <see cref="LockoutPolicy"/>, so the same
/// attempts at the same times leave the stored row and the entity in the same state, attempt after attempt,
/// through progressive lockouts, their cap and the forgetting of old ones.
/// </summary>
public sealed class LockoutPolicyTests(MusicPlayerFactory factory) : IClassFixture<MusicPlayerFactory>
{
    private static readonly DateTime Start = new(2026, 11, 22, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task TryReserveLoginAttempt_StoreAndEntity_AgreeAfterEveryAttempt()
    {
        var account = await factory.CreateAccountAsync("user");
        var entity = User.Create("lockout", "lockout@example.com", "Lock", null, "user", "no-password", Start);
        var now = Start;
        var lockDurations = new List<TimeSpan>();

        // Six lockouts in a row (past the cap), attempts while locked, a pause that forgets them, then a success.
        for (var round = 0; round < 8; round++)
        {
            if (round == 6) now += LockoutPolicy.ForgetAfter;
            for (var attempt = 0; attempt < LockoutPolicy.MaxFailedLogins + 1; attempt++)
            {
                now = now.AddSeconds(1);
                var stored = await ReserveAsync(account.Id, now);
                var expected = entity.TryReserveLoginAttempt(now);
                stored.Should().Be(expected, $"round {round}, attempt {attempt}: reserved or refused alike");
                (await ReadAsync(account.Id)).Should().Be((entity.FailedLoginCount, entity.LockedUntil, entity.LockoutCount),
                    $"round {round}, attempt {attempt}");
            }

            lockDurations.Add(entity.LockedUntil!.Value - now);
            now = entity.LockedUntil.Value;
        }

        lockDurations.Select(d => Math.Round(d.TotalMinutes)).Should().Equal(1, 5, 15, 60, 60, 60, 1, 5);

        await using (var scope = factory.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<ILoginFailureStore>().RecordSuccessfulLoginAsync(account.Id, CancellationToken.None);
        entity.RecordSuccessfulLogin();
        (await ReadAsync(account.Id)).Should().Be((0, (DateTime?)null, 0));
        (await ReadAsync(account.Id)).Should().Be((entity.FailedLoginCount, entity.LockedUntil, entity.LockoutCount));
    }

    private async Task<bool> ReserveAsync(int userId, DateTime now)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ILoginFailureStore>().TryReserveLoginAttemptAsync(userId, now, CancellationToken.None);
    }

    private async Task<(int FailedLoginCount, DateTime? LockedUntil, int LockoutCount)> ReadAsync(int userId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MusicPlayerDbContext>();
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == userId);
        return (user.FailedLoginCount, user.LockedUntil, user.LockoutCount);
    }
}
