using System.Net;
using MusicPlayer.Api.IntegrationTests.Support;
using MusicPlayer.Application.Common.Search;

namespace MusicPlayer.Api.IntegrationTests.Search;

/// <summary>
/// Ties of likes are broken by counted plays (recorded through the API), then by id, in every tier and for artists,
/// both when search ranks every match at once and when it reads tiers in index order (a large catalog).
/// </summary>
public sealed class SearchPopularityTests
{
    public static TheoryData<bool, string> Queries()
    {
        var data = new TheoryData<bool, string>();
        foreach (var inIndexOrder in new[] { false, true })
        {
            data.Add(inIndexOrder, "quokka lullaby"); // exact title
            data.Add(inIndexOrder, "quokka lull"); // title prefix
            data.Add(inIndexOrder, "lullaby"); // word match
            data.Add(inIndexOrder, "quokka lulaby"); // typo match
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task Search_TiesOfLikes_GoToTheMorePlayedSong(bool inIndexOrder, string q)
    {
        await using var factory = new SearchCatalogFactory(inIndexOrder ? new SearchLimits(RankAllUpTo: 0) : null);
        await factory.InitializeAsync();
        var admin = factory.AsAdmin();
        var lessPlayed = (await admin.CreateSongAsync(b => (b["title"], b["artist"]) = ("Quokka Lullaby", "Quokka Alpha"))).Id();
        var morePlayed = (await admin.CreateSongAsync(b => (b["title"], b["artist"]) = ("Quokka Lullaby", "Quokka Beta"))).Id();
        await factory.AsUser().RecordAsync(PlayCounts.Play(morePlayed, 200), PlayCounts.Play(morePlayed, 200), PlayCounts.Play(lessPlayed, 200));

        var result = await (await factory.Anonymous().GetAsync($"/api/v1/search?q={Uri.EscapeDataString(q)}")).ShouldBeJsonAsync(HttpStatusCode.OK);

        // Same title and likes (none): the song with 2 plays before the one with 1, though its id is higher.
        result.GetProperty("songs").EnumerateArray().Select(s => s.Id()).Should().Equal(morePlayed, lessPlayed);
    }

    /// <summary>Limit 2: the two prefix matches fill it, read by key; limit 10: every matching artist is ranked.</summary>
    [Theory]
    [InlineData(2)]
    [InlineData(10)]
    public async Task Search_ArtistsTiedOnLikesAndSongs_GoByPlays(int limit)
    {
        await using var factory = new SearchCatalogFactory();
        await factory.InitializeAsync();
        var admin = factory.AsAdmin();
        await admin.CreateSongAsync(b => (b["title"], b["artist"]) = ("Wombat Dawn", "Wombat Alpha"));
        var beta = (await admin.CreateSongAsync(b => (b["title"], b["artist"]) = ("Wombat Dusk", "Wombat Beta"))).Id();
        await factory.AsUser().RecordAsync(PlayCounts.Play(beta, 200));

        var result = await (await factory.Anonymous().GetAsync($"/api/v1/search?q=wombat&types=artists&limit={limit}")).ShouldBeJsonAsync(HttpStatusCode.OK);

        // Both prefix matches with one song and no likes: the played artist first, though its name sorts after.
        result.GetProperty("artists").EnumerateArray().Select(a => a.Str("name")).Should().Equal("Wombat Beta", "Wombat Alpha");
    }
}
