using Microsoft.EntityFrameworkCore;
using MusicPlayer.Application.Common.Mapping;
using MusicPlayer.Application.Common.Paging;
using MusicPlayer.Application.Features.History;
using MusicPlayer.Application.Features.Songs;
using MusicPlayer.Domain.Catalog;
using MusicPlayer.Domain.History;

namespace MusicPlayer.Infrastructure.Persistence;

/// <summary>
/// Statistics as grouped queries in the database. A user's days are summed from their hourly aggregate (or, in zones
/// whose offset is not whole hours, from the covering index on (user, playedAt, …)); their counted plays per song are
/// grouped in the order of the index on (user, song, playedAt, counted); charts of a period read their window's counters in rank order, and all-time charts read songs by
/// their PlayCount index. Only grouped rows (at most one a day, ten a top, one page of a chart) come back.
/// </summary>
internal sealed class ListeningStats(MusicPlayerDbContext context, ChartWindowCounters windows) : IListeningStats
{
    private const int MinutesPerDay = 24 * 60;
    private static readonly int UnixEpochDay = DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;

    public async Task<ListeningStatsDto> ForUserAsync(int userId, LocalDays days, int top, CancellationToken cancellationToken)
    {
        var plays = context.Plays.Where(p => p.UserId == userId && p.PlayedAt >= days.StartUtc && p.PlayedAt < days.EndUtc);
        var counted = plays.Where(p => p.Counted);

        // Within a segment the offset is constant, so the local day is integer arithmetic: on the user's hourly aggregate
        // when the segment's offset and bounds are whole hours (every hour then lies in one local day), else on the plays.
        var perDay = new Dictionary<int, (int Plays, long Seconds)>();
        foreach (var segment in days.Segments)
        {
            var (offset, fromHour, toHour) = (segment.OffsetMinutes, PlayRules.HourOf(segment.FromUtc), PlayRules.HourOf(segment.ToUtc));
            var rows = WholeHours(segment)
                ? await context.UserPlayHours.Where(h => h.UserId == userId && h.Hour >= fromHour && h.Hour < toHour)
                    .GroupBy(h => (h.Hour * 60 + offset) / MinutesPerDay)
                    .Select(g => new DayRow(g.Key, g.Sum(h => h.Plays), g.Sum(h => h.Seconds)))
                    .ToListAsync(cancellationToken)
                : await plays.Where(p => p.PlayedAt >= segment.FromUtc && p.PlayedAt < segment.ToUtc)
                    .GroupBy(p => (p.PlayedMinute + offset) / MinutesPerDay)
                    .Select(g => new DayRow(g.Key, g.Count(p => p.Counted), g.Sum(p => (long)p.SecondsPlayed)))
                    .ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                var day = UnixEpochDay + (int)row.Day;
                var (plays0, seconds0) = perDay.GetValueOrDefault(day);
                perDay[day] = (plays0 + row.Plays, seconds0 + row.Seconds);
            }
        }

        // One scan for everything per song: counted plays grouped by song in the database, joined with each song's
        // artist and genre after grouping (one row per song played, not per play); the tops are ranked from those rows.
        var perSong = await counted.GroupBy(p => p.SongId)
            .Select(g => new { SongId = g.Key, Plays = g.Count() })
            .Join(context.Songs, x => x.SongId, s => s.Id,
                (x, s) => new SongPlays(x.SongId, x.Plays, s.NormalizedArtist, s.Artist, s.NormalizedGenre, s.Genre))
            .ToListAsync(cancellationToken);
        var topSongs = perSong.OrderByDescending(s => s.Plays).ThenBy(s => s.SongId).Take(top).ToList();
        var songs = await SongsAsync<SongDto>(topSongs.ConvertAll(s => s.SongId), cancellationToken);

        return new ListeningStatsDto
        {
            From = days.From,
            To = days.To,
            TotalPlays = perDay.Values.Sum(d => d.Plays),
            TotalSeconds = perDay.Values.Sum(d => d.Seconds),
            UniqueSongs = perSong.Count,
            TopSongs = topSongs.ConvertAll(s => new TopSongDto(songs[s.SongId], s.Plays)),
            TopArtists = TopNames(perSong, s => s.ArtistKey, s => s.Artist, top),
            TopGenres = TopNames(perSong, s => s.GenreKey, s => s.Genre, top),
            PerDay = Enumerable.Range(days.From.DayNumber, days.DayCount)
                .Select(day => perDay.TryGetValue(day, out var d)
                    ? new DayStatsDto(DateOnly.FromDayNumber(day), d.Plays, d.Seconds)
                    : new DayStatsDto(DateOnly.FromDayNumber(day), 0, 0))
                .ToList(),
        };
    }

    public async Task<PagedResult<ChartSongDto>> ChartAsync(int? windowHours, long currentHour, IPagedQuery page, CancellationToken cancellationToken)
    {
        var skip = (int)Math.Min(((long)page.Page - 1) * page.PageSize, int.MaxValue);
        if (windowHours is not { } hours)
        {
            var played = context.Songs.Where(s => s.PlayCount > 0);
            var count = await played.CountAsync(cancellationToken);
            var items = skip >= count ? [] : await played.OrderByDescending(s => s.PlayCount).ThenBy(s => s.Id)
                .Skip(skip).Take(page.PageSize).Select(Mappings.Projection<Song, ChartSongDto>())
                .ToListAsync(cancellationToken);
            return new PagedResult<ChartSongDto>(items, page.Page, page.PageSize, count);
        }

        // The window is moved to the current hour first (a no-op but during the first request of an hour).
        var start = ChartWindow.StartAt(currentHour, hours);
        if (await context.ChartWindows.Where(w => w.Hours == hours).Select(w => w.StartHour).SingleAsync(cancellationToken) != start)
            await windows.MoveAsync(hours, start, cancellationToken);

        var perSong = context.SongPlayWindows.Where(w => w.Hours == hours && w.Plays > 0);
        var total = await perSong.CountAsync(cancellationToken);
        if (skip >= total) return new PagedResult<ChartSongDto>([], page.Page, page.PageSize, total);
        var ranked = await perSong.OrderByDescending(s => s.Plays).ThenBy(s => s.SongId).Skip(skip).Take(page.PageSize)
            .ToListAsync(cancellationToken);
        var songs = await SongsAsync<ChartSongDto>(ranked.Select(s => s.SongId).ToList(), cancellationToken);
        return new PagedResult<ChartSongDto>(ranked.Select(s => songs[s.SongId] with { Plays = s.Plays }).ToList(), page.Page, page.PageSize, total);
    }

    /// <summary>
    /// Whether a segment can be read from hourly buckets: its offset is whole hours (true of most zones; not of, say,
    /// Asia/Kolkata at +5:30 or Asia/Kathmandu at +5:45, whose local midnight falls within a UTC hour) and it starts and
    /// ends on whole UTC hours.
    /// </summary>
    private static bool WholeHours(OffsetSegment segment) =>
        segment.OffsetMinutes % 60 == 0 && segment.FromUtc.Ticks % TimeSpan.TicksPerHour == 0 && segment.ToUtc.Ticks % TimeSpan.TicksPerHour == 0;

    /// <summary>The names (artists or genres: grouped by their folded form, shown as first written) with the most counted plays.</summary>
    private static List<TopNameDto> TopNames(List<SongPlays> perSong, Func<SongPlays, string> key, Func<SongPlays, string> shown, int top) =>
        perSong.GroupBy(key, StringComparer.Ordinal)
            .Select(g => new TopNameDto(g.Select(shown).Min(StringComparer.Ordinal)!, g.Sum(s => s.Plays)))
            .OrderByDescending(t => t.Plays).ThenBy(t => t.Name, StringComparer.Ordinal).Take(top)
            .ToList();

    public async Task<IReadOnlyDictionary<int, SongDto>> SongsAsync(IReadOnlyList<int> ids, CancellationToken cancellationToken) =>
        await SongsAsync<SongDto>(ids, cancellationToken);

    private async Task<Dictionary<int, T>> SongsAsync<T>(IReadOnlyList<int> ids, CancellationToken cancellationToken) where T : SongDto =>
        ids.Count == 0 ? [] : await context.Songs.Where(s => ids.Contains(s.Id)).Select(Mappings.Projection<Song, T>())
            .ToDictionaryAsync(s => s.Id, cancellationToken);

    private sealed record DayRow(long Day, int Plays, long Seconds);

    private sealed record SongPlays(int SongId, int Plays, string ArtistKey, string Artist, string GenreKey, string Genre);
}
