using MusicPlayer.Application.Common.Paging;
using MusicPlayer.Application.Features.History;
using MusicPlayer.Application.Features.Songs;
using MusicPlayer.Application.Features.Stats;

namespace MusicPlayer.Application.UnitTests.Fakes;

/// <summary>Statistics of a service where nobody has played anything yet, as the database would answer them.</summary>
public sealed class NoPlaysListeningStats : IListeningStats
{
    public Task<ListeningStatsDto> ForUserAsync(int userId, LocalDays days, int top, CancellationToken cancellationToken) =>
        Task.FromResult(new ListeningStatsDto
        {
            From = days.From,
            To = days.To,
            PerDay = Enumerable.Range(days.From.DayNumber, days.DayCount).Select(d => new DayStatsDto(DateOnly.FromDayNumber(d), 0, 0)).ToList(),
        });

    public Task<PagedResult<ChartSongDto>> ChartAsync(int? windowHours, long currentHour, IPagedQuery page, CancellationToken cancellationToken) =>
        Task.FromResult(new PagedResult<ChartSongDto>([], page.Page, page.PageSize, 0));

    public Task<IReadOnlyDictionary<int, SongDto>> SongsAsync(IReadOnlyList<int> ids, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<int, SongDto>>(new Dictionary<int, SongDto>());
}

/// <summary>The overview counts of a given set of numbers.</summary>
public sealed class FixedOverviewCounts(OverviewDto counts) : IOverviewCounts
{
    public Task<OverviewDto> CountAsync(CancellationToken cancellationToken) => Task.FromResult(counts);
}
