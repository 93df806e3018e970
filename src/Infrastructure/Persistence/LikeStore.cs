using Microsoft.EntityFrameworkCore;
using MusicPlayer.Application.Common.Errors;
using MusicPlayer.Application.Features.Likes;
using MusicPlayer.Domain.Catalog;
using MusicPlayer.Domain.Likes;

namespace MusicPlayer.Infrastructure.Persistence;

/// <summary>
/// A like row and its song's counter change in one transaction, and the counter moves by an
/// UPDATE in the database. Every like and unlike first locks the user's row, then the song's (no-op
/// UPDATEs, which also tell whether both exist), so changes to one song's likes run one at a time
/// and a user's deletion (which locks the user's row before it takes the likes off their songs)
/// never interleaves with that user's likes. Locks are always taken in the same order, user then
/// song: no lost counts, no deadlocks, no duplicate-key or foreign-key races.
/// </summary>
internal sealed class LikeStore(MusicPlayerDbContext context, SqliteWriteGate gate) : ILikeStore
{
    public Task<bool> LikeAsync(int userId, int songId, DateTime now, CancellationToken cancellationToken) =>
        OnLockedSongAsync(userId, songId, async () =>
        {
            // One portable statement: adds the like unless it is there (no tracking, no extra round trip).
            var added = await context.Database.ExecuteSqlInterpolatedAsync(
                $@"INSERT INTO ""UserLikes"" (""UserId"", ""SongId"", ""LikedAt"")
                   SELECT {userId}, {songId}, {now}
                   WHERE NOT EXISTS (SELECT 1 FROM ""UserLikes"" WHERE ""UserId"" = {userId} AND ""SongId"" = {songId})",
                cancellationToken);
            if (added == 0) return false;
            await Song(songId).ExecuteUpdateAsync(s => s.SetProperty(x => x.LikeCount, x => x.LikeCount + 1), cancellationToken);
            return true;
        }, cancellationToken);

    public Task<bool> UnlikeAsync(int userId, int songId, CancellationToken cancellationToken) =>
        OnLockedSongAsync(userId, songId, async () =>
        {
            if (await Like(userId, songId).ExecuteDeleteAsync(cancellationToken) == 0) return false;
            await Song(songId).ExecuteUpdateAsync(s => s.SetProperty(x => x.LikeCount, x => x.LikeCount - 1), cancellationToken);
            return true;
        }, cancellationToken);

    // Deleting a user calls this inside its own transaction (see AdminChangeLock), which it joins.
    public Task RemoveAllOfUserAsync(int userId, CancellationToken cancellationToken) =>
        context.InTransactionAsync(() => RemoveAllOfUserInTransactionAsync(userId, cancellationToken), cancellationToken);

    private async Task<int> RemoveAllOfUserInTransactionAsync(int userId, CancellationToken cancellationToken)
    {
        // Once the user's row is locked, no like of theirs is half-way: each either committed or waits and then finds no user.
        await context.LockUserAsync(userId, cancellationToken);
        var liked = context.UserLikes.Where(l => l.UserId == userId).Select(l => l.SongId);
        await context.Songs.Where(s => liked.Contains(s.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.LikeCount, x => x.LikeCount - 1), cancellationToken);
        return await context.UserLikes.Where(l => l.UserId == userId).ExecuteDeleteAsync(cancellationToken);
    }

    private Task<bool> OnLockedSongAsync(int userId, int songId, Func<Task<bool>> change, CancellationToken cancellationToken) =>
        gate.RunAsync(context, () => context.InTransactionAsync(async () =>
        {
            context.ChangeTracker.Clear();
            if (await context.LockUserAsync(userId, cancellationToken) == 0)
                throw new UnauthenticatedException("The account no longer exists.");
            var locked = await Song(songId).ExecuteUpdateAsync(s => s.SetProperty(x => x.LikeCount, x => x.LikeCount), cancellationToken);
            if (locked == 0) throw new NotFoundException("Song", songId);
            return await change();
        }, cancellationToken), cancellationToken);

    private IQueryable<UserLike> Like(int userId, int songId) =>
        context.UserLikes.Where(l => l.UserId == userId && l.SongId == songId);

    private IQueryable<Song> Song(int songId) => context.Songs.Where(s => s.Id == songId);
}
