using MusicPlayer.Application.Common.Paging;
using MusicPlayer.Application.Common.Persistence;
using MusicPlayer.Application.Common.Validation;
using MusicPlayer.Domain.Catalog;
using MusicPlayer.Domain.Common;

namespace MusicPlayer.Application.Features.Catalog;

/// <summary>Paging, filters and sort that the album and song lists share.</summary>
public abstract record CatalogListQuery : IPagedQuery
{
    public int Page { get; init; } = PagingLimits.DefaultPage;
    public int PageSize { get; init; } = PagingLimits.DefaultPageSize;

    /// <summary>Exact genre, case-insensitive.</summary>
    public string? Genre { get; init; }

    /// <summary>Exact artist, case-insensitive.</summary>
    public string? Artist { get; init; }

    /// <summary>Title or artist contains this, case-insensitive.</summary>
    public string? Q { get; init; }

    /// <summary>Sort key; a leading '-' sorts descending.</summary>
    public string? Sort { get; init; }
}

/// <summary>Validates the shared list parameters against the sort keys a list accepts.</summary>
public abstract class CatalogListQueryValidator<T> : RequestValidator<T> where T : CatalogListQuery
{
    protected CatalogListQueryValidator(IReadOnlyCollection<string> sortKeys)
    {
        this.PagingRules();
        RuleFor(q => q.Sort).SortKey(sortKeys);
        RuleFor(q => q.Genre).OptionalText(CatalogRules.GenreMaxLength);
        RuleFor(q => q.Artist).OptionalText(CatalogRules.ArtistMaxLength);
        RuleFor(q => q.Q).OptionalText(CatalogRules.TitleMaxLength);
    }
}

/// <summary>
/// Filters, sorts and pages albums or songs. Filters compare the case-folded columns, which are
/// indexed, so they behave the same on every database. Every sort ends on the id so that pages
/// never overlap or skip rows.
/// </summary>
public abstract class CatalogPageSpec<T, TResult> : Specification<T, TResult> where T : CatalogItem
{
    public static readonly IReadOnlyList<string> CommonSortKeys =
        ["title", "-title", "artist", "-artist", "createdAt", "-createdAt"];

    protected CatalogPageSpec(CatalogListQuery query)
    {
        if (Text.Clean(query.Genre) is { } genre)
        {
            var folded = Text.Normalize(genre);
            Where(x => x.NormalizedGenre == folded);
        }

        if (Text.Clean(query.Artist) is { } artist)
        {
            var folded = Text.Normalize(artist);
            Where(x => x.NormalizedArtist == folded);
        }

        if (Text.Clean(query.Q) is { } q)
        {
            var folded = Text.Normalize(q);
            Where(x => x.NormalizedTitle.Contains(folded) || x.NormalizedArtist.Contains(folded));
        }

        var sort = query.Sort ?? "title";
        if (!ApplySort(sort))
        {
            var descending = sort.StartsWith('-');
            switch (sort.TrimStart('-'))
            {
                case "artist":
                    OrderBy(x => x.NormalizedArtist, descending);
                    OrderBy(x => x.NormalizedTitle, descending);
                    break;
                case "createdAt":
                    OrderBy(x => x.CreatedAt, descending);
                    break;
                default:
                    OrderBy(x => x.NormalizedTitle, descending);
                    break;
            }
            OrderBy(x => x.Id, descending);
        }

        Page(query.Page, query.PageSize);
    }

    /// <summary>Lets a list add sort keys of its own; returns true when it handled <paramref name="sort"/>.</summary>
    protected virtual bool ApplySort(string sort) => false;
}
