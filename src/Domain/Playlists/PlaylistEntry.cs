namespace MusicPlayer.Domain.Playlists;

/// <summary>A song at a position of a manual playlist; the same song may be on a playlist more than once.</summary>
public sealed class PlaylistEntry : Common.Entity
{
    private PlaylistEntry() { }

    public PlaylistEntry(int playlistId, int songId, int position, DateTime addedAt)
    {
        PlaylistId = playlistId;
        SongId = songId;
        Position = position;
        AddedAt = addedAt;
    }

    public int PlaylistId { get; private set; }
    public int SongId { get; private set; }

    /// <summary>1-based; positions of a playlist are always 1..its song count without gaps.</summary>
    public int Position { get; private set; }
    public DateTime AddedAt { get; private set; }
    public Catalog.Song Song { get; private set; } = null!;
}
