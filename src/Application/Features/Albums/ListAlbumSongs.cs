using MediatR;
using MusicPlayer.Application.Common.Errors;
using MusicPlayer.Application.Common.Persistence;
using MusicPlayer.Application.Common.Security;
using MusicPlayer.Application.Features.Catalog;
using MusicPlayer.Application.Features.Songs;
using MusicPlayer.Domain.Catalog;

namespace MusicPlayer.Application.Features.Albums;

/// <summary>An album's songs in track order: numbered tracks first by number, then the rest by title. Any signed-in caller.</summary>
public static class ListAlbumSongs
{
    [Authorize]
    public sealed record Query(int AlbumId) : IRequest<IReadOnlyList<AlbumTrackDto>>;

    /// <summary>
    /// The album's links in track order, each projected by Mapster's AlbumSong -> AlbumTrackDto mapping. It
    /// starts from the links, found by the album's key, not from the album with its list nested in it: that
    /// shape is a LEFT JOIN on a derived table of every link joined to its song, which SQLite builds whole
    /// (every link of the catalog) before it picks this album's rows.
    /// </summary>
    public sealed class Spec : Specification<AlbumSong, AlbumTrackDto>
    {
        public Spec(int albumId)
        {
            Where(l => l.AlbumId == albumId);
            OrderBy(l => l.TrackNumber == null);
            OrderBy(l => l.TrackNumber);
            OrderBy(l => l.Song.NormalizedTitle);
            OrderBy(l => l.SongId);
        }
    }

    /// <summary>Whether an album exists (untracked; reads nothing but its key).</summary>
    public sealed class AlbumExistsSpec : Specification<Album>
    {
        public AlbumExistsSpec(int albumId) => Where(a => a.Id == albumId);
    }

    internal sealed class Handler(ICatalogReads reads, ISongUrls urls) : IRequestHandler<Query, IReadOnlyList<AlbumTrackDto>>
    {
        public async Task<IReadOnlyList<AlbumTrackDto>> Handle(Query request, CancellationToken cancellationToken) =>
            (await reads.AlbumTracksAsync(request.AlbumId, cancellationToken))?.WithUrls(urls)
            ?? throw new NotFoundException("Album", request.AlbumId);
    }
}
