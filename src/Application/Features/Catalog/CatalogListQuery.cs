using System.Linq.Expressions;
using MusicPlayer.Application.Common.Paging;
using MusicPlayer.Application.Common.Persistence;
using MusicPlayer.Application.Common.Search;
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

    /// <summary>Search of title, artist and (songs) album titles, as the search box reads it: every word, the last one as a prefix, accents, case, punctuation and typos forgiven.</summary>
    public string? Q { get; init; }

    /// <summary>Sort key; a leading '-' sorts descending.</summary>
    public string? Sort { get; init; }

    /// <summary>Whether the list is filtered by anything besides <see cref="Q"/>.</summary>
    public virtual bool HasFilters() => Text.Clean(Genre) is not null || Text.Clean(Artist) is not null;
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
/// A list's <c>q</c>: the search machinery's match (typos forgiven) selects the rows, which keep the list's own sort.
/// </summary>
public sealed class CatalogSearch(SearchPlanner planner, ISearchIndex index, Search.Memory.SearchMemory memory)
{
    /// <summary>
    /// One page of the list <paramref name="spec"/> makes for what <see cref="CatalogListQuery.Q"/> selects (null without a
    /// <c>q</c>); a <c>q</c> without any word selects nothing. When <c>q</c> is the only filter, the total is what the search
    /// index counts for the match, without reading the rows (SQLite: the FTS table alone), which select the same items.
    /// While the in-memory index is current, it reads the typos and counts the match: the database reads the page alone (through
    /// its index, which chooses the plan; a page read by a list of ids was measured slower: SQLite walked the sort's index).
    /// </summary>
    public async Task<PagedResult<TDto>> PageAsync<T, TDto>(IReadRepository<T> repository, CatalogListQuery query,
        Func<Expression<Func<T, bool>>?, Specification<T, TDto>> spec, CancellationToken cancellationToken) where T : CatalogItem
    {
        if (string.IsNullOrWhiteSpace(query.Q)) return await repository.PageAsync(spec(null), query, cancellationToken);
        if (planner.Plan(query.Q) is not { } plan) return new PagedResult<TDto>([], query.Page, query.PageSize, 0);

        if (memory.TryMatch<T>(plan, out var found))
            return await PageAsync(repository, query, spec(index.Matching<T>(found.Match)), found.Count, cancellationToken);

        var withTypos = await plan.WithTyposAsync(cancellationToken) ?? plan.Exact;
        var specification = spec(index.Matching<T>(withTypos));
        return await PageAsync(repository, query, specification,
            query.HasFilters() ? null : await index.CountUpToAsync<T>(withTypos, int.MaxValue, cancellationToken), cancellationToken);
    }

    /// <summary>The page; its total counted over the rows when other filters apply, else <paramref name="matches"/>.</summary>
    private static async Task<PagedResult<TDto>> PageAsync<T, TDto>(IReadRepository<T> repository, CatalogListQuery query,
        Specification<T, TDto> specification, int? matches, CancellationToken cancellationToken) where T : CatalogItem
    {
        if (query.HasFilters() || matches is not { } total) return await repository.PageAsync(specification, query, cancellationToken);
        var items = specification.Skip < total ? await repository.ListAsync(specification, cancellationToken) : [];
        return new PagedResult<TDto>(items, query.Page, query.PageSize, total);
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

    /// <param name="match">What <see cref="CatalogListQuery.Q"/> selects (see <see cref="CatalogSearch"/>); null when there is no search.</param>
    protected CatalogPageSpec(CatalogListQuery query, Expression<Func<T, bool>>? match)
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

        if (match is not null) Where(match);

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
