using System.Linq.Expressions;
using FluentValidation;
using MediatR;
using MusicPlayer.Application.Common.Caching;
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

    private delegate Specification<T, TDto> SpecFactory<T, TDto>(
        IReadOnlyList<Expression<Func<T, bool>>> criteria, SearchPlan? rankBy, int take) where T : CatalogItem;

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
        SearchLimits limits,
        Memory.SearchMemory memory,
        ResponseCounts responseCounts,
        ISongUrls urls) : IRequestHandler<Query, SearchResultDto>
    {
        public async Task<SearchResultDto> Handle(Query request, CancellationToken cancellationToken)
        {
            var plan = planner.Plan(request.Q);
            if (plan is null) return new SearchResultDto();
            var types = request.TypeSet();
            var limit = request.Limit;
            if (memory.TrySearch(plan, types, limit, out var fromMemory, out var counts))
            {
                responseCounts.FromCopy(counts.Version, counts.ReadAt);
                return fromMemory with { Songs = fromMemory.Songs.Select(s => s.WithUrls(urls)).ToList() };
            }

            var (foundSongs, exactSongs) = types.Contains(Songs)
                ? await RankAsync(songs, plan, limit, (c, r, n) => new SongSearchSpec(c, r, n), s => s.Id, cancellationToken)
                : ([], -1);
            var (foundAlbums, exactAlbums) = types.Contains(Albums)
                ? await RankAsync(albums, plan, limit, (c, r, n) => new AlbumSearchSpec(c, r, n), a => a.Id, cancellationToken)
                : ([], -1);
            // An artist's name is in the documents of its songs and albums: when neither matches without a typo, no name does.
            var noExactName = exactSongs == 0 && exactAlbums == 0;
            return new SearchResultDto
            {
                Songs = foundSongs.WithUrls(urls),
                Albums = foundAlbums,
                Artists = types.Contains(Artists) ? await RankArtistsAsync(plan, limit, noExactName, cancellationToken) : [],
            };
        }

        /// <summary>
        /// Exact words first (ranked in the query); only when they are fewer than the limit, the typo matches
        /// after them, by popularity: a typo never outranks a match without one. Also says how many of the
        /// results match without a typo (none only when nothing does).
        /// </summary>
        private async Task<(List<TDto> Found, int Exact)> RankAsync<T, TDto>(IReadRepository<T> repository, SearchPlan plan, int limit,
            SpecFactory<T, TDto> spec, Func<TDto, int> id, CancellationToken cancellationToken) where T : CatalogItem
        {
            var best = await TopAsync(repository, plan.Exact, plan, limit, spec, cancellationToken);
            var exact = best.Count;
            if (exact >= limit || await plan.WithTyposAsync(cancellationToken) is not { } typos) return (best, exact);

            var seen = best.Select(id).ToHashSet();
            var more = await TopAsync(repository, typos, null, limit + best.Count, spec, cancellationToken);
            best.AddRange(more.Where(m => !seen.Contains(id(m))).Take(limit - best.Count));
            return (best, exact);
        }

        /// <summary>
        /// The first <paramref name="take"/> items <paramref name="match"/> selects, by rank (when given a plan), popularity and id,
        /// with work bounded by the limit rather than by how many items match: a few matches (the index says so, reading
        /// no further than <see cref="SearchLimits.RankAllUpTo"/> entries) are ranked all at once; many are read tier by tier,
        /// each in an index's order, stopping at the limit: exact titles (the key index), titles that start with the
        /// query (the key index when few do, else popularity order), then the other matches in popularity order.
        /// No match at all (a misspelt word's exact phase) reads nothing more.
        /// </summary>
        private async Task<List<TDto>> TopAsync<T, TDto>(IReadRepository<T> repository, SearchMatch match, SearchPlan? rankBy,
            int take, SpecFactory<T, TDto> spec, CancellationToken cancellationToken) where T : CatalogItem
        {
            var count = await index.CountUpToAsync<T>(match, limits.RankAllUpTo + 1, cancellationToken);
            if (count == 0) return [];
            if (count <= limits.RankAllUpTo)
                return await repository.ListAsync(spec([index.Matching<T>(match)], rankBy, take), cancellationToken);

            var eachRow = index.MatchingEachRow<T>(match);
            if (rankBy is null) return await repository.ListAsync(spec([eachRow], null, take), cancellationToken);

            string key = rankBy.Key, afterArticle = rankBy.KeyAfterArticle;
            var found = await repository.ListAsync(
                spec([x => x.SearchKey == key || x.SearchKey == afterArticle, eachRow], null, take), cancellationToken);
            if (found.Count >= take) return found;

            var indexedPrefix = index.KeyStartsWith<T>([key, afterArticle]);
            var fewPrefixed = (await repository.ListAsync(new SearchIdsSpec<T>(indexedPrefix, limits.RankAllUpTo + 1), cancellationToken)).Count <= limits.RankAllUpTo;
            Expression<Func<T, bool>> prefixed = fewPrefixed ? indexedPrefix : x => x.SearchKey.StartsWith(key) || x.SearchKey.StartsWith(afterArticle);
            found.AddRange(await repository.ListAsync(
                spec([prefixed, x => x.SearchKey != key && x.SearchKey != afterArticle, eachRow], null, take - found.Count), cancellationToken));
            if (found.Count >= take) return found;

            found.AddRange(await repository.ListAsync(
                spec([x => !x.SearchKey.StartsWith(key) && !x.SearchKey.StartsWith(afterArticle), eachRow], null, take - found.Count), cancellationToken));
            return found;
        }

        /// <summary>
        /// Artists whose name matches, ranked like the rest; ties by their songs' likes, then their songs' plays, then their song count, then name.
        /// <paramref name="noExactName"/>: the search already knows that no name matches without a typo (it reads none).
        /// </summary>
        private async Task<List<ArtistDto>> RankArtistsAsync(SearchPlan plan, int limit, bool noExactName, CancellationToken cancellationToken)
        {
            List<ArtistDirectory.Artist> best = [];
            if (!noExactName)
            {
                // Exact and prefix names first, read by key: when they fill the limit, no other artist can come before them.
                best = Ranked(await artists.FindByKeyAsync([plan.Key, plan.KeyAfterArticle], plan.Exact, cancellationToken), plan).Take(limit).ToList();
                if (best.Count < limit) best = Ranked(await artists.FindAsync(plan.Exact, cancellationToken), plan).Take(limit).ToList();
            }
            if (best.Count >= limit || await plan.WithTyposAsync(cancellationToken) is not { } typos) return best.ConvertAll(a => a.Dto);

            var seen = best.Select(a => a.Key).ToHashSet(StringComparer.Ordinal);
            var more = ByPopularity(await artists.FindAsync(typos, cancellationToken)).Where(a => !seen.Contains(a.Key));
            return [.. best.Select(a => a.Dto), .. more.Take(limit - best.Count).Select(a => a.Dto)];
        }

        internal static IEnumerable<ArtistDirectory.Artist> Ranked(IEnumerable<ArtistDirectory.Artist> found, SearchPlan plan) =>
            ThenByPopularity(found.OrderBy(a => a.Key == plan.Key || a.Key == plan.KeyAfterArticle ? SearchRank.Exact
                : a.Key.StartsWith(plan.Key, StringComparison.Ordinal) || a.Key.StartsWith(plan.KeyAfterArticle, StringComparison.Ordinal) ? SearchRank.Prefix
                : SearchRank.Words));

        internal static IEnumerable<ArtistDirectory.Artist> ByPopularity(IEnumerable<ArtistDirectory.Artist> found) =>
            ThenByPopularity(found.OrderBy(_ => 0));

        private static IOrderedEnumerable<ArtistDirectory.Artist> ThenByPopularity(IOrderedEnumerable<ArtistDirectory.Artist> artists) =>
            artists.ThenByDescending(a => a.Likes).ThenByDescending(a => a.Plays).ThenByDescending(a => a.Dto.SongCount).ThenBy(a => a.Key, StringComparer.Ordinal);
    }
}
