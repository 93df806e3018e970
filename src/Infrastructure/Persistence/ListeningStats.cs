using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using MusicPlayer.Application.Common.Mapping;
using MusicPlayer.Application.Common.Paging;
using MusicPlayer.Application.Features.History;
using MusicPlayer.Application.Features.Songs;
using MusicPlayer.Domain.Catalog;
using MusicPlayer.Domain.History;

namespace MusicPlayer.Infrastructure.Persistence;

/// <summary>
/// Statistics as grouped queries in the database. A user's plays in a range are read from the covering index
/// on (user, playedAt, …); charts of a period sum the hourly aggregate, and all-time charts read songs by
/// their PlayCount index. Only grouped rows (at most one a day, ten a top, one page of a chart) come back.
/// </summary>
internal sealed class ListeningStats(MusicPlayerDbContext context) : IListeningStats
{
    private const int MinutesPerDay = 24 * 60;
    private static readonly int UnixEpochDay = DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;

    public async Task<ListeningStatsDto> ForUserAsync(int userId, LocalDays days, int top, CancellationToken cancellationToken)
    {
        var plays = context.Plays.Where(p => p.UserId == userId && p.PlayedAt >= days.StartUtc && p.PlayedAt < days.EndUtc);
        var counted = plays.Where(p => p.Counted);

        // Within a segment the offset is constant, so the local day is integer arithmetic on the stored minute.
        var perDay = new Dictionary<int, (int Plays, long Seconds)>();
        foreach (var segment in days.Segments)
        {
            var offset = segment.OffsetMinutes;
            var rows = await plays.Where(p => p.PlayedAt >= segment.FromUtc && p.PlayedAt < segment.ToUtc)
                .GroupBy(p => (p.PlayedMinute + offset) / MinutesPerDay)
                .Select(g => new { Day = g.Key, Plays = g.Count(p => p.Counted), Seconds = g.Sum(p => (long)p.SecondsPlayed) })
                .ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                var day = UnixEpochDay + (int)row.Day;
                var (plays0, seconds0) = perDay.GetValueOrDefault(day);
                perDay[day] = (plays0 + row.Plays, seconds0 + row.Seconds);
            }
        }

        var topSongs = await counted.GroupBy(p => p.SongId)
            .Select(g => new { SongId = g.Key, Plays = g.Count() })
            .OrderByDescending(s => s.Plays).ThenBy(s => s.SongId).Take(top)
            .ToListAsync(cancellationToken);
        var songs = await SongsAsync<SongDto>(topSongs.Select(s => s.SongId).ToList(), cancellationToken);

        return new ListeningStatsDto
        {
            From = days.From,
            To = days.To,
            TotalPlays = perDay.Values.Sum(d => d.Plays),
            TotalSeconds = perDay.Values.Sum(d => d.Seconds),
            UniqueSongs = await counted.Select(p => p.SongId).Distinct().CountAsync(cancellationToken),
            TopSongs = topSongs.Select(s => new TopSongDto(songs[s.SongId], s.Plays)).ToList(),
            TopArtists = await TopNamesAsync(counted, s => new Named { SongId = s.Id, Key = s.NormalizedArtist, Shown = s.Artist }, top, cancellationToken),
            TopGenres = await TopNamesAsync(counted, s => new Named { SongId = s.Id, Key = s.NormalizedGenre, Shown = s.Genre }, top, cancellationToken),
            PerDay = Enumerable.Range(days.From.DayNumber, days.DayCount)
                .Select(day => perDay.TryGetValue(day, out var d)
                    ? new DayStatsDto(DateOnly.FromDayNumber(day), d.Plays, d.Seconds)
                    : new DayStatsDto(DateOnly.FromDayNumber(day), 0, 0))
                .ToList(),
        };
    }

    public async Task<PagedResult<ChartSongDto>> ChartAsync(long? sinceHour, IPagedQuery page, CancellationToken cancellationToken)
    {
        var skip = (int)Math.Min(((long)page.Page - 1) * page.PageSize, int.MaxValue);
        if (sinceHour is not { } since)
        {
            var played = context.Songs.Where(s => s.PlayCount > 0);
            var count = await played.CountAsync(cancellationToken);
            var items = skip >= count ? [] : await played.OrderByDescending(s => s.PlayCount).ThenBy(s => s.Id)
                .Skip(skip).Take(page.PageSize).Select(Mappings.Projection<Song, ChartSongDto>())
                .ToListAsync(cancellationToken);
            return new PagedResult<ChartSongDto>(items, page.Page, page.PageSize, count);
        }

        var perSong = context.SongPlayHours.Where(h => h.Hour >= since)
            .GroupBy(h => h.SongId)
            .Select(g => new { SongId = g.Key, Plays = g.Sum(h => h.Plays) })
            .Where(s => s.Plays > 0);
        var total = await perSong.CountAsync(cancellationToken);
        if (skip >= total) return new PagedResult<ChartSongDto>([], page.Page, page.PageSize, total);
        var ranked = await perSong.OrderByDescending(s => s.Plays).ThenBy(s => s.SongId).Skip(skip).Take(page.PageSize)
            .ToListAsync(cancellationToken);
        var songs = await SongsAsync<ChartSongDto>(ranked.Select(s => s.SongId).ToList(), cancellationToken);
        return new PagedResult<ChartSongDto>(ranked.Select(s => songs[s.SongId] with { Plays = s.Plays }).ToList(), page.Page, page.PageSize, total);
    }

    /// <summary>The names (artists or genres: grouped by their folded form, shown as written) with the most counted plays.</summary>
    private async Task<List<TopNameDto>> TopNamesAsync(IQueryable<Play> counted, Expression<Func<Song, Named>> name, int top, CancellationToken cancellationToken)
    {
        var rows = await counted.Join(context.Songs.Select(name), p => p.SongId, n => n.SongId, (p, n) => n)
            .GroupBy(n => n.Key)
            .Select(g => new { Name = g.Max(n => n.Shown), Plays = g.Count() })
            .OrderByDescending(t => t.Plays).ThenBy(t => t.Name).Take(top)
            .ToListAsync(cancellationToken);
        return rows.ConvertAll(r => new TopNameDto(r.Name!, r.Plays));
    }

    private async Task<Dictionary<int, T>> SongsAsync<T>(List<int> ids, CancellationToken cancellationToken) where T : SongDto =>
        ids.Count == 0 ? [] : await context.Songs.Where(s => ids.Contains(s.Id)).Select(Mappings.Projection<Song, T>())
            .ToDictionaryAsync(s => s.Id, cancellationToken);

    private sealed class Named
    {
        public int SongId { get; init; }
        public string Key { get; init; } = "";
        public string Shown { get; init; } = "";
    }
}
