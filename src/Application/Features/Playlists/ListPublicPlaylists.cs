using MusicPlayer.Application.Common.Paging;
using MusicPlayer.Application.Common.Validation;
using MusicPlayer.Domain.Playlists;

namespace MusicPlayer.Application.Features.Playlists;

/// <summary>Public playlists, searched by name and sorted by name, last change or size. Public.</summary>
public static class ListPublicPlaylists
{
    public sealed record Query : IRequest<PagedResult<PlaylistDto>>, IPagedQuery
    {
        public int Page { get; init; } = PagingLimits.DefaultPage;
        public int PageSize { get; init; } = PagingLimits.DefaultPageSize;

        /// <summary>Name contains this, case-insensitive.</summary>
        public string? Q { get; init; }

        /// <summary><c>name</c> (default), <c>-updatedAt</c> or <c>-songCount</c>.</summary>
        public string? Sort { get; init; }
    }

    public sealed class Validator : RequestValidator<Query>
    {
        public Validator()
        {
            this.PagingRules();
            RuleFor(q => q.Q).OptionalText(PlaylistLimits.NameMaxLength);
            RuleFor(q => q.Sort).SortKey(PublicPlaylistsSpec.SortKeys);
        }
    }

    internal sealed class Handler(PlaylistReader reader) : IRequestHandler<Query, PagedResult<PlaylistDto>>
    {
        public Task<PagedResult<PlaylistDto>> Handle(Query request, CancellationToken cancellationToken) =>
            reader.PageAsync(new PublicPlaylistsSpec(request), request, cancellationToken);
    }
}
