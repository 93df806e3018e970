using System.Net;
using MusicPlayer.Api.IntegrationTests.Support;

namespace MusicPlayer.Api.IntegrationTests.History;

/// <summary>POST /users/me/plays: batches, idempotency by client key, the counted rule and its edges, and what bad input gets.</summary>
public sealed class PlaysTests(MusicPlayerFactory factory) : IClassFixture<MusicPlayerFactory>
{
    private static string Key() => Guid.NewGuid().ToString("N");

    [Fact]
    public async Task Record_BatchRetried_CountsEveryPlayOnce()
    {
        var songId = (await factory.AsAdmin().CreateSongAsync()).Id();
        var user = factory.WithToken((await factory.CreateAccountAsync("user")).Token());
        var batch = new[] { PlayCounts.Play(songId, 200, Key()), PlayCounts.Play(songId, 200, Key()), PlayCounts.Play(songId, 200) };

        var first = await user.RecordAsync(batch);
        var retry = await user.RecordAsync(batch);

        first.Should().Be((3, 0));
        retry.Should().Be((1, 2), "the two keyed plays were recorded already; the play without a key is a new play");
        (await factory.PlayCountsAsync([songId])).Should().ContainSingle().Which.Should().Be(new PlayCount(songId, 4, 4, 4));
    }

    [Fact]
    public async Task Record_SameKeyTwiceInOneBatch_IsOneDuplicate()
    {
        var songId = (await factory.AsAdmin().CreateSongAsync()).Id();
        var key = Key();

        var result = await factory.AsUser().RecordAsync(PlayCounts.Play(songId, 200, key), PlayCounts.Play(songId, 200, key));

        result.Should().Be((1, 1));
    }

    [Fact]
    public async Task Record_SameKeyByTwoUsers_CountsForEach()
    {
        var songId = (await factory.AsAdmin().CreateSongAsync()).Id();
        var key = Key();

        (await factory.AsUser().RecordAsync(PlayCounts.Play(songId, 200, key))).Should().Be((1, 0));
        (await factory.AsAdmin().RecordAsync(PlayCounts.Play(songId, 200, key))).Should().Be((1, 0), "keys are unique per user");
    }

    [Theory]
    [InlineData(215, 107, false)] // half of 215 is 107.5
    [InlineData(215, 108, true)]
    [InlineData(600, 239, false)] // half is 300, but 240 s is enough
    [InlineData(600, 240, true)]
    [InlineData(480, 240, true)]
    [InlineData(1, 0, false)]
    [InlineData(1, 1, true)]
    [InlineData(null, 29, false)] // no duration: 30 s
    [InlineData(null, 30, true)]
    public async Task Record_CountedRule_DecidesByHalfTheDurationOr240Seconds(int? duration, int secondsPlayed, bool counted)
    {
        var songId = (await factory.AsAdmin().CreateSongAsync(b => b["duration"] = duration)).Id();
        var user = factory.WithToken((await factory.CreateAccountAsync("user")).Token());

        await user.RecordAsync(PlayCounts.Play(songId, secondsPlayed));

        var history = await (await user.GetAsync(PlayCounts.MyHistory)).ShouldBeJsonAsync(HttpStatusCode.OK);
        var play = history.GetProperty("items").EnumerateArray().Should().ContainSingle().Subject;
        play.GetProperty("counted").GetBoolean().Should().Be(counted);
        play.GetProperty("secondsPlayed").GetInt32().Should().Be(secondsPlayed);
        play.GetProperty("song").Id().Should().Be(songId);
        (await factory.PlayCountsAsync([songId])).Single().Counter.Should().Be(counted ? 1 : 0);
    }

    [Fact]
    public async Task Record_UnknownSong_NamesItAndRecordsNothing()
    {
        var songId = (await factory.AsAdmin().CreateSongAsync()).Id();
        var user = factory.WithToken((await factory.CreateAccountAsync("user")).Token());

        var response = await user.PostPlaysAsync([PlayCounts.Play(songId, 200), PlayCounts.Play(int.MaxValue, 200), PlayCounts.Play(songId, 200)]);

        var problem = await response.ShouldBeValidationProblemAsync("plays[1].songId");
        problem.GetProperty("errors").GetProperty("plays[1].songId")[0].GetString().Should().Contain(int.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var history = await (await user.GetAsync(PlayCounts.MyHistory)).ShouldBeJsonAsync(HttpStatusCode.OK);
        history.GetProperty("totalCount").GetInt32().Should().Be(0);
        (await factory.PlayCountsAsync([songId])).Single().Counter.Should().Be(0);
    }

    [Fact]
    public async Task Record_PlayedAtOutOfRange_NamesThePlay()
    {
        var songId = (await factory.AsAdmin().CreateSongAsync()).Id();
        var now = DateTime.UtcNow;

        var response = await factory.AsUser().PostPlaysAsync([
            PlayCounts.Play(songId, 200, playedAt: now.AddDays(-29)),
            PlayCounts.Play(songId, 200, playedAt: now.AddMinutes(4)),
            PlayCounts.Play(songId, 200, playedAt: now.AddDays(-30).AddMinutes(-1)),
            PlayCounts.Play(songId, 200, playedAt: now.AddMinutes(6)),
        ]);

        await response.ShouldBeValidationProblemAsync("plays[2].playedAt", "plays[3].playedAt");
    }

    [Fact]
    public async Task Record_PlayedAtWithAnOffset_IsStoredInUtc()
    {
        var songId = (await factory.AsAdmin().CreateSongAsync()).Id();
        var user = factory.WithToken((await factory.CreateAccountAsync("user")).Token());
        var at = new DateTimeOffset(DateTime.UtcNow.AddHours(-3).Ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero);

        var response = await user.PostAsync(PlayCounts.MyPlays, new StringContent(
            $$"""{"plays":[{"songId":{{songId}},"secondsPlayed":10,"playedAt":"{{at.ToOffset(TimeSpan.FromHours(2)):yyyy-MM-ddTHH:mm:sszzz}}"}]}""",
            System.Text.Encoding.UTF8, "application/json"));

        await response.ShouldBeJsonAsync(HttpStatusCode.OK);
        var history = await (await user.GetAsync(PlayCounts.MyHistory)).ShouldBeJsonAsync(HttpStatusCode.OK);
        history.GetProperty("items")[0].GetProperty("playedAt").GetDateTime().ToUniversalTime().Should().Be(at.UtcDateTime);
    }

    [Theory]
    [InlineData("""{"plays":[]}""", "plays")]
    [InlineData("""{}""", "plays")]
    [InlineData("""{"plays":[null]}""", "plays[0]")]
    [InlineData("""{"plays":[{"secondsPlayed":10}]}""", "plays[0].songId")]
    [InlineData("""{"plays":[{"songId":1}]}""", "plays[0].secondsPlayed")]
    [InlineData("""{"plays":[{"songId":1,"secondsPlayed":-1}]}""", "plays[0].secondsPlayed")]
    [InlineData("""{"plays":[{"songId":1,"secondsPlayed":86401}]}""", "plays[0].secondsPlayed")]
    [InlineData("""{"plays":[{"songId":0,"secondsPlayed":1}]}""", "plays[0].songId")]
    [InlineData("""{"plays":[{"songId":1,"secondsPlayed":1,"clientPlayId":"a\u0000b"}]}""", "plays[0].clientPlayId")]
    public async Task Record_InvalidBody_IsA400NamingTheField(string body, string field)
    {
        var response = await factory.AsUser().PostAsync(PlayCounts.MyPlays, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        await response.ShouldBeValidationProblemAsync(field);
    }

    [Fact]
    public async Task Record_TooLongClientKeyOrTooManyPlays_IsA400()
    {
        var songId = (await factory.AsAdmin().CreateSongAsync()).Id();

        await (await factory.AsUser().PostPlaysAsync([PlayCounts.Play(songId, 1, new string('k', 65))])).ShouldBeValidationProblemAsync("plays[0].clientPlayId");
        await (await factory.AsUser().PostPlaysAsync(Enumerable.Range(0, 501).Select(_ => PlayCounts.Play(songId, 1)))).ShouldBeValidationProblemAsync("plays");
        (await factory.AsUser().RecordAsync(Enumerable.Range(0, 500).Select(_ => PlayCounts.Play(songId, 1, Key())).ToArray())).Should().Be((500, 0));
    }

    [Fact]
    public async Task Record_Anonymous_Is401()
    {
        var response = await factory.Anonymous().PostPlaysAsync([PlayCounts.Play(1, 1)]);

        await response.ShouldBeUnauthorizedAsync();
    }

    [Fact]
    public async Task History_NewestFirst_OnlyTheCallersPlays()
    {
        var songs = new[] { (await factory.AsAdmin().CreateSongAsync()).Id(), (await factory.AsAdmin().CreateSongAsync()).Id() };
        var account = await factory.CreateAccountAsync("user");
        var user = factory.WithToken(account.Token());
        var now = DateTime.UtcNow;
        await user.RecordAsync(PlayCounts.Play(songs[0], 10, playedAt: now.AddHours(-2)), PlayCounts.Play(songs[1], 10, playedAt: now.AddHours(-1)));
        await factory.AsAdmin().RecordAsync(PlayCounts.Play(songs[0], 10));

        var history = await (await user.GetAsync($"{PlayCounts.MyHistory}?pageSize=1&page=2")).ShouldBeJsonAsync(HttpStatusCode.OK);

        history.GetProperty("totalCount").GetInt32().Should().Be(2);
        history.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("song").Id()).Should().Equal(songs[0]);
        var first = await (await user.GetAsync($"{PlayCounts.MyHistory}?pageSize=1")).ShouldBeJsonAsync(HttpStatusCode.OK);
        first.GetProperty("items")[0].GetProperty("song").Id().Should().Be(songs[1]);
    }

    [Fact]
    public async Task SongList_SortByPlayCount_MostPlayedFirst()
    {
        var genre = Unique.Name("g");
        var songs = new List<int>();
        for (var i = 0; i < 3; i++) songs.Add((await factory.AsAdmin().CreateSongAsync(b => b["genre"] = genre)).Id());
        await factory.AsUser().RecordAsync(PlayCounts.Play(songs[1], 300), PlayCounts.Play(songs[1], 300), PlayCounts.Play(songs[2], 300),
            PlayCounts.Play(songs[0], 1));

        var list = await (await factory.Anonymous().GetAsync($"{CatalogApi.Songs}?genre={genre}&sort=-playCount")).ShouldBeJsonAsync(HttpStatusCode.OK);

        list.ItemIds().Should().Equal(songs[1], songs[2], songs[0]);
        list.GetProperty("items")[0].GetProperty("playCount").GetInt32().Should().Be(2);
    }
}
