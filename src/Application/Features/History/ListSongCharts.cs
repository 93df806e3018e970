using FluentValidation;
using MusicPlayer.Application.Common.Paging;
using MusicPlayer.Application.Common.Validation;
using MusicPlayer.Application.Features.Songs;
using MusicPlayer.Domain.History;

namespace MusicPlayer.Application.Features.History;

/// <summary>
/// The most played songs of a rolling period (the last 24 hours, 7 or 30 days) or of all time, by counted
/// plays, each with its plays in the period. Public. Periods are whole UTC hours: the window starts at the
/// top of the hour the period began in, so it spans at most one hour more than the period. A period's page is
/// read from its maintained window counters in rank order (no sum over plays or hours per request); a page read is
/// served again from a <see cref="ResultCache{TKey, TResult}"/> until the next write or the next hour, so charts are
/// always exact, and under a steady stream of plays (which ends every cached page) they are cheap to read anyway.
/// </summary>
public static class ListSongCharts
{
    /// <summary>Each period's rolling window in hours (a <see cref="ChartWindow"/> each, created by the ChartWindows migration); null for all time.</summary>
    public static readonly IReadOnlyDictionary<string, int?> Periods = new Dictionary<string, int?>
    {
        ["day"] = 24,
        ["week"] = 7 * 24,
        ["month"] = 30 * 24,
        ["all"] = null,
    };

    public sealed record Query : IRequest<PagedResult<ChartSongDto>>, IPagedQuery
    {
        /// <summary><c>day</c>, <c>week</c> (default), <c>month</c> or <c>all</c>.</summary>
        public string? Period { get; init; }
        public int Page { get; init; } = PagingLimits.DefaultPage;
        public int PageSize { get; init; } = PagingLimits.DefaultPageSize;
    }

    public sealed class Validator : RequestValidator<Query>
    {
        public Validator()
        {
            this.PagingRules();
            RuleFor(q => q.Period).Must(p => p is null || Periods.ContainsKey(p))
                .WithMessage($"'period' must be one of: {string.Join(", ", Periods.Keys)}.");
        }
    }

    /// <summary>What a chart page depends on besides the data.</summary>
    public sealed record CacheKey(int? WindowHours, long CurrentHour, int Page, int PageSize);

    internal sealed class Handler(IListeningStats stats, ResultCache<ListSongCharts.CacheKey, PagedResult<ChartSongDto>> cache, TimeProvider clock, ISongUrls urls)
        : IRequestHandler<Query, PagedResult<ChartSongDto>>
    {
        public async Task<PagedResult<ChartSongDto>> Handle(Query request, CancellationToken cancellationToken)
        {
            var (windowHours, currentHour) = (Periods[request.Period ?? "week"], PlayRules.HourOf(clock.GetUtcNow().UtcDateTime));
            var page = await cache.GetAsync(new CacheKey(windowHours, currentHour, request.Page, request.PageSize),
                () => stats.ChartAsync(windowHours, currentHour, request, cancellationToken));
            return page with { Items = page.Items.Select(s => s.WithUrls(urls)).ToList() };
        }
    }
}
