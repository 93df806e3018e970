using MusicPlayer.Api.IntegrationTests.Support;

namespace MusicPlayer.Api.IntegrationTests.Playlists;

/// <summary>
/// Smart playlist conditions on listening history read recorded plays in the database: <c>playCount</c> the
/// song's counted plays, <c>lastPlayedAt</c> the owner's last play of it (counted or not), never someone else's.
/// </summary>
public sealed class PlayConditionTests(MusicPlayerFactory factory) : IClassFixture<MusicPlayerFactory>
{
    [Fact]
    public async Task PlayConditions_SelectByRecordedPlays()
    {
        var genre = Unique.Name("G");
        var admin = factory.AsAdmin();
        async Task<int> Song(string title) =>
            (await admin.CreateSongAsync(b => (b["title"], b["genre"], b["duration"]) = (title, genre, 100))).Id();
        var (often, once, byOthers, skipped) = (await Song("Often"), await Song("Once"), await Song("By others"), await Song("Skipped"));
        var owner = factory.WithToken((await factory.CreateAccountAsync("user")).Token());
        var other = factory.WithToken((await factory.CreateAccountAsync("user")).Token());
        var now = DateTime.UtcNow;
        await owner.RecordAsync(
            PlayCounts.Play(often, 100, playedAt: now.AddMinutes(-5)), PlayCounts.Play(often, 100, playedAt: now.AddDays(-20)),
            PlayCounts.Play(once, 60, playedAt: now.AddDays(-10)),
            PlayCounts.Play(skipped, 5, playedAt: now.AddDays(-2)));
        await other.RecordAsync(PlayCounts.Play(byOthers, 100), PlayCounts.Play(often, 100));

        async Task<int[]> Matching(string field, string op, object value)
        {
            var conditions = new object[]
            {
                new { field = "genre", @operator = "is", value = genre },
                new { field, @operator = op, value },
            };
            var playlist = await owner.CreatePlaylistAsync(rules: new { match = "all", conditions, sort = "title" });
            return await owner.SongIdsAsync(playlist.Id());
        }

        // Counted plays of anyone: "often" 3, "once" 1, "by others" 1, "skipped" 0 (5 s of 100 does not count).
        (await Matching("playCount", "gt", 1)).Should().Equal(often);
        (await Matching("playCount", "is", 0)).Should().Equal(skipped);
        (await Matching("playCount", "between", new[] { 1, 3 })).Should().Equal(byOthers, often, once);
        // The owner's last play, counted or not; the owner never played "by others".
        (await Matching("lastPlayedAt", "inLastDays", 1)).Should().Equal(often);
        (await Matching("lastPlayedAt", "inLastDays", 7)).Should().Equal(often, skipped);
        (await Matching("lastPlayedAt", "notInLastDays", 7)).Should().Equal(byOthers, once);
        (await Matching("lastPlayedAt", "before", now.AddDays(-5).ToString("O"))).Should().Equal(once);
    }
}
