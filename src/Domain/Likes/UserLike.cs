namespace MusicPlayer.Domain.Likes;

/// <summary>A user likes a song, since <see cref="LikedAt"/>. At most one per user and song.</summary>
public sealed class UserLike
{
    private UserLike() { }

    public UserLike(int userId, int songId, DateTime likedAt)
    {
        UserId = userId;
        SongId = songId;
        LikedAt = likedAt;
    }

    public int UserId { get; private set; }
    public int SongId { get; private set; }
    public DateTime LikedAt { get; private set; }
    public Catalog.Song Song { get; private set; } = null!;
}
