using System.Globalization;
using System.Net;
using System.Text.Json;
using MusicPlayer.Api.IntegrationTests.Support;

namespace MusicPlayer.Api.IntegrationTests.Catalog;

/// <summary>PUT and DELETE /api/v1/songs/{id}/like: idempotent toggles, likeCount, likedByMe, the -likeCount sort.</summary>
public sealed class LikeTests(MusicPlayerFactory factory) : IClassFixture<MusicPlayerFactory>
{
    private readonly HttpClient _admin = factory.AsAdmin();
    private readonly HttpClient _user = factory.AsUser();

    private static string Like(int songId) => $"{CatalogApi.Songs}/{songId}/like";

    private static async Task LikeAsync(HttpClient client, int songId) =>
        await (await client.PutAsync(Like(songId), null)).ShouldBeEmptyAsync(HttpStatusCode.NoContent);

    private async Task<JsonElement> SongAsync(HttpClient client, int songId) =>
        await (await client.GetAsync($"{CatalogApi.Songs}/{songId}")).ShouldBeJsonAsync(HttpStatusCode.OK);

    [Fact]
    public async Task LikeSong_Twice_Returns204AndCountsOneLike()
    {
        var song = await _admin.CreateSongAsync();

        var first = await _user.PutAsync(Like(song.Id()), null);
        var second = await _user.PutAsync(Like(song.Id()), null);

        await first.ShouldBeEmptyAsync(HttpStatusCode.NoContent);
        await second.ShouldBeEmptyAsync(HttpStatusCode.NoContent);
        var seen = await SongAsync(_user, song.Id());
        seen.GetProperty("likeCount").GetInt32().Should().Be(1);
        seen.GetProperty("likedByMe").GetBoolean().Should().BeTrue();
        var byOther = await SongAsync(_admin, song.Id());
        byOther.GetProperty("likeCount").GetInt32().Should().Be(1);
        byOther.GetProperty("likedByMe").GetBoolean().Should().BeFalse("likedByMe is about the caller");
    }

    [Fact]
    public async Task UnlikeSong_Liked_Returns204AndUncounts()
    {
        var song = await _admin.CreateSongAsync();
        await LikeAsync(_user, song.Id());
        await LikeAsync(_admin, song.Id());

        var response = await _user.DeleteAsync(Like(song.Id()));

        await response.ShouldBeEmptyAsync(HttpStatusCode.NoContent);
        var seen = await SongAsync(_user, song.Id());
        seen.GetProperty("likeCount").GetInt32().Should().Be(1);
        seen.GetProperty("likedByMe").GetBoolean().Should().BeFalse();
    }

    [Fact]
    public async Task UnlikeSong_NotLiked_Returns204AndChangesNothing()
    {
        var song = await _admin.CreateSongAsync();
        await LikeAsync(_admin, song.Id());

        var first = await _user.DeleteAsync(Like(song.Id()));
        var second = await _user.DeleteAsync(Like(song.Id()));

        await first.ShouldBeEmptyAsync(HttpStatusCode.NoContent);
        await second.ShouldBeEmptyAsync(HttpStatusCode.NoContent);
        (await SongAsync(_user, song.Id())).GetProperty("likeCount").GetInt32().Should().Be(1);
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public async Task LikeToggle_MissingSong_Returns404(string method)
    {
        var response = await _user.SendAsync(new HttpRequestMessage(new HttpMethod(method), Like(987654)));

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public async Task LikeToggle_NoToken_Returns401(string method)
    {
        var song = await _admin.CreateSongAsync();

        var response = await factory.Anonymous().SendAsync(new HttpRequestMessage(new HttpMethod(method), Like(song.Id())));

        await response.ShouldBeUnauthorizedAsync();
    }

    [Fact]
    public async Task ListSongs_SortByLikes_MostLikedFirstThenNewest()
    {
        var genre = Unique.Name("liked");
        var none = await _admin.CreateSongAsync(b => b["genre"] = genre);
        var two = await _admin.CreateSongAsync(b => b["genre"] = genre);
        var one = await _admin.CreateSongAsync(b => b["genre"] = genre);
        var alsoNone = await _admin.CreateSongAsync(b => b["genre"] = genre);
        await LikeAsync(_user, two.Id());
        await LikeAsync(_admin, two.Id());
        await LikeAsync(_user, one.Id());

        var page = await (await factory.Anonymous().GetAsync($"{CatalogApi.Songs}?genre={genre}&sort=-likeCount")).ShouldBeJsonAsync(HttpStatusCode.OK);

        page.ItemIds().Should().Equal(two.Id(), one.Id(), alsoNone.Id(), none.Id());
        page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("likeCount").GetInt32()).Should().Equal(2, 1, 0, 0);
    }

    [Fact]
    public async Task LikeSong_ManyUsersAtOnce_CountsEveryLike()
    {
        var song = await _admin.CreateSongAsync();
        var accounts = new List<TestAccount>();
        for (var i = 0; i < 8; i++) accounts.Add(await factory.CreateAccountAsync("user"));

        var responses = await Task.WhenAll(accounts.Select(a => factory.WithToken(a.Token()).PutAsync(Like(song.Id()), null)));

        responses.Select(r => r.StatusCode).Should().AllBeEquivalentTo(HttpStatusCode.NoContent);
        (await SongAsync(_admin, song.Id())).GetProperty("likeCount").GetInt32().Should().Be(8);
    }

    [Fact]
    public async Task LikeSong_SameUserAtOnce_CountsOneLike()
    {
        var song = await _admin.CreateSongAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => _user.PutAsync(Like(song.Id()), null)));

        responses.Select(r => r.StatusCode).Should().AllBeEquivalentTo(HttpStatusCode.NoContent);
        (await SongAsync(_user, song.Id())).GetProperty("likeCount").GetInt32().Should().Be(1);
    }

    [Fact]
    public async Task MyLikes_AfterLiking_ListsNewestFirstWithLikedAt()
    {
        var liker = factory.WithToken((await factory.CreateAccountAsync("user")).Token());
        var first = await _admin.CreateSongAsync();
        var second = await _admin.CreateSongAsync();
        await LikeAsync(liker, first.Id());
        await LikeAsync(liker, second.Id());

        var page = await (await liker.GetAsync("/api/v1/users/me/likes")).ShouldBeJsonAsync(HttpStatusCode.OK);

        page.ItemIds().Should().Equal(second.Id(), first.Id());
        page.GetProperty("totalCount").GetInt32().Should().Be(2);
        foreach (var item in page.GetProperty("items").EnumerateArray())
        {
            var likedAt = item.Str("likedAt");
            likedAt.Should().EndWith("Z");
            DateTime.Parse(likedAt, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind).Kind.Should().Be(DateTimeKind.Utc);
            item.GetProperty("likeCount").GetInt32().Should().Be(1);
        }
    }

    [Fact]
    public async Task DeleteSong_WithLikes_RemovesTheLikes()
    {
        var liker = factory.WithToken((await factory.CreateAccountAsync("user")).Token());
        var song = await _admin.CreateSongAsync();
        var kept = await _admin.CreateSongAsync();
        await LikeAsync(liker, song.Id());
        await LikeAsync(liker, kept.Id());

        await (await _admin.DeleteAsync($"{CatalogApi.Songs}/{song.Id()}")).ShouldBeEmptyAsync(HttpStatusCode.NoContent);

        var page = await (await liker.GetAsync("/api/v1/users/me/likes")).ShouldBeJsonAsync(HttpStatusCode.OK);
        page.ItemIds().Should().Equal(kept.Id());
        await (await liker.PutAsync(Like(song.Id()), null)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }
}
