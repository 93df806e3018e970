using MusicPlayer.Application.Features.Catalog;

namespace MusicPlayer.Application.Features.Albums;

/// <summary>The body of album create and update.</summary>
public sealed record AlbumInput(
    string? Title,
    string? Artist,
    string? Genre,
    string? Description = null,
    string? CoverImageUrl = null,
    DateOnly? ReleaseDate = null) : ICatalogInput;

public sealed class AlbumInputValidator : CatalogInputValidator<AlbumInput>;
