using FluentValidation;
using MediatR;
using MusicPlayer.Application.Common.Persistence;
using MusicPlayer.Application.Common.Search;
using MusicPlayer.Application.Common.Validation;
using MusicPlayer.Application.Features.Albums;
using MusicPlayer.Application.Features.Artists;
using MusicPlayer.Application.Features.Songs;
using MusicPlayer.Domain.Catalog;
using MusicPlayer.Domain.Common;

namespace MusicPlayer.Application.Features.Search;

/// <summary>
/// The search box: the best songs, albums and artists for a query, each ranked exact title (or name), then
/// prefix, then word matches, then typo matches; ties by popularity, then id. Public.
/// </summary>
public static class Search
{
    public const int MaxQueryLength = 100;
    public const int DefaultLimit = 10;
    public const int MaxLimit = 50;
    public const string Songs = "songs";
    public const string Albums = "albums";
    public const string Artists = "artists";
    public static readonly IReadOnlyList<string> Types = [Songs, Albums, Artists];

    public sealed record Query : IRequest<SearchResultDto>
    {
        /// <summary>What to look for: 1 to 100 characters.</summary>
        public string? Q { get; init; }

        /// <summary>Comma-separated subset of <c>songs</c>, <c>albums</c>, <c>artists</c>; all when absent.</summary>
        public string? Types { get; init; }

        /// <summary>Results per type: 1 to 50, default 10.</summary>
        public int Limit { get; init; } = DefaultLimit;

        /// <summary>The types asked for (all when none is named).</summary>
        public IReadOnlySet<string> TypeSet() =>
            Text.Clean(Types) is { } types
                ? types.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal)
                : Search.Types.ToHashSet(StringComparer.Ordinal);
    }

    public sealed class Validator : RequestValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Q).RequiredText(MaxQueryLength);
            RuleFor(q => q.Types).OptionalText(MaxQueryLength)
                .Must(types => types is null || Text.Clean(types) is not { } t
                               || t.Split(',', StringSplitOptions.TrimEntries).All(Search.Types.Contains))
                .WithMessage($"'types' is a comma-separated list of {string.Join(", ", Search.Types)}.");
            RuleFor(q => q.Limit).InclusiveBetween(1, MaxLimit).WithMessage($"'limit' must be between 1 and {MaxLimit}.");
        }
    }

    internal sealed class Handler(
        IReadRepository<Song> songs,
        IReadRepository<Album> albums,
        ISearchIndex index,
        SearchPlanner planner,
        ArtistDirectory artists,
        ISongUrls urls) : IRequestHandler<Query, SearchResultDto>
    {
        public async Task<SearchResultDto> Handle(Query request, CancellationToken cancellationToken)
        {
            var plan = planner.Plan(request.Q);
            if (plan is null) return new SearchResultDto();
            var types = request.TypeSet();
            var limit = request.Limit;

            return new SearchResultDto
            {
                Songs = types.Contains(Songs)
                    ? (await RankAsync(songs, plan, limit, (m, r, n) => new SongSearchSpec(m, r, n), s => s.Id, cancellationToken)).WithUrls(urls)
                    : [],
                Albums = types.Contains(Albums)
                    ? await RankAsync(albums, plan, limit, (m, r, n) => new AlbumSearchSpec(m, r, n), a => a.Id, cancellationToken)
                    : [],
                Artists = types.Contains(Artists) ? await RankArtistsAsync(plan, limit, cancellationToken) : [],
            };
        }

        /// <summary>
        /// Exact words first (ranked in the query); only when they are fewer than the limit, the typo matches
        /// after them, by popularity: a typo never outranks a match without one.
        /// </summary>
        private async Task<List<TDto>> RankAsync<T, TDto>(IReadRepository<T> repository, SearchPlan plan, int limit,
            Func<System.Linq.Expressions.Expression<Func<T, bool>>, SearchPlan?, int, Specification<T, TDto>> spec,
            Func<TDto, int> id, CancellationToken cancellationToken) where T : CatalogItem
        {
            var best = await repository.ListAsync(spec(index.Matching<T>(plan.Exact), plan, limit), cancellationToken);
            if (best.Count >= limit || await plan.WithTyposAsync(cancellationToken) is not { } typos) return best;

            var seen = best.Select(id).ToHashSet();
            var more = await repository.ListAsync(spec(index.Matching<T>(typos), null, limit + best.Count), cancellationToken);
            best.AddRange(more.Where(m => !seen.Contains(id(m))).Take(limit - best.Count));
            return best;
        }

        /// <summary>Artists whose name matches, ranked like the rest; ties by their songs' likes, then their song count, then name.</summary>
        private async Task<List<ArtistDto>> RankArtistsAsync(SearchPlan plan, int limit, CancellationToken cancellationToken)
        {
            var best = Ranked(await artists.FindAsync(plan.Exact, cancellationToken), plan).Take(limit).ToList();
            if (best.Count >= limit || await plan.WithTyposAsync(cancellationToken) is not { } typos) return best.ConvertAll(a => a.Dto);

            var seen = best.Select(a => a.Key).ToHashSet(StringComparer.Ordinal);
            var more = ByPopularity(await artists.FindAsync(typos, cancellationToken)).Where(a => !seen.Contains(a.Key));
            return [.. best.Select(a => a.Dto), .. more.Take(limit - best.Count).Select(a => a.Dto)];
        }

        private static IEnumerable<ArtistDirectory.Artist> Ranked(IEnumerable<ArtistDirectory.Artist> found, SearchPlan plan) =>
            ThenByPopularity(found.OrderBy(a => a.Key == plan.Key || a.Key == plan.KeyAfterArticle ? SearchRank.Exact
                : a.Key.StartsWith(plan.Key, StringComparison.Ordinal) || a.Key.StartsWith(plan.KeyAfterArticle, StringComparison.Ordinal) ? SearchRank.Prefix
                : SearchRank.Words));

        private static IEnumerable<ArtistDirectory.Artist> ByPopularity(IEnumerable<ArtistDirectory.Artist> found) =>
            ThenByPopularity(found.OrderBy(_ => 0));

        private static IOrderedEnumerable<ArtistDirectory.Artist> ThenByPopularity(IOrderedEnumerable<ArtistDirectory.Artist> artists) =>
            artists.ThenByDescending(a => a.Likes).ThenByDescending(a => a.Dto.SongCount).ThenBy(a => a.Key, StringComparer.Ordinal);
    }
}
