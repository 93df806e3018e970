using MusicPlayer.Application.Common.Persistence;
using MusicPlayer.Application.Common.Security;
using MusicPlayer.Application.Features.Comments;
using MusicPlayer.Application.Features.Likes;
using MusicPlayer.Domain.Catalog;
using MusicPlayer.Domain.Comments;
using MusicPlayer.Domain.Likes;

namespace MusicPlayer.Application.Features.Songs;

/// <summary>
/// Reads a song's detail in four small indexed queries (the song by key, its album links by
/// song, the caller's like by key, its comments counted by song), rather than one query whose album
/// join SQLite would build for every link in the catalog before picking this song's. The comment count
/// is counted from the rows, not kept in a column: it is exact by construction, whoever deletes what.
/// </summary>
public sealed class SongDetailReader(
    IReadRepository<Song> songs, IReadRepository<AlbumSong> links, IReadRepository<UserLike> likes, IReadRepository<Comment> comments,
    ICurrentUser currentUser, ISongUrls urls)
{
    public async Task<SongDetailDto?> ReadAsync(int songId, CancellationToken cancellationToken)
    {
        var song = await songs.FirstOrDefaultAsync(new SongDetailSpec(songId), cancellationToken);
        if (song is null) return null;
        return (song with
        {
            Albums = await links.ListAsync(new AlbumsOfSongSpec(songId), cancellationToken),
            LikedByMe = currentUser.UserId is { } me && await likes.AnyAsync(new LikeSpec(me, songId), cancellationToken),
            CommentCount = await comments.CountAsync(new CommentCountSpec(songId), cancellationToken),
        }).WithUrls(urls);
    }
}
