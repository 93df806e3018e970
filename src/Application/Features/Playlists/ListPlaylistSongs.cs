using MusicPlayer.Application.Common.Paging;
using MusicPlayer.Application.Common.Security;
using MusicPlayer.Application.Common.Validation;
using MusicPlayer.Application.Features.Songs;

namespace MusicPlayer.Application.Features.Playlists;

/// <summary>A playlist's songs in order, paged: its entries, or a smart playlist's songs evaluated now for its owner.</summary>
public static class ListPlaylistSongs
{
    public sealed record Query : IRequest<PagedResult<PlaylistEntryDto>>, IPagedQuery
    {
        public int Id { get; init; }
        public int Page { get; init; } = PagingLimits.DefaultPage;
        public int PageSize { get; init; } = PagingLimits.DefaultPageSize;
    }

    public sealed class Validator : RequestValidator<Query>
    {
        public Validator() => this.PagingRules();
    }

    internal sealed class Handler(PlaylistReader reader, ICurrentUser currentUser, ISongUrls urls)
        : IRequestHandler<Query, PagedResult<PlaylistEntryDto>>
    {
        public async Task<PagedResult<PlaylistEntryDto>> Handle(Query request, CancellationToken cancellationToken)
        {
            var state = await reader.StateAsync(request.Id, cancellationToken);
            currentUser.EnsureMayRead(state, "Playlist", request.Id, adminsAllowed: true);
            var page = await reader.SongsAsync(state, request, cancellationToken);
            return page with { Items = page.Items.Select(e => e with { Song = e.Song.WithUrls(urls) }).ToList() };
        }
    }
}
