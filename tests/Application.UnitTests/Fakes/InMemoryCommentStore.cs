using System.Reflection;
using MusicPlayer.Application.Common.Errors;
using MusicPlayer.Application.Features.Comments;
using MusicPlayer.Domain.Catalog;
using MusicPlayer.Domain.Comments;
using MusicPlayer.Domain.Users;

namespace MusicPlayer.Application.UnitTests.Fakes;

/// <summary>
/// Comments over the repositories, with the real store's rules: the author must exist (else Unauthenticated),
/// the song too (else NotFound), and at most <see cref="CommentLimit.PermitLimit"/> comments of the author within
/// the window before the new one (else TooManyRequests, waiting until the oldest of them leaves the window).
/// Each stored comment is linked to its author, so projections through it work.
/// </summary>
public sealed class InMemoryCommentStore(
    InMemoryRepository<Comment> comments, InMemoryRepository<User> users, InMemoryRepository<Song> songs, CommentLimit limit) : ICommentStore
{
    private static readonly PropertyInfo AuthorProperty = typeof(Comment).GetProperty(nameof(Comment.Author))!;

    public async Task AddAsync(Comment comment, CancellationToken cancellationToken)
    {
        var author = users.Items.SingleOrDefault(u => u.Id == comment.AuthorId) ?? throw new UnauthenticatedException("The account no longer exists.");
        if (songs.Items.All(s => s.Id != comment.SongId)) throw new NotFoundException("Song", comment.SongId);

        var recent = comments.Items
            .Where(c => c.AuthorId == comment.AuthorId && c.CreatedAt > comment.CreatedAt - limit.Window)
            .OrderByDescending(c => c.CreatedAt)
            .Take(limit.PermitLimit)
            .ToList();
        if (recent.Count >= limit.PermitLimit) throw new TooManyRequestsException(recent[^1].CreatedAt + limit.Window - comment.CreatedAt);

        AuthorProperty.SetValue(comment, author);
        comments.Add(comment);
        await comments.SaveChangesAsync(cancellationToken);
    }
}
