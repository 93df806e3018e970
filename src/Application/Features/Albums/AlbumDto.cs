using System.Text.Json.Serialization;
using System.Linq.Expressions;
using MusicPlayer.Domain.Catalog;

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

    public static readonly Expression<Func<Album, AlbumDto>> Projection = a => new AlbumDto
    {
        Id = a.Id,
        Title = a.Title,
        Artist = a.Artist,
        Genre = a.Genre,
        Description = a.Description,
        CoverImageUrl = a.CoverImageUrl,
        ReleaseDate = a.ReleaseDate,
        CreatedAt = a.CreatedAt,
        UpdatedAt = a.UpdatedAt,
    };
}

/// <summary>One album with the number of songs on it.</summary>
public sealed record AlbumDetailDto : AlbumDto
{
    // After the fields of the base shape, so every response reads in the same order.
    [JsonPropertyOrder(1)]
    public int SongCount { get; init; }

    public static readonly new Expression<Func<Album, AlbumDetailDto>> Projection =
        Common.Persistence.Projection.Extend(AlbumDto.Projection, (Album a) => new AlbumDetailDto
        {
            SongCount = a.Songs.Count,
        });

    /// <summary>The same shape from an album in memory (one just created or changed).</summary>
    public static readonly Func<Album, AlbumDetailDto> From = Projection.Compile();
}
