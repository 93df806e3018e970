using FluentValidation;
using MusicPlayer.Application.Common.Caching;
using MusicPlayer.Application.Common.Security;
using MusicPlayer.Application.Common.Validation;
using MusicPlayer.Application.Features.Songs;

namespace MusicPlayer.Application.Features.History;

/// <summary>
/// The caller's listening statistics over local days <c>from</c>..<c>to</c> (inclusive; default the last 30
/// days) in the IANA time zone <c>tz</c> (default UTC): totals, top 10 songs, artists and genres, and every day.
/// Served from a <see cref="ResultCache{TKey, TResult}"/> until the user's next batch of plays or the next catalog edit.
/// </summary>
public static class GetMyStats
{
    public const int Top = 10;
    public const int DefaultDays = 30;

    /// <summary>The longest range one request may ask for (a leap year).</summary>
    public const int MaxDays = 366;

    [Authorize]
    public sealed record Query : IRequest<ListeningStatsDto>
    {
        public DateOnly? From { get; init; }
        public DateOnly? To { get; init; }
        public string? Tz { get; init; }
    }

    public sealed class Validator : RequestValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Tz).OptionalText(100)
                .Must(tz => string.IsNullOrWhiteSpace(tz) || Zone(tz) is not null)
                .WithMessage("'tz' must be an IANA time zone, such as Europe/Berlin.");
            RuleFor(q => q.From).Must((q, from) => from is null || q.To is null || from <= q.To)
                .WithMessage("'from' must not be after 'to'.");
            RuleFor(q => q.To).Must((q, to) => to is null || q.From is null || to.Value.DayNumber - q.From.Value.DayNumber < MaxDays)
                .WithMessage($"'from'..'to' may span at most {MaxDays} days.");
        }
    }

    /// <summary>The zone for an IANA id, or null; Windows ids and abbreviations are not IANA zones and are refused.</summary>
    internal static TimeZoneInfo? Zone(string id) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(id.Trim(), out var zone) && zone.HasIanaId ? zone : null;

    /// <summary>What a user's statistics depend on besides the data: the resolved range and zone.</summary>
    public sealed record CacheKey(int UserId, DateOnly From, DateOnly To, string Zone);

    /// <summary>A user's statistics as computed, and <see cref="CatalogVersion.Counts"/> as it was before.</summary>
    public sealed record CachedStats(ListeningStatsDto Stats, long Counts);

    /// <summary>
    /// The statistics are cached until the user's own plays or the catalog's fields change (another user's batch changes
    /// neither); their top songs carry the songs' counters, which anyone's like or play moves, so those ten rows are read
    /// again when the counters moved since. With other instances on the database, whose batches reach this one only as
    /// counter moves, any counter move recomputes them.
    /// </summary>
    internal sealed class Handler(IListeningStats listening, ResultCache<CacheKey, CachedStats> cache, CatalogVersion catalog,
        UserPlayVersions plays, ICurrentUser currentUser, TimeProvider clock, ISongUrls urls) : IRequestHandler<Query, ListeningStatsDto>
    {
        public async Task<ListeningStatsDto> Handle(Query request, CancellationToken cancellationToken)
        {
            var zone = string.IsNullOrWhiteSpace(request.Tz) ? TimeZoneInfo.Utc : Zone(request.Tz)!;
            var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone).DateTime);
            var to = request.To ?? (request.From is { } start ? start.AddDays(DefaultDays - 1) : today);
            var from = request.From ?? to.AddDays(1 - DefaultDays);
            var userId = currentUser.RequiredUserId;
            // Read before computing: a change landing meanwhile moves them on, so what is computed now is never served after it.
            var counts = catalog.Counts;
            var version = catalog.HasPeers ? catalog.Current : catalog.Edits + plays.Of(userId);
            var cached = await cache.GetAsync(new CacheKey(userId, from, to, zone.Id), version,
                async () => new CachedStats(await listening.ForUserAsync(userId, LocalDays.In(zone, from, to), Top, cancellationToken), counts));
            var stats = cached.Stats;
            var topSongs = stats.TopSongs;
            if (cached.Counts != counts && topSongs.Count > 0)
            {
                var current = await listening.SongsAsync(topSongs.Select(t => t.Song.Id).ToList(), cancellationToken);
                topSongs = topSongs.Select(t => current.TryGetValue(t.Song.Id, out var song) ? t with { Song = song } : t).ToList();
            }
            return stats with { Tz = zone.Id, TopSongs = topSongs.Select(t => t with { Song = t.Song.WithUrls(urls) }).ToList() };
        }
    }
}
