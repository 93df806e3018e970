using MusicPlayer.Application.Common.Validation;
using MusicPlayer.Application.Features.Catalog;
using MusicPlayer.Domain.Catalog;

namespace MusicPlayer.Application.Features.Songs;

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
