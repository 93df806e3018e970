using MusicPlayer.Application.Common.Paging;

namespace MusicPlayer.Application.Features.History;

/// <summary>
/// Statistics over plays, computed by the database: grouped queries over indexed columns (the plays of one
/// user in a date range, or the hourly chart aggregate), never by loading plays into memory.
/// </summary>
public interface IListeningStats
{
    /// <summary>A user's totals, tops of <paramref name="top"/> and per-day series over <paramref name="days"/>.</summary>
    Task<ListeningStatsDto> ForUserAsync(int userId, LocalDays days, int top, CancellationToken cancellationToken);

    /// <summary>
    /// Songs by counted plays since the UTC hour <paramref name="sinceHour"/> (hours since the Unix epoch), or
    /// of all time when null; most played first, ties by id. Songs without a play in the period are not on it.
    /// </summary>
    Task<PagedResult<ChartSongDto>> ChartAsync(long? sinceHour, IPagedQuery page, CancellationToken cancellationToken);
}
