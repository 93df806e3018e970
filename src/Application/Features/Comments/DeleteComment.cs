using MusicPlayer.Application.Common.Persistence;
using MusicPlayer.Application.Common.Security;
using MusicPlayer.Domain.Comments;

namespace MusicPlayer.Application.Features.Comments;

/// <summary>Deletes a comment. Its author or an admin; anyone else gets 403.</summary>
public static class DeleteComment
{
    [Authorize]
    public sealed record Command(int Id) : IRequest;

    internal sealed class Handler(IRepository<Comment> comments, ICurrentUser currentUser) : AsyncRequestHandler<Command>
    {
        protected override async Task Handle(Command request, CancellationToken cancellationToken)
        {
            var comment = await comments.GetByIdOrThrowAsync(request.Id, cancellationToken);
            currentUser.EnsureMayWrite(new Owned(comment.AuthorId, IsPublic: true), nameof(Comment), request.Id, adminsAllowed: true);
            comments.Remove(comment);
            await comments.SaveChangesAsync(cancellationToken);
        }
    }
}
