using System.Collections.Concurrent;
using MusicPlayer.Application.Common.Caching;
using MusicPlayer.Application.Common.Paging;

namespace MusicPlayer.Application.Features.History;

/// <summary>
/// Chart pages as last computed, served again while they are still exactly what the database would say: the
/// catalog version has not moved (every catalog write and every batch of plays moves it) and the period still
/// starts in the same UTC hour (charts count whole hours). A chart over millions of plays sums a period of the
/// hourly aggregate once per change, not once per request. Per process, like the catalog list cache; entries are
/// the songs without their request-dependent URLs.
/// </summary>
public sealed class ChartCache(CatalogVersion version)
{
    /// <summary>Enough for every period's first pages at every page size; past it the cache starts over.</summary>
    private const int MaxEntries = 1024;

    private readonly ConcurrentDictionary<(long? SinceHour, int Page, int PageSize), Entry> _entries = new();

    public async Task<PagedResult<ChartSongDto>> GetAsync(long? sinceHour, IPagedQuery query, Func<Task<PagedResult<ChartSongDto>>> compute)
    {
        var key = (sinceHour, query.Page, query.PageSize);
        // Read before computing: a write landing meanwhile moves the version on, so what is computed now is never served after it.
        var current = version.Current;
        if (_entries.TryGetValue(key, out var entry) && entry.Version == current) return entry.Page;

        var page = await compute();
        if (_entries.Count >= MaxEntries) _entries.Clear();
        _entries[key] = new Entry(current, page);
        return page;
    }

    private sealed record Entry(long Version, PagedResult<ChartSongDto> Page);
}
