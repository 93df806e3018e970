using FluentValidation;
using MusicPlayer.Application.Common.Paging;
using MusicPlayer.Application.Common.Validation;
using MusicPlayer.Application.Features.Songs;
using MusicPlayer.Domain.History;

namespace MusicPlayer.Application.Features.History;

/// <summary>
/// The most played songs of a rolling period (the last 24 hours, 7 or 30 days) or of all time, by counted
/// plays, each with its plays in the period. Public. Periods are whole UTC hours: the window starts at the
/// top of the hour the period began in, so it spans at most one hour more than the period. Pages are
/// served from a <see cref="ResultCache{TKey, TResult}"/> while nothing changed.
/// </summary>
public static class ListSongCharts
{
    public static readonly IReadOnlyDictionary<string, TimeSpan?> Periods = new Dictionary<string, TimeSpan?>
    {
        ["day"] = TimeSpan.FromDays(1),
        ["week"] = TimeSpan.FromDays(7),
        ["month"] = TimeSpan.FromDays(30),
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
    public sealed record CacheKey(long? SinceHour, int Page, int PageSize);

    internal sealed class Handler(IListeningStats stats, ResultCache<ListSongCharts.CacheKey, PagedResult<ChartSongDto>> cache, TimeProvider clock, ISongUrls urls) : IRequestHandler<Query, PagedResult<ChartSongDto>>
    {
        public async Task<PagedResult<ChartSongDto>> Handle(Query request, CancellationToken cancellationToken)
        {
            var period = Periods[request.Period ?? "week"];
            long? sinceHour = period is { } length ? PlayRules.HourOf(clock.GetUtcNow().UtcDateTime - length) : null;
            var page = await cache.GetAsync(new CacheKey(sinceHour, request.Page, request.PageSize), () => stats.ChartAsync(sinceHour, request, cancellationToken));
            return page with { Items = page.Items.Select(s => s.WithUrls(urls)).ToList() };
        }
    }
}
