using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MusicPlayer.Application.Features.History;
using MusicPlayer.Infrastructure.Persistence;

namespace MusicPlayer.Api.IntegrationTests.Support;

/// <summary>A song's stored play counter beside what it must equal: its counted play rows, and its plays in the hourly aggregate.</summary>
public sealed record PlayCount(int SongId, int Counter, int CountedRows, int HourlyPlays);

/// <summary>The listening history endpoints, and reads of the app's database that the play counters must agree with.</summary>
public static class PlayCounts
{
    public const string MyPlays = "/api/v1/users/me/plays";
    public const string MyHistory = "/api/v1/users/me/history";
    public const string MyStats = "/api/v1/users/me/stats";
    public const string SongCharts = "/api/v1/charts/songs";
    public const string Overview = "/api/v1/stats";

    /// <summary>A play as a request body carries it; null fields are left out.</summary>
    public static Dictionary<string, object?> Play(int songId, int secondsPlayed, string? clientPlayId = null, DateTime? playedAt = null)
    {
        var play = new Dictionary<string, object?> { ["songId"] = songId, ["secondsPlayed"] = secondsPlayed };
        if (clientPlayId is not null) play["clientPlayId"] = clientPlayId;
        if (playedAt is not null) play["playedAt"] = playedAt;
        return play;
    }

    public static Task<HttpResponseMessage> PostPlaysAsync(this HttpClient client, IEnumerable<Dictionary<string, object?>> plays) =>
        client.PostAsJsonAsync(MyPlays, new { plays });

    /// <summary>Posts a batch expecting 200; returns (accepted, duplicates).</summary>
    public static async Task<(int Accepted, int Duplicates)> RecordAsync(this HttpClient client, params Dictionary<string, object?>[] plays)
    {
        var result = await (await client.PostPlaysAsync(plays)).ShouldBeJsonAsync(HttpStatusCode.OK);
        return (result.GetProperty("accepted").GetInt32(), result.GetProperty("duplicates").GetInt32());
    }

    /// <summary>Records plays straight through the app's play store, with any timestamp (the API takes only the last 30 days).</summary>
    public static async Task RecordThroughStoreAsync(this WebApplicationFactory<Program> factory, int userId, params NewPlay[] plays)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<IPlayStore>().RecordAsync(userId, plays, CancellationToken.None);
        result.UnknownSongIds.Should().BeEmpty();
    }

    /// <summary>Reads, straight from the app's database, each song's play counter, its counted play rows and its hourly aggregate.</summary>
    public static async Task<List<PlayCount>> PlayCountsAsync(this WebApplicationFactory<Program> factory, IReadOnlyCollection<int> songIds)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MusicPlayerDbContext>();
        return await db.Songs.Where(s => songIds.Contains(s.Id))
            .Select(s => new PlayCount(s.Id, s.PlayCount,
                db.Plays.Count(p => p.SongId == s.Id && p.Counted),
                db.SongPlayHours.Where(h => h.SongId == s.Id).Sum(h => (int?)h.Plays) ?? 0))
            .ToListAsync();
    }

    /// <summary>
    /// Every chart window's counters that differ from what they must be, the hourly aggregate summed per song from the
    /// window's start on (songs without plays there have no row): (window hours, song, counter, expected). Empty when exact.
    /// </summary>
    public static async Task<List<(int Hours, int SongId, int Counter, int Expected)>> WindowMismatchesAsync(this WebApplicationFactory<Program> factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MusicPlayerDbContext>();
        var mismatches = new List<(int, int, int, int)>();
        foreach (var window in await db.ChartWindows.AsNoTracking().ToListAsync())
        {
            var expected = await db.SongPlayHours.Where(h => h.Hour >= window.StartHour).GroupBy(h => h.SongId)
                .Select(g => new { SongId = g.Key, Plays = g.Sum(h => h.Plays) }).Where(g => g.Plays > 0)
                .ToDictionaryAsync(g => g.SongId, g => g.Plays);
            var counters = await db.SongPlayWindows.Where(w => w.Hours == window.Hours).ToDictionaryAsync(w => w.SongId, w => w.Plays);
            foreach (var songId in expected.Keys.Union(counters.Keys))
                if (counters.GetValueOrDefault(songId, -1) != expected.GetValueOrDefault(songId, -1))
                    mismatches.Add((window.Hours, songId, counters.GetValueOrDefault(songId), expected.GetValueOrDefault(songId)));
        }
        return mismatches;
    }

    /// <summary>The users' hourly aggregates that differ from their plays grouped by UTC hour: (user, hour). Empty when exact.</summary>
    public static async Task<List<(int UserId, long Hour)>> UserHourMismatchesAsync(this WebApplicationFactory<Program> factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MusicPlayerDbContext>();
        var expected = await db.Plays.GroupBy(p => new { p.UserId, Hour = p.PlayedMinute / 60 })
            .Select(g => new { g.Key.UserId, g.Key.Hour, Plays = g.Count(p => p.Counted), Seconds = g.Sum(p => (long)p.SecondsPlayed) })
            .ToDictionaryAsync(g => (g.UserId, g.Hour), g => (g.Plays, g.Seconds));
        var stored = await db.UserPlayHours.Where(h => h.Plays != 0 || h.Seconds != 0)
            .ToDictionaryAsync(h => (h.UserId, h.Hour), h => (h.Plays, h.Seconds));
        return expected.Keys.Union(stored.Keys)
            .Where(k => !expected.TryGetValue(k, out var e) || !stored.TryGetValue(k, out var s) || e != s).ToList();
    }

    /// <summary>Counted plays per day of a stats response, by date.</summary>
    public static Dictionary<string, int> PlaysPerDay(this JsonElement stats) =>
        stats.GetProperty("perDay").EnumerateArray().ToDictionary(d => d.GetProperty("date").GetString()!, d => d.GetProperty("plays").GetInt32());
}
