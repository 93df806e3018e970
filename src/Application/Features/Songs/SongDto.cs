using System.Text.Json.Serialization;
using System.Linq.Expressions;
using FluentValidation;
using MusicPlayer.Application.Common.Persistence;
using MusicPlayer.Application.Common.Validation;
using MusicPlayer.Application.Features.Catalog;
using MusicPlayer.Application.Common.Security;
using MusicPlayer.Application.Features.Likes;
using MusicPlayer.Domain.Catalog;
using MusicPlayer.Domain.Likes;

namespace MusicPlayer.Application.Features.Songs;

/// <summary>A song as lists show it.</summary>
public record SongDto
{
    public int Id { get; init; }
    public string Title { get; init; } = "";
    public string Artist { get; init; } = "";
    public string Genre { get; init; } = "";
    public string FileUrl { get; init; } = "";

    /// <summary>Length in seconds.</summary>
    public int? Duration { get; init; }
    public string? Description { get; init; }
    public string? CoverImageUrl { get; init; }
    public DateOnly? ReleaseDate { get; init; }
    public int LikeCount { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }

    public static readonly Expression<Func<Song, SongDto>> Projection = s => new SongDto
    {
        Id = s.Id,
        Title = s.Title,
        Artist = s.Artist,
        Genre = s.Genre,
        FileUrl = s.FileUrl,
        Duration = s.Duration,
        Description = s.Description,
        CoverImageUrl = s.CoverImageUrl,
        ReleaseDate = s.ReleaseDate,
        LikeCount = s.LikeCount,
        CreatedAt = s.CreatedAt,
        UpdatedAt = s.UpdatedAt,
    };
}

/// <summary>A song on an album's track list.</summary>
public sealed record AlbumTrackDto : SongDto
{
    // After the fields of the base shape, so every response reads in the same order.
    [JsonPropertyOrder(1)]
    public int? TrackNumber { get; init; }

    public static readonly new Expression<Func<AlbumSong, AlbumTrackDto>> Projection =
        Common.Persistence.Projection.Extend(
            Common.Persistence.Projection.Over((AlbumSong l) => l.Song, SongDto.Projection),
            (AlbumSong l) => new AlbumTrackDto { TrackNumber = l.TrackNumber });
}

/// <summary>An album a song is on.</summary>
public sealed record AlbumRefDto(int Id, string Title);

/// <summary>One song with the albums it is on.</summary>
public sealed record SongDetailDto : SongDto
{
    [JsonPropertyOrder(1)]
    public IReadOnlyList<AlbumRefDto> Albums { get; init; } = [];

    /// <summary>Whether the caller likes this song.</summary>
    [JsonPropertyOrder(1)]
    public bool LikedByMe { get; init; }

    /// <summary>The song's own fields; <see cref="SongDetailReader"/> adds the albums and the caller's like.</summary>
    public static readonly new Expression<Func<Song, SongDetailDto>> Projection =
        Common.Persistence.Projection.Extend(SongDto.Projection, (Song s) => new SongDetailDto());

    /// <summary>The same shape from a song just created: on no album, liked by nobody.</summary>
    public static readonly Func<Song, SongDetailDto> From = Projection.Compile();
}

/// <summary>
/// Reads a song's detail in three small indexed queries (the song by key, its album links by
/// song, the caller's like by key), rather than one query whose album join SQLite would build
/// for every link in the catalog before picking this song's.
/// </summary>
public sealed class SongDetailReader(
    IReadRepository<Song> songs, IReadRepository<AlbumSong> links, IReadRepository<UserLike> likes, ICurrentUser currentUser)
{
    public async Task<SongDetailDto?> ReadAsync(int songId, CancellationToken cancellationToken)
    {
        var song = await songs.FirstOrDefaultAsync(new SongDetailSpec(songId), cancellationToken);
        if (song is null) return null;
        return song with
        {
            Albums = await links.ListAsync(new AlbumsOfSongSpec(songId), cancellationToken),
            LikedByMe = currentUser.UserId is { } me && await likes.AnyAsync(new LikeSpec(me, songId), cancellationToken),
        };
    }
}

/// <summary>The albums a song is on, by title.</summary>
public sealed class AlbumsOfSongSpec : Specification<AlbumSong, AlbumRefDto>
{
    public AlbumsOfSongSpec(int songId) : base(l => new AlbumRefDto(l.AlbumId, l.Album.Title))
    {
        Where(l => l.SongId == songId);
        OrderBy(l => l.Album.NormalizedTitle);
        OrderBy(l => l.AlbumId);
    }
}

/// <summary>The body of song create and update.</summary>
public sealed record SongInput(
    string? Title,
    string? Artist,
    string? Genre,
    string? FileUrl,
    int? Duration = null,
    string? Description = null,
    string? CoverImageUrl = null,
    DateOnly? ReleaseDate = null) : ICatalogInput
{
    public SongDetails ToDetails() => new(((ICatalogInput)this).ToDetails(), FileUrl, Duration);
}

public sealed class SongInputValidator : CatalogInputValidator<SongInput>
{
    public SongInputValidator()
    {
        RuleFor(x => x.FileUrl).RequiredText(CatalogRules.UrlMaxLength).HttpUrl();
        RuleFor(x => x.Duration).InclusiveBetween(CatalogRules.MinDurationSeconds, CatalogRules.MaxDurationSeconds)
            .When(x => x.Duration is not null);
    }
}

/// <summary>One song with its albums, by id.</summary>
public sealed class SongDetailSpec : Specification<Song, SongDetailDto>
{
    public SongDetailSpec(int id) : base(SongDetailDto.Projection) => Where(s => s.Id == id);
}
