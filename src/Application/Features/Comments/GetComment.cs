using MusicPlayer.Application.Common.Persistence;
using MusicPlayer.Domain.Comments;

namespace MusicPlayer.Application.Features.Comments;

/// <summary>One comment, where a comment's <c>Location</c> points. Public, as the song's comment list is.</summary>
public static class GetComment
{
    public sealed record Query(int Id) : IRequest<CommentDto>;

    internal sealed class Handler(IReadRepository<Comment> comments) : IRequestHandler<Query, CommentDto>
    {
        public Task<CommentDto> Handle(Query request, CancellationToken cancellationToken) =>
            comments.FirstOrThrowAsync(new CommentByIdSpec(request.Id), request.Id, cancellationToken);
    }
}
