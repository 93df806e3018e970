using Microsoft.EntityFrameworkCore;
using MusicPlayer.Application.Common.Security;
using MusicPlayer.Application.Features.Users;
using MusicPlayer.Infrastructure.Security;

namespace MusicPlayer.Infrastructure.Persistence;

/// <summary>
/// A transaction that first locks every admin's row (a no-op UPDATE, as <see cref="LikeStore"/> locks a
/// song): a concurrent change waits for it, and on PostgreSQL re-reads the rows after this commits,
/// so it counts the admins as they are now. SQLite lets one writer in at a time anyway.
/// The user's cached session is evicted again after the commit: the eviction on save happens
/// before the commit, and a request in between would have cached what the database still said.
/// </summary>
internal sealed class AdminChangeLock(MusicPlayerDbContext context, UserSessionCache sessions) : IAdminChangeLock
{
    public async Task<T> RunAsync<T>(int userId, Func<Task<T>> change, CancellationToken cancellationToken)
    {
        var result = await context.InTransactionAsync(async () =>
        {
            context.ChangeTracker.Clear();
            await context.Users.Where(u => u.Role == Roles.Admin)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.Role, u => u.Role), cancellationToken);
            return await change();
        }, cancellationToken);
        sessions.Evict(userId);
        return result;
    }
}
