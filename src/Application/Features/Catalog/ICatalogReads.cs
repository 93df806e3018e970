using MusicPlayer.Application.Features.Songs;

namespace MusicPlayer.Application.Features.Catalog;

/// <summary>
/// The two catalog reads every signed-in client makes most: a song's detail and an album's track list, exact at
/// the moment of the read (counts, likes and comments included) and without URLs (the handler adds them, as they
/// depend on how the caller reached the service). <see cref="SpecCatalogReads"/> reads them through the
/// specifications; the infrastructure may answer them more cheaply (see <c>SqlCatalogReads</c>) as long as the
/// answers are the same.
/// </summary>
public interface ICatalogReads
{
    /// <summary>The song with its albums, comment count and whether <paramref name="userId"/> likes it; null when there is no such song.</summary>
    Task<SongDetailDto?> SongDetailAsync(int songId, int? userId, CancellationToken cancellationToken);

    /// <summary>The album's songs in track order (numbered tracks by number, then the rest by title, then id); null when there is no such album.</summary>
    Task<IReadOnlyList<AlbumTrackDto>?> AlbumTracksAsync(int albumId, CancellationToken cancellationToken);
}
