using MusicPlayer.Application.Common.Security;
using MusicPlayer.Application.Common.Persistence;
using MusicPlayer.Application.Common.Validation;
using MusicPlayer.Domain.Comments;

namespace MusicPlayer.Application.Features.Comments;

/// <summary>Posts a comment on a song as the caller; at most <see cref="CommentLimit"/> per user and window.</summary>
public static class PostComment
{
    [Authorize]
    public sealed record Command(int SongId, CommentInput Comment) : IRequest<CommentDto>;

    public sealed class Validator : RequestValidator<Command>
    {
        public Validator() => RuleFor(c => c.Comment).NotNull().SetValidator(new CommentInputValidator());
    }

    internal sealed class Handler(ICommentStore store, IReadRepository<Comment> comments, ICurrentUser currentUser, TimeProvider clock)
        : IRequestHandler<Command, CommentDto>
    {
        public async Task<CommentDto> Handle(Command request, CancellationToken cancellationToken)
        {
            var comment = Comment.Create(request.SongId, currentUser.RequiredUserId, request.Comment.Body, clock.GetUtcNow().UtcDateTime);
            await store.AddAsync(comment, cancellationToken);
            return await comments.FirstOrThrowAsync(new CommentByIdSpec(comment.Id), comment.Id, cancellationToken);
        }
    }
}
