using Microsoft.EntityFrameworkCore;
using MusicPlayer.Application.Common.Errors;
using MusicPlayer.Application.Features.Likes;
using MusicPlayer.Domain.Likes;

namespace MusicPlayer.Infrastructure.Persistence;

/// <summary>
/// A like row and its song's counter change in one transaction; the counter moves by an UPDATE
/// in the database. On SQLite the transaction takes the write lock at its start, so racing
/// likes queue up; on a server database a racing duplicate fails on the primary key and is
/// recognised by checking again.
/// </summary>
internal sealed class LikeStore(MusicPlayerDbContext context) : ILikeStore
{
    public async Task<bool> LikeAsync(int userId, int songId, DateTime now, CancellationToken cancellationToken)
    {
        try
        {
            await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
            if (await Like(userId, songId).AnyAsync(cancellationToken)) return false;
            if (await Counter(songId).ExecuteUpdateAsync(s => s.SetProperty(x => x.LikeCount, x => x.LikeCount + 1), cancellationToken) == 0)
                throw new NotFoundException("Song", songId);
            context.UserLikes.Add(new UserLike(userId, songId, now));
            await context.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            context.ChangeTracker.Clear();
            if (await Like(userId, songId).AnyAsync(cancellationToken)) return false;
            throw new NotFoundException("Song", songId);
        }
    }

    public async Task<bool> UnlikeAsync(int userId, int songId, CancellationToken cancellationToken)
    {
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        if (await Like(userId, songId).ExecuteDeleteAsync(cancellationToken) == 0) return false;
        await Counter(songId).ExecuteUpdateAsync(s => s.SetProperty(x => x.LikeCount, x => x.LikeCount - 1), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private IQueryable<UserLike> Like(int userId, int songId) =>
        context.UserLikes.Where(l => l.UserId == userId && l.SongId == songId);

    private IQueryable<Domain.Catalog.Song> Counter(int songId) => context.Songs.Where(s => s.Id == songId);
}
