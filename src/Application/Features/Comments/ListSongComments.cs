using MusicPlayer.Application.Common.Errors;
using MusicPlayer.Application.Common.Paging;
using MusicPlayer.Application.Common.Persistence;
using MusicPlayer.Application.Common.Validation;
using MusicPlayer.Domain.Catalog;
using MusicPlayer.Domain.Comments;

namespace MusicPlayer.Application.Features.Comments;

/// <summary>A song's comments, newest first. Public.</summary>
public static class ListSongComments
{
    public sealed record Query(int SongId) : IRequest<PagedResult<CommentDto>>, IPagedQuery
    {
        public int Page { get; init; } = PagingLimits.DefaultPage;
        public int PageSize { get; init; } = PagingLimits.DefaultPageSize;
    }

    public sealed class Validator : RequestValidator<Query>
    {
        public Validator() => this.PagingRules();
    }

    internal sealed class Handler(IReadRepository<Song> songs, IReadRepository<Comment> comments) : IRequestHandler<Query, PagedResult<CommentDto>>
    {
        public async Task<PagedResult<CommentDto>> Handle(Query request, CancellationToken cancellationToken)
        {
            if (!await songs.AnyAsync(new SongExistsSpec(request.SongId), cancellationToken))
                throw new NotFoundException("Song", request.SongId);
            return await comments.PageAsync(new CommentsOfSongSpec(request.SongId, request), request, cancellationToken);
        }
    }
}
