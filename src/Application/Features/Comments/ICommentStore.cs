using MusicPlayer.Domain.Comments;

namespace MusicPlayer.Application.Features.Comments;

/// <summary>
/// Adds comments under the per-user limit (<see cref="CommentLimit"/>), atomically: the author's recent
/// comments are counted and the new one stored in one transaction that holds the author's row, so
/// parallel posts of one user cannot all slip under the limit.
/// </summary>
public interface ICommentStore
{
    /// <summary>
    /// Stores <paramref name="comment"/> unless its author already posted <see cref="CommentLimit.PermitLimit"/>
    /// comments within the window before its <c>CreatedAt</c> (then <see cref="Common.Errors.TooManyRequestsException"/>).
    /// NotFound for a missing song; Unauthenticated when the author's account is gone.
    /// </summary>
    Task AddAsync(Comment comment, CancellationToken cancellationToken);
}

/// <summary>How many comments one user may post per window (<c>RateLimiting:Comments:PermitLimit</c> per <c>RateLimiting:Comments:WindowSeconds</c>).</summary>
public sealed record CommentLimit(int PermitLimit = CommentLimit.DefaultPermitLimit, int WindowSeconds = CommentLimit.DefaultWindowSeconds)
{
    public const int DefaultPermitLimit = 10;
    public const int DefaultWindowSeconds = 60;

    public TimeSpan Window => TimeSpan.FromSeconds(WindowSeconds);
}
