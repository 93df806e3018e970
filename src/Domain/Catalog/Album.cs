namespace MusicPlayer.Domain.Catalog;

/// <summary>An album: the aggregate that owns its track list (the <see cref="AlbumSong"/> links).</summary>
public sealed class Album : CatalogItem
{
    private readonly List<AlbumSong> _songs = [];

    private Album() { }

    public IReadOnlyCollection<AlbumSong> Songs => _songs;

    public static Album Create(CatalogDetails details, DateTime now)
    {
        var album = new Album();
        album.SetDetails(details, now);
        return album;
    }

    public void Update(CatalogDetails details, DateTime now) => SetDetails(details, now);

    /// <summary>Puts the song on this album, or changes its track number when it is already there.</summary>
    public void SetSong(Song song, int? trackNumber)
    {
        var link = _songs.Find(l => l.SongId == song.Id);
        if (link is null)
        {
            link = new AlbumSong(this, song, trackNumber);
            _songs.Add(link);
            song.AttachLink(link);
        }
        else
        {
            link.TrackNumber = trackNumber;
        }
    }

    /// <summary>Takes the song off this album; false when it was not on it.</summary>
    public bool RemoveSong(int songId)
    {
        var link = _songs.Find(l => l.SongId == songId);
        if (link is null) return false;
        _songs.Remove(link);
        link.Song.DetachLink(link);
        return true;
    }
}
