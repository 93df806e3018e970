using System.Reflection;
using MusicPlayer.Application.Common.Errors;
using MusicPlayer.Application.Features.Likes;
using MusicPlayer.Domain.Catalog;
using MusicPlayer.Domain.Likes;

namespace MusicPlayer.Application.UnitTests.Fakes;

/// <summary>
/// Likes over the song and like repositories, as the real store changes them: the like row and the
/// song's counter move together (the counter by the equivalent of the store's SQL UPDATE), a missing
/// song is a NotFound, and each row is linked to its song so projections through it work.
/// </summary>
public sealed class InMemoryLikeStore(InMemoryRepository<Song> songs, InMemoryRepository<UserLike> likes) : ILikeStore
{
    private static readonly PropertyInfo LikeCountProperty = typeof(Song).GetProperty(nameof(Song.LikeCount))!;
    private static readonly PropertyInfo SongProperty = typeof(UserLike).GetProperty(nameof(UserLike.Song))!;

    public async Task<bool> LikeAsync(int userId, int songId, DateTime now, CancellationToken cancellationToken)
    {
        var song = SongOrThrow(songId);
        if (Find(userId, songId) is not null) return false;

        var like = new UserLike(userId, songId, now);
        SongProperty.SetValue(like, song);
        likes.Add(like);
        await likes.SaveChangesAsync(cancellationToken);
        LikeCountProperty.SetValue(song, song.LikeCount + 1);
        return true;
    }

    public async Task<bool> UnlikeAsync(int userId, int songId, CancellationToken cancellationToken)
    {
        var song = SongOrThrow(songId);
        if (Find(userId, songId) is not { } like) return false;

        likes.Remove(like);
        await likes.SaveChangesAsync(cancellationToken);
        LikeCountProperty.SetValue(song, song.LikeCount - 1);
        return true;
    }

    public async Task RemoveAllOfUserAsync(int userId, CancellationToken cancellationToken)
    {
        foreach (var like in likes.Items.Where(l => l.UserId == userId).ToList())
        {
            likes.Remove(like);
            var song = SongOrThrow(like.SongId);
            LikeCountProperty.SetValue(song, song.LikeCount - 1);
        }
        await likes.SaveChangesAsync(cancellationToken);
    }

    private Song SongOrThrow(int songId) =>
        songs.Items.FirstOrDefault(s => s.Id == songId) ?? throw new NotFoundException("Song", songId);

    private UserLike? Find(int userId, int songId) => likes.Items.FirstOrDefault(l => l.UserId == userId && l.SongId == songId);
}
