using MusicPlayer.Application.Common.Paging;
using MusicPlayer.Application.Features.Songs;

namespace MusicPlayer.Application.Features.History;

/// <summary>
/// Statistics over plays, computed by the database: grouped queries over indexed columns (the plays of one
/// user in a date range, or the chart windows' counters), never by loading plays into memory.
/// </summary>
public interface IListeningStats
{
    /// <summary>A user's totals, tops of <paramref name="top"/> and per-day series over <paramref name="days"/>.</summary>
    Task<ListeningStatsDto> ForUserAsync(int userId, LocalDays days, int top, CancellationToken cancellationToken);

    /// <summary>
    /// Songs by counted plays in the rolling window of <paramref name="windowHours"/> hours as it stands during the UTC
    /// hour <paramref name="currentHour"/> (hours since the Unix epoch): from the hour <paramref name="windowHours"/>
    /// before it on. Of all time when <paramref name="windowHours"/> is null. Most played first, ties by id; songs
    /// without a play in the period are not on it.
    /// </summary>
    Task<PagedResult<ChartSongDto>> ChartAsync(int? windowHours, long currentHour, IPagedQuery page, CancellationToken cancellationToken);

    /// <summary>These songs as lists show them now (a song no longer there is left out), by id.</summary>
    Task<IReadOnlyDictionary<int, SongDto>> SongsAsync(IReadOnlyList<int> ids, CancellationToken cancellationToken);
}
