namespace MusicPlayer.Application.Common.Search;

/// <summary>
/// How search bounds its work. A query the index matches at most <see cref="RankAllUpTo"/> times is ranked all at
/// once; one with more matches is read tier by tier in index order, stopping at the limit, so its cost does not
/// grow with the catalog. Both give the same results (the quality tests run both ways).
/// </summary>
public sealed record SearchLimits(int RankAllUpTo = SearchLimits.DefaultRankAllUpTo)
{
    public const int DefaultRankAllUpTo = 1000;
}
