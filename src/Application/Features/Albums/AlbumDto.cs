using System.Text.Json.Serialization;

namespace MusicPlayer.Application.Features.Albums;

/// <summary>An album as lists show it.</summary>
public record AlbumDto
{
    public int Id { get; init; }
    public string Title { get; init; } = "";
    public string Artist { get; init; } = "";
    public string Genre { get; init; } = "";
    public string? Description { get; init; }
    public string? CoverImageUrl { get; init; }
    public DateOnly? ReleaseDate { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }
}

/// <summary>One album with the number of songs on it.</summary>
public sealed record AlbumDetailDto : AlbumDto
{
    // After the fields of the base shape, so every response reads in the same order.
    [JsonPropertyOrder(1)]
    public int SongCount { get; init; }
}
