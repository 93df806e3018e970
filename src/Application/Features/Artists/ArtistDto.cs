namespace MusicPlayer.Application.Features.Artists;

/// <summary>
/// An artist: not an entity of its own but the songs and albums whose artist has the same search key
/// (<see cref="Domain.Common.SearchText.Key"/>: <c>Beyoncé</c>, <c>BEYONCE</c> and <c>beyonce</c> are one artist).
/// </summary>
public sealed record ArtistDto
{
    /// <summary>The spelling most of the artist's songs and albums use (ties: the first in ordinal order).</summary>
    public string Name { get; init; } = "";
    public int SongCount { get; init; }
    public int AlbumCount { get; init; }
}
