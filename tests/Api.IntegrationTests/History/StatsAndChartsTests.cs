using System.Net;
using System.Text.Json;
using MusicPlayer.Api.IntegrationTests.Support;
using MusicPlayer.Application.Features.History;

namespace MusicPlayer.Api.IntegrationTests.History;

/// <summary>Per-user statistics (local days across DST switches, tops, zero days), charts of each period, and the admin overview.</summary>
public sealed class StatsAndChartsTests(MusicPlayerFactory factory) : IClassFixture<MusicPlayerFactory>
{
    private static DateTime Utc(string at) => DateTime.Parse(at, System.Globalization.CultureInfo.InvariantCulture,
        System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal);

    private async Task<(TestAccount Account, HttpClient Client)> NewUserAsync()
    {
        var account = await factory.CreateAccountAsync("user");
        return (account, factory.WithToken(account.Token()));
    }

    private static async Task<JsonElement> StatsAsync(HttpClient client, string query) =>
        await (await client.GetAsync($"{PlayCounts.MyStats}?{query}")).ShouldBeJsonAsync(HttpStatusCode.OK);

    [Fact]
    public async Task Stats_AcrossTheAutumnDstSwitch_CountTheLocalDay()
    {
        // Europe/Berlin, 25 October 2026: 03:00 CEST (UTC+2) becomes 02:00 CET (UTC+1) at 01:00 UTC; that day lasts 25 hours.
        var songId = (await factory.AsAdmin().CreateSongAsync()).Id();
        var (account, client) = await NewUserAsync();
        await factory.RecordThroughStoreAsync(account.Id,
            new NewPlay(songId, Utc("2026-10-24T21:59:00Z"), 300, null), // 23:59 CEST, 24 Oct
            new NewPlay(songId, Utc("2026-10-24T22:00:00Z"), 300, null), // 00:00 CEST, 25 Oct
            new NewPlay(songId, Utc("2026-10-25T00:30:00Z"), 300, null), // 02:30 CEST
            new NewPlay(songId, Utc("2026-10-25T01:30:00Z"), 300, null), // 02:30 CET, the repeated hour
            new NewPlay(songId, Utc("2026-10-25T22:59:00Z"), 300, null), // 23:59 CET, 25 Oct
            new NewPlay(songId, Utc("2026-10-25T23:00:00Z"), 300, null)); // 00:00 CET, 26 Oct

        var berlin = await StatsAsync(client, "from=2026-10-23&to=2026-10-27&tz=Europe/Berlin");
        var utc = await StatsAsync(client, "from=2026-10-23&to=2026-10-27");

        berlin.PlaysPerDay().Should().Equal(new Dictionary<string, int>
        {
            ["2026-10-23"] = 0, ["2026-10-24"] = 1, ["2026-10-25"] = 4, ["2026-10-26"] = 1, ["2026-10-27"] = 0,
        });
        berlin.GetProperty("perDay").EnumerateArray().Select(d => d.GetProperty("date").GetString()).Should().BeInAscendingOrder();
        berlin.GetProperty("tz").GetString().Should().Be("Europe/Berlin");
        berlin.GetProperty("totalPlays").GetInt32().Should().Be(6);
        utc.PlaysPerDay().Should().Equal(new Dictionary<string, int>
        {
            ["2026-10-23"] = 0, ["2026-10-24"] = 2, ["2026-10-25"] = 4, ["2026-10-26"] = 0, ["2026-10-27"] = 0,
        });
    }

    [Fact]
    public async Task Stats_AcrossTheSpringDstSwitch_CountTheLocalDay()
    {
        // America/New_York, 8 March 2026: 02:00 EST (UTC-5) becomes 03:00 EDT (UTC-4) at 07:00 UTC; that day lasts 23 hours.
        var songId = (await factory.AsAdmin().CreateSongAsync()).Id();
        var (account, client) = await NewUserAsync();
        await factory.RecordThroughStoreAsync(account.Id,
            new NewPlay(songId, Utc("2026-03-08T04:59:00Z"), 300, null), // 23:59 EST, 7 Mar
            new NewPlay(songId, Utc("2026-03-08T05:00:00Z"), 300, null), // 00:00 EST, 8 Mar
            new NewPlay(songId, Utc("2026-03-08T07:00:00Z"), 300, null), // 03:00 EDT
            new NewPlay(songId, Utc("2026-03-09T03:59:00Z"), 300, null), // 23:59 EDT, 8 Mar
            new NewPlay(songId, Utc("2026-03-09T04:00:00Z"), 300, null)); // 00:00 EDT, 9 Mar

        var stats = await StatsAsync(client, "from=2026-03-07&to=2026-03-09&tz=America/New_York");

        stats.PlaysPerDay().Should().Equal(new Dictionary<string, int> { ["2026-03-07"] = 1, ["2026-03-08"] = 3, ["2026-03-09"] = 1 });
    }

    [Fact]
    public async Task Stats_HalfHourZone_CountsTheLocalDay()
    {
        var songId = (await factory.AsAdmin().CreateSongAsync()).Id();
        var (account, client) = await NewUserAsync();
        await factory.RecordThroughStoreAsync(account.Id,
            new NewPlay(songId, Utc("2026-11-01T18:29:00Z"), 300, null), // 23:59 IST (UTC+5:30), 1 Nov
            new NewPlay(songId, Utc("2026-11-01T18:30:00Z"), 300, null)); // 00:00 IST, 2 Nov

        var stats = await StatsAsync(client, "from=2026-11-01&to=2026-11-02&tz=Asia/Kolkata");

        stats.PlaysPerDay().Should().Equal(new Dictionary<string, int> { ["2026-11-01"] = 1, ["2026-11-02"] = 1 });
    }

    [Fact]
    public async Task Stats_TotalsAndTops_CountCountedPlaysAndSumAllSeconds()
    {
        var admin = factory.AsAdmin();
        var artist = Unique.Name("Artist");
        var a = (await admin.CreateSongAsync(b => (b["artist"], b["genre"]) = (artist, "Jazz"))).Id();
        var b2 = (await admin.CreateSongAsync(b => (b["artist"], b["genre"]) = (artist.ToUpperInvariant(), "Jazz"))).Id();
        var c = (await admin.CreateSongAsync(b => (b["artist"], b["genre"]) = ("Other", "Blues"))).Id();
        var (_, client) = await NewUserAsync();
        await client.RecordAsync(PlayCounts.Play(a, 300), PlayCounts.Play(a, 300), PlayCounts.Play(a, 300),
            PlayCounts.Play(b2, 300), PlayCounts.Play(c, 300), PlayCounts.Play(c, 300), PlayCounts.Play(c, 10));

        var stats = await StatsAsync(client, "");

        stats.GetProperty("totalPlays").GetInt32().Should().Be(6, "the 10-second play does not count");
        stats.GetProperty("totalSeconds").GetInt64().Should().Be(6 * 300 + 10, "seconds sum every play");
        stats.GetProperty("uniqueSongs").GetInt32().Should().Be(3);
        stats.GetProperty("topSongs").EnumerateArray().Select(t => (t.GetProperty("song").Id(), t.GetProperty("plays").GetInt32()))
            .Should().Equal((a, 3), (c, 2), (b2, 1));
        stats.GetProperty("topArtists").EnumerateArray().Select(t => t.GetProperty("plays").GetInt32()).Should().Equal(4, 2);
        stats.GetProperty("topArtists")[0].GetProperty("name").GetString()!.ToUpperInvariant().Should().Be(artist.ToUpperInvariant(),
            "artists are grouped case-insensitively");
        stats.GetProperty("topGenres").EnumerateArray().Select(t => (t.Str("name"), t.GetProperty("plays").GetInt32()))
            .Should().Equal(("Jazz", 4), ("Blues", 2));
        var days = stats.GetProperty("perDay").EnumerateArray().ToList();
        days.Should().HaveCount(30, "the default range is the last 30 days");
        days[^1].Str("date").Should().Be(DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        days[^1].GetProperty("plays").GetInt32().Should().Be(6);
        days[^1].GetProperty("seconds").GetInt64().Should().Be(1810);
    }

    [Fact]
    public async Task Stats_ReadAgainAfterNewPlaysOrASongsDeletion_AreCurrent()
    {
        var songId = (await factory.AsAdmin().CreateSongAsync()).Id();
        var (_, client) = await NewUserAsync();
        await client.RecordAsync(PlayCounts.Play(songId, 300));
        (await StatsAsync(client, "")).GetProperty("totalPlays").GetInt32().Should().Be(1);

        await client.RecordAsync(PlayCounts.Play(songId, 300));
        var afterPlay = await StatsAsync(client, "");
        await (await factory.AsAdmin().DeleteAsync($"{CatalogApi.Songs}/{songId}")).ShouldBeEmptyAsync(HttpStatusCode.NoContent);
        var afterDeletion = await StatsAsync(client, "");

        afterPlay.GetProperty("totalPlays").GetInt32().Should().Be(2);
        afterDeletion.GetProperty("totalPlays").GetInt32().Should().Be(0, "the song's plays went with it");
    }

    [Fact]
    public async Task Stats_OtherUsersPlays_AreNotCounted()
    {
        var songId = (await factory.AsAdmin().CreateSongAsync()).Id();
        await factory.AsAdmin().RecordAsync(PlayCounts.Play(songId, 300));
        var (_, client) = await NewUserAsync();

        var stats = await StatsAsync(client, "");

        stats.GetProperty("totalPlays").GetInt32().Should().Be(0);
        stats.GetProperty("topSongs").GetArrayLength().Should().Be(0);
        stats.GetProperty("perDay").EnumerateArray().Should().OnlyContain(d => d.GetProperty("plays").GetInt32() == 0);
    }

    [Theory]
    [InlineData("tz=Mars/Olympus", "tz")]
    [InlineData("tz=CEST", "tz")]
    [InlineData("from=2026-02-01&to=2026-01-01", "from")]
    [InlineData("from=2024-01-01&to=2025-01-01", "to")]
    [InlineData("from=yesterday", "from")]
    public async Task Stats_BadRange_IsA400(string query, string field)
    {
        var response = await factory.AsUser().GetAsync($"{PlayCounts.MyStats}?{query}");

        await response.ShouldBeValidationProblemAsync(field);
    }

    [Fact]
    public async Task Charts_Periods_RankSongsByCountedPlaysInTheWindow()
    {
        var genre = Unique.Name("chart");
        var songs = new List<int>();
        for (var i = 0; i < 3; i++) songs.Add((await factory.AsAdmin().CreateSongAsync(b => b["genre"] = genre)).Id());
        var (account, _) = await NewUserAsync();
        var now = DateTime.UtcNow;
        await factory.RecordThroughStoreAsync(account.Id,
            new NewPlay(songs[0], now.AddHours(-1), 300, null),
            new NewPlay(songs[0], now.AddDays(-3), 300, null),
            new NewPlay(songs[1], now.AddDays(-3), 300, null),
            new NewPlay(songs[1], now.AddDays(-3), 300, null),
            new NewPlay(songs[1], now.AddDays(-3), 300, null),
            new NewPlay(songs[2], now.AddDays(-20), 300, null),
            new NewPlay(songs[2], now.AddDays(-20), 300, null),
            new NewPlay(songs[2], now.AddDays(-20), 300, null),
            new NewPlay(songs[2], now.AddDays(-20), 300, null),
            new NewPlay(songs[2], now.AddDays(-40), 300, null),
            new NewPlay(songs[0], now.AddHours(-1), 5, null)); // not counted

        async Task<List<(int, int)>> Chart(string period)
        {
            var chart = await (await factory.Anonymous().GetAsync($"{PlayCounts.SongCharts}?period={period}&pageSize=100")).ShouldBeJsonAsync(HttpStatusCode.OK);
            return chart.GetProperty("items").EnumerateArray().Where(s => songs.Contains(s.Id()))
                .Select(s => (s.Id(), s.GetProperty("plays").GetInt32())).ToList();
        }

        (await Chart("day")).Should().Equal((songs[0], 1));
        (await Chart("week")).Should().Equal((songs[1], 3), (songs[0], 2));
        (await Chart("month")).Should().Equal((songs[2], 4), (songs[1], 3), (songs[0], 2));
        (await Chart("all")).Should().Equal((songs[2], 5), (songs[1], 3), (songs[0], 2));
    }

    [Fact]
    public async Task Charts_Paging_CountsTheSongsOfThePeriod()
    {
        var songs = new List<int>();
        for (var i = 0; i < 3; i++) songs.Add((await factory.AsAdmin().CreateSongAsync()).Id());
        await factory.AsUser().RecordAsync([.. songs.Select(id => PlayCounts.Play(id, 300))]);

        var page = await (await factory.Anonymous().GetAsync($"{PlayCounts.SongCharts}?period=day&pageSize=1&page=2")).ShouldBeJsonAsync(HttpStatusCode.OK);
        var beyond = await (await factory.Anonymous().GetAsync($"{PlayCounts.SongCharts}?period=day&page=1000")).ShouldBeJsonAsync(HttpStatusCode.OK);

        page.GetProperty("items").GetArrayLength().Should().Be(1);
        page.GetProperty("totalCount").GetInt32().Should().BeGreaterThanOrEqualTo(3);
        beyond.GetProperty("items").GetArrayLength().Should().Be(0);
        await (await factory.Anonymous().GetAsync($"{PlayCounts.SongCharts}?period=year")).ShouldBeValidationProblemAsync("period");
        await (await factory.Anonymous().GetAsync($"{PlayCounts.SongCharts}?pageSize=101")).ShouldBeValidationProblemAsync("pageSize");
    }

    [Fact]
    public async Task Charts_ReadAgainAfterNewPlays_ShowThem()
    {
        var songId = (await factory.AsAdmin().CreateSongAsync()).Id();
        var path = $"{PlayCounts.SongCharts}?period=day&pageSize=100";
        var before = await (await factory.Anonymous().GetAsync(path)).ShouldBeJsonAsync(HttpStatusCode.OK);

        await factory.AsUser().RecordAsync(PlayCounts.Play(songId, 300));
        var after = await (await factory.Anonymous().GetAsync(path)).ShouldBeJsonAsync(HttpStatusCode.OK);

        before.ItemIds().Should().NotContain(songId);
        after.ItemIds().Should().Contain(songId);
    }

    [Fact]
    public async Task Overview_Admin_CountsEverything()
    {
        var before = await (await factory.AsAdmin().GetAsync(PlayCounts.Overview)).ShouldBeJsonAsync(HttpStatusCode.OK);
        var songId = (await factory.AsAdmin().CreateSongAsync()).Id();
        await factory.AsUser().RecordAsync(PlayCounts.Play(songId, 1), PlayCounts.Play(songId, 300));
        await factory.AsUser().CreatePlaylistAsync();

        var after = await (await factory.AsAdmin().GetAsync(PlayCounts.Overview)).ShouldBeJsonAsync(HttpStatusCode.OK);

        after.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(["users", "songs", "albums", "playlists", "plays", "storedBytes", "storedFiles"]);
        after.GetProperty("playlists").GetInt32().Should().Be(before.GetProperty("playlists").GetInt32() + 1);
        after.GetProperty("songs").GetInt32().Should().Be(before.GetProperty("songs").GetInt32() + 1);
        after.GetProperty("plays").GetInt64().Should().Be(before.GetProperty("plays").GetInt64() + 2, "every play, counted or not");
        after.GetProperty("users").GetInt32().Should().BeGreaterThanOrEqualTo(2);
        (await factory.AsUser().GetAsync(PlayCounts.Overview)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}
