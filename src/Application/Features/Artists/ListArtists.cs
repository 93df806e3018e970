using MediatR;
using MusicPlayer.Application.Common.Paging;
using MusicPlayer.Application.Common.Search;
using MusicPlayer.Application.Common.Validation;
using MusicPlayer.Domain.Catalog;

namespace MusicPlayer.Application.Features.Artists;

/// <summary>Pages through the artists of the catalog (derived from songs and albums), searched by name and sorted. Public.</summary>
public static class ListArtists
{
    public static readonly IReadOnlyList<string> SortKeys = ["name", "-songCount"];

    public sealed record Query : IRequest<PagedResult<ArtistDto>>, IPagedQuery
    {
        public int Page { get; init; } = PagingLimits.DefaultPage;
        public int PageSize { get; init; } = PagingLimits.DefaultPageSize;

        /// <summary>Artist name search, as the search box reads it (accents, case, punctuation and typos forgiven).</summary>
        public string? Q { get; init; }

        /// <summary><c>name</c> (default) or <c>-songCount</c>.</summary>
        public string? Sort { get; init; }
    }

    public sealed class Validator : RequestValidator<Query>
    {
        public Validator()
        {
            this.PagingRules();
            RuleFor(q => q.Q).OptionalText(CatalogRules.ArtistMaxLength);
            RuleFor(q => q.Sort).SortKey(SortKeys);
        }
    }

    internal sealed class Handler(ArtistDirectory directory, SearchPlanner planner) : IRequestHandler<Query, PagedResult<ArtistDto>>
    {
        public async Task<PagedResult<ArtistDto>> Handle(Query request, CancellationToken cancellationToken)
        {
            IReadOnlyList<ArtistDirectory.Artist> artists;
            if (string.IsNullOrWhiteSpace(request.Q))
            {
                artists = await directory.FindAsync(null, cancellationToken);
            }
            else
            {
                var plan = planner.Plan(request.Q);
                artists = plan is null
                    ? []
                    : await directory.FindAsync(await plan.WithTyposAsync(cancellationToken) ?? plan.Exact, cancellationToken);
            }

            var sorted = request.Sort == "-songCount"
                ? artists.OrderByDescending(a => a.Dto.SongCount).ThenBy(a => a.Key, StringComparer.Ordinal).ThenBy(a => a.Dto.Name, StringComparer.Ordinal)
                : ArtistDirectory.ByName(artists);
            var skip = (long)(request.Page - 1) * request.PageSize;
            var items = skip >= artists.Count ? [] : sorted.Skip((int)skip).Take(request.PageSize).Select(a => a.Dto).ToList();
            return new PagedResult<ArtistDto>(items, request.Page, request.PageSize, artists.Count);
        }
    }
}
