using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MusicPlayer.Api.IntegrationTests.Support;
using MusicPlayer.Application.Features.History;
using MusicPlayer.Domain.History;
using MusicPlayer.Infrastructure.Persistence;

namespace MusicPlayer.Api.IntegrationTests.History;

/// <summary>
/// Plays racing each other and deletions through the real app (also on PostgreSQL in CI): the same batch
/// arriving twice at once counts once, many users' batches on the same songs leave every counter equal to its
/// counted rows and its hourly aggregate, and deleting a user or a song takes their plays out of everything.
/// </summary>
public sealed class PlayConcurrencyTests(MusicPlayerFactory factory) : IClassFixture<MusicPlayerFactory>
{
    private const int Rounds = 4;

    [Fact]
    public async Task Record_SameBatchTwiceAtTheSameMoment_CountsOnce()
    {
        var songIds = new List<int>();
        for (var i = 0; i < 3; i++) songIds.Add((await factory.AsAdmin().CreateSongAsync()).Id());
        var user = factory.WithToken((await factory.CreateAccountAsync("user")).Token());

        for (var round = 0; round < Rounds; round++)
        {
            var batch = songIds.Select(id => PlayCounts.Play(id, 300, Guid.NewGuid().ToString("N"))).ToList();

            var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => user.RecordAsync([.. batch])));

            results.Sum(r => r.Accepted).Should().Be(batch.Count, $"round {round}: each play is recorded by exactly one of the copies");
            results.Sum(r => r.Duplicates).Should().Be(2 * batch.Count);
        }
        (await factory.PlayCountsAsync(songIds)).Should().HaveCount(songIds.Count)
            .And.OnlyContain(s => s.Counter == Rounds && s.CountedRows == Rounds && s.HourlyPlays == Rounds);
    }

    [Fact]
    public async Task Record_ManyUsersOnTheSameSongs_CountersEqualRowsAggregateAndWindows()
    {
        var songIds = new List<int>();
        for (var i = 0; i < 5; i++) songIds.Add((await factory.AsAdmin().CreateSongAsync()).Id());
        var users = new List<HttpClient>();
        for (var i = 0; i < 6; i++) users.Add(factory.WithToken((await factory.CreateAccountAsync("user")).Token()));

        var runs = users.Select(async (user, u) =>
        {
            var random = new Random(u);
            var accepted = 0;
            for (var batch = 0; batch < 10; batch++)
            {
                var plays = Enumerable.Range(0, 8)
                    .Select(_ => PlayCounts.Play(songIds[random.Next(songIds.Count)], random.Next(2) == 0 ? 10 : 300,
                        playedAt: DateTime.UtcNow.AddHours(-random.Next(48))))
                    .ToArray();
                accepted += (await user.RecordAsync(plays)).Accepted;
            }
            return accepted;
        }).ToList();
        // Meanwhile the day's window moves back and forth over the hours being played in (as reads in later or earlier hours move it).
        var now = PlayRules.HourOf(DateTime.UtcNow);
        var moves = Task.Run(async () =>
        {
            for (var i = 0; i < 20; i++)
            {
                await using var scope = factory.Services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<IListeningStats>()
                    .ChartAsync(24, now + (i % 2 == 0 ? 12 : -12), new ListSongCharts.Query(), CancellationToken.None);
            }
        });

        (await Task.WhenAll(runs)).Sum().Should().Be(6 * 10 * 8);
        await moves;
        (await factory.PlayCountsAsync(songIds)).Should().HaveCount(songIds.Count)
            .And.OnlyContain(s => s.Counter == s.CountedRows && s.Counter == s.HourlyPlays)
            .And.Contain(s => s.Counter > 0);
        (await factory.WindowMismatchesAsync()).Should().BeEmpty();
        (await factory.UserHourMismatchesAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task DeleteUser_WithPlays_TakesThemOutOfCountersAndCharts()
    {
        var songIds = new List<int>();
        for (var i = 0; i < 3; i++) songIds.Add((await factory.AsAdmin().CreateSongAsync()).Id());
        var other = factory.WithToken((await factory.CreateAccountAsync("user")).Token());
        await other.RecordAsync(PlayCounts.Play(songIds[0], 300));

        for (var round = 0; round < Rounds; round++)
        {
            var account = await factory.CreateAccountAsync("user");
            var user = factory.WithToken(account.Token());
            await user.RecordAsync([.. songIds.Select(id => PlayCounts.Play(id, 300))]);
            // Batches racing the deletion either land before it (and go with the user) or find no user.
            var racing = Enumerable.Range(0, 4).Select(_ => user.PostPlaysAsync(songIds.Select(id => PlayCounts.Play(id, 300)))).ToList();
            var deletion = factory.AsAdmin().DeleteAsync($"{AccountApi.Users}/{account.Id}");

            var statuses = (await Task.WhenAll(racing)).Select(r => r.StatusCode).ToList();

            (await deletion).StatusCode.Should().Be(HttpStatusCode.NoContent);
            statuses.Should().OnlyContain(s => s == HttpStatusCode.OK || s == HttpStatusCode.Unauthorized);
            await using var scope = factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MusicPlayerDbContext>();
            (await db.Plays.CountAsync(p => p.UserId == account.Id)).Should().Be(0);
            var counts = await factory.PlayCountsAsync(songIds);
            counts.Should().OnlyContain(s => s.Counter == s.CountedRows && s.Counter == s.HourlyPlays, $"round {round}");
            counts.Select(s => s.Counter).Should().BeEquivalentTo([1, 0, 0], "only the other user's play is left");
            (await factory.WindowMismatchesAsync()).Should().BeEmpty($"round {round}: the chart windows lose the user's plays too");
            (await db.UserPlayHours.CountAsync(h => h.UserId == account.Id)).Should().Be(0);
        }

        var chart = await (await factory.Anonymous().GetAsync($"{PlayCounts.SongCharts}?period=day&pageSize=100")).ShouldBeJsonAsync(HttpStatusCode.OK);
        chart.ItemIds().Should().Contain(songIds[0]).And.NotContain(songIds[1]).And.NotContain(songIds[2]);
    }

    [Fact]
    public async Task DeleteSong_WithPlays_DeletesItsPlaysAndAggregate()
    {
        var keep = (await factory.AsAdmin().CreateSongAsync()).Id();
        var doomed = (await factory.AsAdmin().CreateSongAsync()).Id();
        var user = factory.WithToken((await factory.CreateAccountAsync("user")).Token());
        await user.RecordAsync(PlayCounts.Play(keep, 300), PlayCounts.Play(doomed, 300), PlayCounts.Play(doomed, 5));

        await (await factory.AsAdmin().DeleteAsync($"{CatalogApi.Songs}/{doomed}")).ShouldBeEmptyAsync(HttpStatusCode.NoContent);

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MusicPlayerDbContext>();
        (await db.Plays.CountAsync(p => p.SongId == doomed)).Should().Be(0);
        (await db.SongPlayHours.CountAsync(h => h.SongId == doomed)).Should().Be(0);
        (await db.SongPlayWindows.CountAsync(w => w.SongId == doomed)).Should().Be(0);
        (await factory.WindowMismatchesAsync()).Should().BeEmpty();
        (await factory.UserHourMismatchesAsync()).Should().BeEmpty("the song's plays leave its listeners' hourly aggregates");
        (await factory.PlayCountsAsync([keep])).Single().Should().Be(new PlayCount(keep, 1, 1, 1));
        var history = await (await user.GetAsync(PlayCounts.MyHistory)).ShouldBeJsonAsync(HttpStatusCode.OK);
        history.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("song").Id()).Should().Equal(keep);
    }

    [Fact]
    public async Task DeleteSong_RacingBatchesWithIt_LeavesEveryAggregateExact()
    {
        var keep = (await factory.AsAdmin().CreateSongAsync()).Id();
        var doomed = (await factory.AsAdmin().CreateSongAsync()).Id();
        var user = factory.WithToken((await factory.CreateAccountAsync("user")).Token());

        // Batches racing the deletion either land before it (and their plays of it go with it) or name an unknown song.
        var racing = Enumerable.Range(0, 4).Select(_ => user.PostPlaysAsync([PlayCounts.Play(keep, 300), PlayCounts.Play(doomed, 300), PlayCounts.Play(doomed, 5)])).ToList();
        var deletion = factory.AsAdmin().DeleteAsync($"{CatalogApi.Songs}/{doomed}");

        var statuses = (await Task.WhenAll(racing)).Select(r => r.StatusCode).ToList();
        (await deletion).StatusCode.Should().Be(HttpStatusCode.NoContent);

        statuses.Should().OnlyContain(s => s == HttpStatusCode.OK || s == HttpStatusCode.BadRequest);
        (await factory.UserHourMismatchesAsync()).Should().BeEmpty();
        (await factory.WindowMismatchesAsync()).Should().BeEmpty();
        (await factory.PlayCountsAsync([keep])).Single().Should().Match<PlayCount>(c => c.Counter == c.CountedRows && c.Counter == c.HourlyPlays);
    }
}
