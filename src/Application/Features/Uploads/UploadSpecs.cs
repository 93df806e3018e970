using MusicPlayer.Application.Common.Persistence;
using MusicPlayer.Domain.Catalog;

namespace MusicPlayer.Application.Features.Uploads;

/// <summary>The song whose stored audio has these bytes (the first, should several share them).</summary>
public sealed class SongIdByAudioSpec : Specification<Song, int>
{
    public SongIdByAudioSpec(string sha256) : base(s => s.Id)
    {
        Where(s => s.Audio != null && s.Audio.Sha256 == sha256);
        OrderBy(s => s.Id);
    }
}

/// <summary>The album with this title and artist, ignoring case (the oldest, should there be several), tracked to link a song.</summary>
public sealed class AlbumByTitleAndArtistSpec : Specification<Album>
{
    public AlbumByTitleAndArtistSpec(string title, string artist)
    {
        var normalizedTitle = Domain.Common.Text.Normalize(title);
        var normalizedArtist = Domain.Common.Text.Normalize(artist);
        Where(a => a.NormalizedTitle == normalizedTitle && a.NormalizedArtist == normalizedArtist);
        OrderBy(a => a.Id);
        Tracked = true;
    }
}
