using MusicPlayer.Application.Features.Albums;
using MusicPlayer.Application.Features.Artists;
using MusicPlayer.Application.Features.Songs;

namespace MusicPlayer.Application.Features.Search;

/// <summary>The best matches of each type asked for, best first; a type not asked for is an empty list.</summary>
public sealed record SearchResultDto
{
    public IReadOnlyList<SongDto> Songs { get; init; } = [];
    public IReadOnlyList<AlbumDto> Albums { get; init; } = [];
    public IReadOnlyList<ArtistDto> Artists { get; init; } = [];
}
