using MusicPlayer.Application.Common.Persistence;
using MusicPlayer.Application.Features.Albums;
using MusicPlayer.Application.Features.Comments;
using MusicPlayer.Application.Features.Likes;
using MusicPlayer.Application.Features.Songs;
using MusicPlayer.Domain.Catalog;
using MusicPlayer.Domain.Comments;
using MusicPlayer.Domain.Likes;

namespace MusicPlayer.Application.Features.Catalog;

/// <summary>
/// <see cref="ICatalogReads"/> through the specifications: what every provider can run, what write handlers read
/// their response with (inside their unit of work), and the reference the faster readers are tested against.
/// A song's detail is four small indexed queries (the song by key, its album links by song, the caller's like by
/// key, its comments counted by song), rather than one query whose album join SQLite would build for every link in
/// the catalog before picking this song's; the comment count is counted from the rows, exact by construction.
/// </summary>
public sealed class SpecCatalogReads(
    IReadRepository<Song> songs, IReadRepository<AlbumSong> links, IReadRepository<UserLike> likes, IReadRepository<Comment> comments,
    IReadRepository<Album> albums) : ICatalogReads
{
    public async Task<SongDetailDto?> SongDetailAsync(int songId, int? userId, CancellationToken cancellationToken)
    {
        var song = await songs.FirstOrDefaultAsync(new SongDetailSpec(songId), cancellationToken);
        if (song is null) return null;
        return song with
        {
            Albums = await links.ListAsync(new AlbumsOfSongSpec(songId), cancellationToken),
            LikedByMe = userId is { } me && await likes.AnyAsync(new LikeSpec(me, songId), cancellationToken),
            CommentCount = await comments.CountAsync(new CommentCountSpec(songId), cancellationToken),
        };
    }

    public async Task<IReadOnlyList<AlbumTrackDto>?> AlbumTracksAsync(int albumId, CancellationToken cancellationToken)
    {
        var tracks = await links.ListAsync(new ListAlbumSongs.Spec(albumId), cancellationToken);
        // No links: an empty album, or none at all. Only then is the album itself looked up.
        return tracks.Count > 0 || await albums.AnyAsync(new ListAlbumSongs.AlbumExistsSpec(albumId), cancellationToken) ? tracks : null;
    }
}
