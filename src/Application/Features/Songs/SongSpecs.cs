using MusicPlayer.Application.Common.Persistence;
using MusicPlayer.Domain.Catalog;

namespace MusicPlayer.Application.Features.Songs;

/// <summary>The albums a song is on, by title.</summary>
public sealed class AlbumsOfSongSpec : Specification<AlbumSong, AlbumRefDto>
{
    // An expression, not Mapster: Mapster maps a positional record through its constructor with null guards
    // (IIF(l != null, ...)) even in a projection, which SQL would carry as CASE expressions.
    public AlbumsOfSongSpec(int songId) : base(l => new AlbumRefDto(l.AlbumId, l.Album.Title))
    {
        Where(l => l.SongId == songId);
        OrderBy(l => l.Album.NormalizedTitle);
        OrderBy(l => l.AlbumId);
    }
}

/// <summary>One song with its albums, by id.</summary>
public sealed class SongDetailSpec : Specification<Song, SongDetailDto>
{
    public SongDetailSpec(int id) => Where(s => s.Id == id);
}
