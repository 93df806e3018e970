namespace MusicPlayer.Domain.Playlists;

/// <summary>
/// A song in a manual playlist, placed by its <see cref="SortKey"/>; the same song may be on a playlist more than once.
/// Its position (1-based) is its rank among the playlist's entries by key, counted when read.
/// </summary>
public sealed class PlaylistEntry : Common.Entity
{
    private PlaylistEntry() { }

    public PlaylistEntry(int playlistId, int songId, int sortKey, DateTime addedAt)
    {
        PlaylistId = playlistId;
        SongId = songId;
        SortKey = sortKey;
        AddedAt = addedAt;
    }

    public int PlaylistId { get; private set; }
    public int SongId { get; private set; }

    /// <summary>Orders the playlist's entries (then the id); sparse, see <see cref="PlaylistOrder"/>.</summary>
    public int SortKey { get; private set; }
    public DateTime AddedAt { get; private set; }
    public Catalog.Song Song { get; private set; } = null!;
}
