using MusicPlayer.Domain.Common;

namespace MusicPlayer.Domain.Catalog;

/// <summary>A song's place on an album, with an optional track number.</summary>
public sealed class AlbumSong
{
    public const int MinTrackNumber = 1;
    public const int MaxTrackNumber = 9_999;

    private int? _trackNumber;

    private AlbumSong() { }

    internal AlbumSong(Album album, Song song, int? trackNumber)
    {
        Album = album;
        AlbumId = album.Id;
        Song = song;
        SongId = song.Id;
        TrackNumber = trackNumber;
    }

    public int AlbumId { get; private set; }
    public int SongId { get; private set; }
    public Album Album { get; private set; } = null!;
    public Song Song { get; private set; } = null!;

    public int? TrackNumber
    {
        get => _trackNumber;
        internal set => _trackNumber = value is null or (>= MinTrackNumber and <= MaxTrackNumber)
            ? value
            : throw new DomainException("trackNumber", $"'trackNumber' must be between {MinTrackNumber} and {MaxTrackNumber}.");
    }
}
