using MusicPlayer.Application.Common.Persistence;
using MusicPlayer.Application.Common.Security;
using MusicPlayer.Application.Common.Validation;
using MusicPlayer.Domain.Comments;

namespace MusicPlayer.Application.Features.Comments;

/// <summary>Replaces a comment's body. Its author only: anyone else, admins included, gets 403.</summary>
public static class UpdateComment
{
    [Authorize]
    public sealed record Command(int Id, CommentInput Comment) : IRequest<CommentDto>;

    public sealed class Validator : RequestValidator<Command>
    {
        public Validator() => RuleFor(c => c.Comment).NotNull().SetValidator(new CommentInputValidator());
    }

    internal sealed class Handler(IRepository<Comment> comments, ICurrentUser currentUser, TimeProvider clock) : IRequestHandler<Command, CommentDto>
    {
        public async Task<CommentDto> Handle(Command request, CancellationToken cancellationToken)
        {
            var comment = await comments.GetByIdOrThrowAsync(request.Id, cancellationToken);
            currentUser.EnsureMayWrite(new Owned(comment.AuthorId, IsPublic: true), nameof(Comment), request.Id);
            comment.Edit(request.Comment.Body, clock.GetUtcNow().UtcDateTime);
            await comments.SaveChangesAsync(cancellationToken);
            return await comments.FirstOrThrowAsync(new CommentByIdSpec(comment.Id), comment.Id, cancellationToken);
        }
    }
}
