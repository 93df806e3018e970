using MusicPlayer.Application.Common.Paging;
using MusicPlayer.Application.Common.Persistence;
using MusicPlayer.Application.Common.Security;
using MusicPlayer.Application.Common.Validation;
using MusicPlayer.Application.Features.Songs;
using MusicPlayer.Domain.Playlists;

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

    internal sealed class Handler(PlaylistReader reader, IReadRepository<PlaylistEntry> entries, ICurrentUser currentUser, ISongUrls urls)
        : IRequestHandler<Query, PagedResult<PlaylistEntryDto>>
    {
        public async Task<PagedResult<PlaylistEntryDto>> Handle(Query request, CancellationToken cancellationToken)
        {
            var row = await reader.RowAsync(request.Id, cancellationToken);
            currentUser.EnsureMayRead(row, "Playlist", request.Id, adminsAllowed: true);
            if (row.Rules is not null) return await reader.SmartSongsAsync(row, request, cancellationToken);

            // The kept count is the total: no COUNT over the entries.
            var spec = new PlaylistEntriesSpec(request.Id, request);
            var items = spec.Skip < row.SongCount ? await entries.ListAsync(spec, cancellationToken) : [];
            return new PagedResult<PlaylistEntryDto>(items.Select((e, i) => spec.Numbered(e, i) with { Song = e.Song.WithUrls(urls) }).ToList(),
                request.Page, request.PageSize, row.SongCount);
        }
    }
}
