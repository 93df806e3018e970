using Microsoft.EntityFrameworkCore;
using MusicPlayer.Application.Common.Errors;
using MusicPlayer.Application.Common.Observability;
using MusicPlayer.Application.Features.Likes;
using MusicPlayer.Domain.Catalog;
using MusicPlayer.Domain.Likes;

namespace MusicPlayer.Infrastructure.Persistence;

/// <summary>
/// A like row and its song's counter change in one transaction, and the counter moves by an
/// UPDATE in the database. On SQLite, which runs one write transaction at a time, likes and unlikes
/// go through <see cref="LikeCommitter"/>: those that arrive together share one transaction.
/// On server databases each runs in its own transaction, in parallel with the others: it first
/// locks the user's row, then the song's (no-op UPDATEs, which also tell whether both exist), so
/// changes to one song's likes run one at a time and a user's deletion (which locks the user's row
/// before it takes the likes off their songs) never interleaves with that user's likes. Locks are
/// always taken in the same order, user then song: no lost counts, no deadlocks, no duplicate-key
/// or foreign-key races.
/// </summary>
internal sealed class LikeStore(MusicPlayerDbContext context, LikeCommitter committer) : ILikeStore
{
    public Task<bool> LikeAsync(int userId, int songId, DateTime now, CancellationToken cancellationToken) =>
        context.Database.IsSqlite()
            ? GroupCommitAsync(new LikeWrite(userId, songId, LikeChange.Like, now), cancellationToken)
            : OnLockedSongAsync(userId, songId, () => AddLikeAsync(userId, songId, now, cancellationToken), cancellationToken);

    // The time of an unlike is not stored.
    public Task<bool> UnlikeAsync(int userId, int songId, CancellationToken cancellationToken) =>
        context.Database.IsSqlite()
            ? GroupCommitAsync(new LikeWrite(userId, songId, LikeChange.Unlike, default), cancellationToken)
            : OnLockedSongAsync(userId, songId, () => RemoveLikeAsync(userId, songId, cancellationToken), cancellationToken);

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

    private async Task<bool> GroupCommitAsync(LikeWrite write, CancellationToken cancellationToken) =>
        await committer.WriteAsync(write, cancellationToken) switch
        {
            LikeWriteOutcome.Changed => true,
            LikeWriteOutcome.Unchanged => false,
            LikeWriteOutcome.NoSuchUser => throw NoUser(),
            _ => throw new NotFoundException("Song", write.SongId),
        };

    private static UnauthenticatedException NoUser() => new("The account no longer exists.");

    private Task<bool> OnLockedSongAsync(int userId, int songId, Func<Task<bool>> change, CancellationToken cancellationToken) =>
        context.InTransactionAsync(async () =>
        {
            context.ChangeTracker.Clear();
            if (await context.LockUserAsync(userId, cancellationToken) == 0)
                throw NoUser();
            var locked = await Song(songId).ExecuteUpdateAsync(s => s.SetProperty(x => x.LikeCount, x => x.LikeCount), cancellationToken);
            if (locked == 0) throw new NotFoundException("Song", songId);
            return await change();
        }, cancellationToken);

    private async Task<bool> AddLikeAsync(int userId, int songId, DateTime now, CancellationToken cancellationToken)
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
    }

    private async Task<bool> RemoveLikeAsync(int userId, int songId, CancellationToken cancellationToken)
    {
        if (await Like(userId, songId).ExecuteDeleteAsync(cancellationToken) == 0) return false;
        await Song(songId).ExecuteUpdateAsync(s => s.SetProperty(x => x.LikeCount, x => x.LikeCount - 1), cancellationToken);
        return true;
    }

    private IQueryable<UserLike> Like(int userId, int songId) =>
        context.UserLikes.Where(l => l.UserId == userId && l.SongId == songId);

    private IQueryable<Song> Song(int songId) => context.Songs.Where(s => s.Id == songId);
}
