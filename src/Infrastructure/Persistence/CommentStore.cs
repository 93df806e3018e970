using Microsoft.EntityFrameworkCore;
using MusicPlayer.Application.Common.Errors;
using MusicPlayer.Application.Features.Comments;
using MusicPlayer.Domain.Comments;

namespace MusicPlayer.Infrastructure.Persistence;

/// <summary>
/// Posts a comment in one transaction that first locks the author's row, then the song's (no-op UPDATEs, in
/// the order <see cref="LikeStore"/> takes them, which also tell whether both still exist), then counts the
/// author's comments within the window and inserts. A user's posts therefore run one at a time, so the limit
/// holds under parallel requests and across instances; the song cannot disappear between the check and the
/// insert (no foreign-key race). The window slides: the oldest of the last <see cref="CommentLimit.PermitLimit"/>
/// comments says when the next one is allowed, which is the Retry-After.
/// </summary>
internal sealed class CommentStore(MusicPlayerDbContext context, SqliteWriteGate gate, CommentLimit limit) : ICommentStore
{
    public Task AddAsync(Comment comment, CancellationToken cancellationToken) =>
        gate.RunAsync(context, () => context.InTransactionAsync(async () =>
        {
            context.ChangeTracker.Clear();
            var author = await context.Users.Where(u => u.Id == comment.AuthorId)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.SessionVersion, u => u.SessionVersion), cancellationToken);
            if (author == 0) throw new UnauthenticatedException("The account no longer exists.");
            var song = await context.Songs.Where(s => s.Id == comment.SongId)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.LikeCount, x => x.LikeCount), cancellationToken);
            if (song == 0) throw new NotFoundException("Song", comment.SongId);

            var since = comment.CreatedAt - limit.Window;
            var recent = await context.Comments
                .Where(c => c.AuthorId == comment.AuthorId && c.CreatedAt > since)
                .OrderByDescending(c => c.CreatedAt)
                .Select(c => c.CreatedAt)
                .Take(limit.PermitLimit)
                .ToListAsync(cancellationToken);
            if (recent.Count >= limit.PermitLimit)
                throw new TooManyRequestsException(recent[^1] + limit.Window - comment.CreatedAt,
                    $"At most {limit.PermitLimit} comments per {limit.WindowSeconds} seconds; try again later.");

            context.Comments.Add(comment);
            await context.SaveChangesAsync(cancellationToken);
            return true;
        }, cancellationToken), cancellationToken);
}
