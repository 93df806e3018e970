using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MusicPlayer.Api.Caching;
using MusicPlayer.Api.IntegrationTests.Support;

namespace MusicPlayer.Api.IntegrationTests.Catalog;

/// <summary>
/// Public catalog lists are cached and validated with ETags: an unchanged list answers 304, every
/// catalog edit is visible on the very next read, and like counts within a second
/// (<see cref="ListCountFreshnessTests"/> holds that bound exactly, with a clock the test moves).
/// </summary>
public sealed class ListCacheTests(MusicPlayerFactory factory) : IClassFixture<MusicPlayerFactory>
{
    private readonly HttpClient _anonymous = factory.Anonymous();
    private readonly HttpClient _admin = factory.AsAdmin();
    private readonly HttpClient _user = factory.AsUser();

    private async Task<(string ETag, JsonElement Body)> ReadAsync(string path)
    {
        var response = await _anonymous.GetAsync(path);
        var body = await response.ShouldBeJsonAsync(HttpStatusCode.OK);
        response.Headers.CacheControl!.NoCache.Should().BeTrue("clients must revalidate, never reuse a list blindly");
        return (response.Headers.ETag!.Tag, body);
    }

    private async Task<HttpResponseMessage> ConditionalAsync(string path, string etag)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        return await _anonymous.SendAsync(request);
    }

    [Theory]
    [InlineData(CatalogApi.Songs)]
    [InlineData(CatalogApi.Albums)]
    public async Task List_IfNoneMatchCurrentETag_Returns304WithoutBody(string path)
    {
        var (etag, _) = await ReadAsync(path);

        var response = await ConditionalAsync(path, etag);

        response.StatusCode.Should().Be(HttpStatusCode.NotModified);
        response.Headers.ETag!.Tag.Should().Be(etag);
        (await response.Content.ReadAsByteArrayAsync()).Should().BeEmpty();
    }

    [Theory]
    [InlineData("\"not-it\", {0}")]
    [InlineData("\"not-it\",{0} , \"nor-this\"")]
    [InlineData("*")]
    public async Task List_IfNoneMatchListingTheETagOrStar_Returns304(string header)
    {
        var (etag, _) = await ReadAsync(CatalogApi.Songs);

        var response = await ConditionalAsync(CatalogApi.Songs, string.Format(System.Globalization.CultureInfo.InvariantCulture, header, etag));

        response.StatusCode.Should().Be(HttpStatusCode.NotModified);
    }

    [Fact]
    public async Task List_IfNoneMatchOtherETag_Returns200()
    {
        var response = await ConditionalAsync(CatalogApi.Songs, "\"not-the-current-one\"");

        await response.ShouldBeJsonAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task SongList_AfterCreate_ShowsTheNewSongAndANewETag()
    {
        var genre = Unique.Name("Genre");
        var path = $"{CatalogApi.Songs}?genre={genre}";
        var (before, empty) = await ReadAsync(path);
        empty.GetProperty("totalCount").GetInt32().Should().Be(0);

        await _admin.CreateSongAsync(b => b["genre"] = genre);

        (await ConditionalAsync(path, before)).StatusCode.Should().Be(HttpStatusCode.OK);
        var (after, body) = await ReadAsync(path);
        after.Should().NotBe(before);
        body.GetProperty("totalCount").GetInt32().Should().Be(1);
    }

    [Fact]
    public async Task SongList_AfterUpdateAndDelete_ShowsEachChange()
    {
        var genre = Unique.Name("Genre");
        var path = $"{CatalogApi.Songs}?genre={genre}";
        var song = await _admin.CreateSongAsync(b => b["genre"] = genre);
        await ReadAsync(path);

        (await _admin.PutAsJsonAsync($"{CatalogApi.Songs}/{song.Id()}", CatalogApi.SongBody(b => { b["genre"] = genre; b["title"] = "Renamed"; })))
            .StatusCode.Should().Be(HttpStatusCode.OK);
        (await ReadAsync(path)).Body.GetProperty("items")[0].GetProperty("title").GetString().Should().Be("Renamed");

        (await _admin.DeleteAsync($"{CatalogApi.Songs}/{song.Id()}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await ReadAsync(path)).Body.GetProperty("totalCount").GetInt32().Should().Be(0);
    }

    [Fact]
    public async Task SongList_AfterLikeAndUnlike_ShowsTheCountWithinASecond()
    {
        var genre = Unique.Name("Genre");
        var path = $"{CatalogApi.Songs}?genre={genre}";
        var song = await _admin.CreateSongAsync(b => b["genre"] = genre);
        await ReadAsync(path);

        (await _user.PutAsync($"{CatalogApi.Songs}/{song.Id()}/like", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        await ShowsLikeCountAsync(path, 1, Stopwatch.GetTimestamp());

        (await _user.DeleteAsync($"{CatalogApi.Songs}/{song.Id()}/like")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        await ShowsLikeCountAsync(path, 0, Stopwatch.GetTimestamp());
    }

    private Task ShowsLikeCountAsync(string path, int count, long since) =>
        Within.HoldsAsync(CatalogListCache.CountsLag, since,
            async () => (await ReadAsync(path)).Body.GetProperty("items")[0].GetProperty("likeCount").GetInt32() == count,
            $"a list read a second after a like or unlike shows likeCount {count}");

    [Fact]
    public async Task SongListOfAlbum_AfterLinkAndUnlink_ShowsTheTrackList()
    {
        var album = await _admin.CreateAlbumAsync();
        var song = await _admin.CreateSongAsync();
        var path = $"{CatalogApi.Songs}?albumId={album.Id()}";
        (await ReadAsync(path)).Body.GetProperty("totalCount").GetInt32().Should().Be(0);

        await _admin.LinkAsync(album.Id(), song.Id(), 1);
        (await ReadAsync(path)).Body.GetProperty("totalCount").GetInt32().Should().Be(1);

        (await _admin.DeleteAsync($"{CatalogApi.Albums}/{album.Id()}/songs/{song.Id()}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await ReadAsync(path)).Body.GetProperty("totalCount").GetInt32().Should().Be(0);
    }

    [Fact]
    public async Task AlbumList_AfterCreateUpdateDelete_ShowsEachChange()
    {
        var artist = Unique.Name("Artist");
        var path = $"{CatalogApi.Albums}?artist={artist}";
        (await ReadAsync(path)).Body.GetProperty("totalCount").GetInt32().Should().Be(0);

        var album = await _admin.CreateAlbumAsync(b => b["artist"] = artist);
        (await ReadAsync(path)).Body.GetProperty("totalCount").GetInt32().Should().Be(1);

        (await _admin.PutAsJsonAsync($"{CatalogApi.Albums}/{album.Id()}", CatalogApi.AlbumBody(b => { b["artist"] = artist; b["title"] = "Renamed"; })))
            .StatusCode.Should().Be(HttpStatusCode.OK);
        (await ReadAsync(path)).Body.GetProperty("items")[0].GetProperty("title").GetString().Should().Be("Renamed");

        (await _admin.DeleteAsync($"{CatalogApi.Albums}/{album.Id()}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await ReadAsync(path)).Body.GetProperty("totalCount").GetInt32().Should().Be(0);
    }

    [Fact]
    public async Task SongList_AfterDeletingAUserWhoLikedASong_ShowsTheLowerCount()
    {
        var genre = Unique.Name("Genre");
        var path = $"{CatalogApi.Songs}?genre={genre}";
        var song = await _admin.CreateSongAsync(b => b["genre"] = genre);
        var fan = await factory.CreateAccountAsync("user");
        (await factory.WithToken(fan.Token()).PutAsync($"{CatalogApi.Songs}/{song.Id()}/like", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await ReadAsync(path)).Body.GetProperty("items")[0].GetProperty("likeCount").GetInt32().Should().Be(1);

        (await _admin.DeleteAsync($"/api/v1/users/{fan.Id}")).StatusCode.Should().Be(HttpStatusCode.NoContent);

        (await ReadAsync(path)).Body.GetProperty("items")[0].GetProperty("likeCount").GetInt32().Should().Be(0, "a user deletion shows at once");
    }

    [Fact]
    public async Task List_InvalidQuery_IsNeverCached()
    {
        var first = await _anonymous.GetAsync($"{CatalogApi.Songs}?page=0");
        var second = await _anonymous.GetAsync($"{CatalogApi.Songs}?page=0");

        await first.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await second.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        second.Headers.ETag.Should().BeNull();
    }
}
