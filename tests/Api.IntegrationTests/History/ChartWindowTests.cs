using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MusicPlayer.Api.IntegrationTests.Support;
using MusicPlayer.Application.Common.Paging;
using MusicPlayer.Application.Features.History;
using MusicPlayer.Domain.History;
using MusicPlayer.Infrastructure.Persistence;

namespace MusicPlayer.Api.IntegrationTests.History;

/// <summary>
/// The rolling chart windows as the clock moves: a chart read in a later hour takes the hours its window left off
/// the counters, one in an earlier hour (a clock set back) adds them again, plays older than a window's start stay
/// out of it, and every move leaves each counter equal to the hourly aggregate from the window's start on.
/// </summary>
public sealed class ChartWindowTests(MusicPlayerFactory factory) : IClassFixture<MusicPlayerFactory>
{
    private async Task<List<(int SongId, int Plays)>> ChartAsync(int hours, long currentHour, IReadOnlyCollection<int> songs)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var chart = await scope.ServiceProvider.GetRequiredService<IListeningStats>()
            .ChartAsync(hours, currentHour, new ListSongCharts.Query { PageSize = PagingLimits.MaxPageSize }, CancellationToken.None);
        return chart.Items.Where(s => songs.Contains(s.Id)).Select(s => (s.Id, s.Plays)).ToList();
    }

    private async Task<long> StartAsync(int hours)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MusicPlayerDbContext>().ChartWindows
            .Where(w => w.Hours == hours).Select(w => w.StartHour).SingleAsync();
    }

    [Fact]
    public async Task Chart_ReadInLaterAndEarlierHours_MovesTheWindowAndKeepsItsCountersExact()
    {
        var songs = new List<int>();
        for (var i = 0; i < 2; i++) songs.Add((await factory.AsAdmin().CreateSongAsync()).Id());
        var account = await factory.CreateAccountAsync("user");
        var now = PlayRules.HourOf(DateTime.UtcNow);
        DateTime At(long hour) => DateTime.UnixEpoch.AddHours(hour).AddMinutes(30);
        await factory.RecordThroughStoreAsync(account.Id,
            new NewPlay(songs[0], At(now - 20), 300, null),
            new NewPlay(songs[0], At(now - 2), 300, null),
            new NewPlay(songs[1], At(now - 2), 300, null),
            new NewPlay(songs[1], At(now - 2), 300, null),
            new NewPlay(songs[1], At(now - 3), 300, null),
            new NewPlay(songs[1], At(now - 2), 5, null)); // not counted

        (await ChartAsync(24, now, songs)).Should().Equal((songs[1], 3), (songs[0], 2));
        (await StartAsync(24)).Should().Be(now - 24);

        // Five hours on, the play 20 hours ago left the day; 23 hours on, every play has.
        (await ChartAsync(24, now + 5, songs)).Should().Equal((songs[1], 3), (songs[0], 1));
        (await factory.WindowMismatchesAsync()).Should().BeEmpty();
        (await ChartAsync(24, now + 23, songs)).Should().BeEmpty();
        (await StartAsync(24)).Should().Be(now - 1);
        (await factory.WindowMismatchesAsync()).Should().BeEmpty();

        // The clock set back: the hours come back into the window.
        (await ChartAsync(24, now, songs)).Should().Equal((songs[1], 3), (songs[0], 2));
        (await factory.WindowMismatchesAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task Record_PlaysBeforeAWindowsStart_StayOutOfIt_PlaysAtItsStartHourCount()
    {
        var song = (await factory.AsAdmin().CreateSongAsync()).Id();
        var account = await factory.CreateAccountAsync("user");
        var now = PlayRules.HourOf(DateTime.UtcNow);
        await ChartAsync(24, now, [song]);
        var start = DateTime.UnixEpoch.AddHours(now - 24);

        await factory.RecordThroughStoreAsync(account.Id,
            new NewPlay(song, start.AddTicks(-1), 300, null),
            new NewPlay(song, start, 300, null),
            new NewPlay(song, start.AddDays(-10), 300, null));

        (await ChartAsync(24, now, [song])).Should().Equal((song, 1));
        (await ChartAsync(168, now, [song])).Should().Equal((song, 2));
        (await ChartAsync(720, now, [song])).Should().Equal((song, 3));
        (await factory.WindowMismatchesAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task Charts_OverHttp_ReadTheCurrentHoursWindow()
    {
        var song = (await factory.AsAdmin().CreateSongAsync()).Id();
        await ChartAsync(168, PlayRules.HourOf(DateTime.UtcNow) - 100, [song]); // as if last read long ago

        await factory.AsUser().RecordAsync(PlayCounts.Play(song, 300));
        var chart = await (await factory.Anonymous().GetAsync($"{PlayCounts.SongCharts}?period=week&pageSize=100")).ShouldBeJsonAsync(HttpStatusCode.OK);

        chart.ItemIds().Should().Contain(song);
        (await StartAsync(168)).Should().BeInRange(PlayRules.HourOf(DateTime.UtcNow) - 169, PlayRules.HourOf(DateTime.UtcNow) - 168);
        (await factory.WindowMismatchesAsync()).Should().BeEmpty();
    }
}
