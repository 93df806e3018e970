using MusicPlayer.Application.Common.Paging;
using MusicPlayer.Application.Common.Security;
using MusicPlayer.Application.Common.Validation;

namespace MusicPlayer.Application.Features.Playlists;

/// <summary>The caller's playlists, private and public, by name.</summary>
public static class ListMyPlaylists
{
    [Authorize]
    public sealed record Query : IRequest<PagedResult<PlaylistDto>>, IPagedQuery
    {
        public int Page { get; init; } = PagingLimits.DefaultPage;
        public int PageSize { get; init; } = PagingLimits.DefaultPageSize;
    }

    public sealed class Validator : RequestValidator<Query>
    {
        public Validator() => this.PagingRules();
    }

    internal sealed class Handler(PlaylistReader reader, ICurrentUser currentUser) : IRequestHandler<Query, PagedResult<PlaylistDto>>
    {
        public Task<PagedResult<PlaylistDto>> Handle(Query request, CancellationToken cancellationToken) =>
            reader.PageAsync(new MyPlaylistsSpec(currentUser.RequiredUserId, request), request, cancellationToken);
    }
}
