using Microsoft.EntityFrameworkCore;
using MusicPlayer.Application.Common.Security;
using MusicPlayer.Domain.Users;

namespace MusicPlayer.Infrastructure.Persistence;

/// <summary>
/// <see cref="User.RecordFailedLogin"/> as one UPDATE in the database, so concurrent failures are not
/// lost to read-modify-write: every SET sees the row as it was before this statement. The numbers are
/// the domain's <see cref="LockoutPolicy"/>, passed as parameters.
/// </summary>
internal sealed class LoginFailureStore(MusicPlayerDbContext context) : ILoginFailureStore
{
    public Task RecordFailedLoginAsync(int userId, DateTime now, CancellationToken cancellationToken)
    {
        var maxFailures = LockoutPolicy.MaxFailedLogins;
        DateTime? lockedUntil = now + LockoutPolicy.Duration;
        return context.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s
            .SetProperty(u => u.LockedUntil, u => u.FailedLoginCount + 1 >= maxFailures ? lockedUntil : u.LockedUntil)
            .SetProperty(u => u.FailedLoginCount, u => u.FailedLoginCount + 1 >= maxFailures ? 0 : u.FailedLoginCount + 1),
            cancellationToken);
    }
}
