using FluentValidation;
using MusicPlayer.Application.Common.Validation;
using MusicPlayer.Domain.Catalog;

namespace MusicPlayer.Application.Features.Catalog;

/// <summary>The descriptive fields clients send for an album or a song.</summary>
public interface ICatalogInput
{
    string? Title { get; }
    string? Artist { get; }
    string? Genre { get; }
    string? Description { get; }
    string? CoverImageUrl { get; }
    DateOnly? ReleaseDate { get; }
}

public static class CatalogInputExtensions
{
    public static CatalogDetails ToDetails(this ICatalogInput input) =>
        new(input.Title, input.Artist, input.Genre, input.Description, input.CoverImageUrl, input.ReleaseDate);
}

/// <summary>The field rules albums and songs share.</summary>
public abstract class CatalogInputValidator<T> : RequestValidator<T> where T : ICatalogInput
{
    protected CatalogInputValidator()
    {
        RuleFor(x => x.Title).RequiredText(CatalogRules.TitleMaxLength);
        RuleFor(x => x.Artist).RequiredText(CatalogRules.ArtistMaxLength);
        RuleFor(x => x.Genre).RequiredText(CatalogRules.GenreMaxLength);
        RuleFor(x => x.Description).OptionalText(CatalogRules.DescriptionMaxLength, multiline: true);
        RuleFor(x => x.CoverImageUrl).OptionalText(CatalogRules.UrlMaxLength).HttpUrl();
    }
}
