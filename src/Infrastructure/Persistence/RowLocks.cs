using Microsoft.EntityFrameworkCore;

namespace MusicPlayer.Infrastructure.Persistence;

/// <summary>Row locks the stores take first, always in the same order (the user's row, then songs), so their transactions never deadlock.</summary>
internal static class RowLocks
{
    /// <summary>Locks the user's row for the rest of the transaction (a no-op UPDATE); 0 when there is no such user.</summary>
    public static Task<int> LockUserAsync(this MusicPlayerDbContext context, int userId, CancellationToken cancellationToken) =>
        context.Users.Where(u => u.Id == userId)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.SessionVersion, u => u.SessionVersion), cancellationToken);
}
