using System.Linq.Expressions;
using MusicPlayer.Application.Common.Persistence;
using MusicPlayer.Application.Common.Search;
using MusicPlayer.Application.Features.Albums;
using MusicPlayer.Application.Features.Songs;
using MusicPlayer.Domain.Catalog;

namespace MusicPlayer.Application.Features.Search;

/// <summary>The rank of an item for a query: 0 its title is the query, 1 its title starts with it, 2 otherwise (its words match).</summary>
public static class SearchRank
{
    public const int Exact = 0;
    public const int Prefix = 1;
    public const int Words = 2;

    public static Expression<Func<T, int>> Of<T>(SearchPlan plan) where T : CatalogItem
    {
        var key = plan.Key;
        var afterArticle = plan.KeyAfterArticle;
        return x => x.SearchKey == key || x.SearchKey == afterArticle ? Exact
            : x.SearchKey.StartsWith(key) || x.SearchKey.StartsWith(afterArticle) ? Prefix
            : Words;
    }

    /// <summary>The same rank in C#, of an item whose title key is <paramref name="searchKey"/> (for the in-memory index).</summary>
    public static int Of(string searchKey, SearchPlan plan)
    {
        ArgumentNullException.ThrowIfNull(searchKey);
        ArgumentNullException.ThrowIfNull(plan);
        string key = plan.Key, afterArticle = plan.KeyAfterArticle;
        return searchKey == key || searchKey == afterArticle ? Exact
            : searchKey.StartsWith(key, StringComparison.Ordinal) || searchKey.StartsWith(afterArticle, StringComparison.Ordinal) ? Prefix
            : Words;
    }
}

/// <summary>The best songs among those the criteria select: by rank when given a plan, then by popularity (likes, then plays), then by id.</summary>
public sealed class SongSearchSpec : Specification<Song, SongDto>
{
    public SongSearchSpec(IEnumerable<Expression<Func<Song, bool>>> criteria, SearchPlan? rankBy, int take)
    {
        foreach (var criterion in criteria) Where(criterion);
        if (rankBy is not null) OrderBy(SearchRank.Of<Song>(rankBy));
        OrderBy(s => s.LikeCount, descending: true);
        OrderBy(s => s.PlayCount, descending: true);
        OrderBy(s => s.Id);
        Page(1, take);
    }
}

/// <summary>The best albums among those the criteria select: by rank when given a plan, then by id (albums have no popularity of their own).</summary>
public sealed class AlbumSearchSpec : Specification<Album, AlbumDto>
{
    public AlbumSearchSpec(IEnumerable<Expression<Func<Album, bool>>> criteria, SearchPlan? rankBy, int take)
    {
        foreach (var criterion in criteria) Where(criterion);
        if (rankBy is not null) OrderBy(SearchRank.Of<Album>(rankBy));
        OrderBy(a => a.Id);
        Page(1, take);
    }
}

/// <summary>The ids of at most <c>take</c> items the criterion selects, in no order: a bounded count.</summary>
public sealed class SearchIdsSpec<T> : Specification<T, int> where T : CatalogItem
{
    public SearchIdsSpec(Expression<Func<T, bool>> criterion, int take) : base(x => x.Id)
    {
        Where(criterion);
        Page(1, take);
    }
}
