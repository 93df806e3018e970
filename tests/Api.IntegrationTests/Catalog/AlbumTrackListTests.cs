using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MusicPlayer.Api.IntegrationTests.Support;

namespace MusicPlayer.Api.IntegrationTests.Catalog;

/// <summary>An album's track list: GET /albums/{id}/songs, PUT and DELETE /albums/{id}/songs/{songId}, and what deletes do to it.</summary>
public sealed class AlbumTrackListTests(MusicPlayerFactory factory) : IClassFixture<MusicPlayerFactory>
{
    private readonly HttpClient _admin = factory.AsAdmin();
    private readonly HttpClient _user = factory.AsUser();

    private Task<HttpResponseMessage> GetTracks(int albumId) => _user.GetAsync($"{CatalogApi.Albums}/{albumId}/songs");

    private async Task<JsonElement> TracksAsync(int albumId) => await (await GetTracks(albumId)).ShouldBeJsonAsync(HttpStatusCode.OK);

    [Fact]
    public async Task ListAlbumSongs_NumberedThenUnnumbered_ReturnsTrackOrder()
    {
        var album = await _admin.CreateAlbumAsync();
        var zeta = await _admin.CreateSongAsync(b => b["title"] = "Zeta");
        var alpha = await _admin.CreateSongAsync(b => b["title"] = "alpha");
        var mango = await _admin.CreateSongAsync(b => b["title"] = "mango");
        var banana = await _admin.CreateSongAsync(b => b["title"] = "Banana");
        var ten = await _admin.CreateSongAsync(b => b["title"] = "Aardvark");
        await _admin.LinkAsync(album.Id(), mango.Id(), null);
        await _admin.LinkAsync(album.Id(), ten.Id(), 10);
        await _admin.LinkAsync(album.Id(), zeta.Id(), 1);
        await _admin.LinkAsync(album.Id(), banana.Id(), null);
        await _admin.LinkAsync(album.Id(), alpha.Id(), 2);

        var tracks = await TracksAsync(album.Id());

        tracks.ValueKind.Should().Be(JsonValueKind.Array, "the track list is a plain array, not a page");
        tracks.Ids().Should().Equal(zeta.Id(), alpha.Id(), ten.Id(), banana.Id(), mango.Id());
        tracks.EnumerateArray().Select(t => t.GetProperty("trackNumber"))
            .Select(n => n.ValueKind == JsonValueKind.Null ? (int?)null : n.GetInt32())
            .Should().Equal(1, 2, 10, null, null);
        var first = tracks[0];
        first.Str("title").Should().Be("Zeta");
        first.Str("fileUrl").Should().Be(zeta.Str("fileUrl"));
        first.GetProperty("likeCount").GetInt32().Should().Be(0);
        first.Str("createdAt").Should().EndWith("Z");
    }

    [Fact]
    public async Task ListAlbumSongs_EmptyAlbum_ReturnsEmptyArray()
    {
        var album = await _admin.CreateAlbumAsync();

        var tracks = await TracksAsync(album.Id());

        tracks.ValueKind.Should().Be(JsonValueKind.Array);
        tracks.GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task ListAlbumSongs_MissingAlbum_Returns404()
    {
        await (await GetTracks(987654)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task SetAlbumSong_Twice_UpdatesTrackNumber()
    {
        var album = await _admin.CreateAlbumAsync();
        var song = await _admin.CreateSongAsync();
        var other = await _admin.CreateSongAsync();
        await _admin.LinkAsync(album.Id(), song.Id(), 1);
        await _admin.LinkAsync(album.Id(), other.Id(), 2);

        await _admin.LinkAsync(album.Id(), song.Id(), 5);

        var tracks = await TracksAsync(album.Id());
        tracks.Ids().Should().Equal(other.Id(), song.Id());
        tracks[1].GetProperty("trackNumber").GetInt32().Should().Be(5);
        var detail = await (await _user.GetAsync($"{CatalogApi.Albums}/{album.Id()}")).ShouldBeJsonAsync(HttpStatusCode.OK);
        detail.GetProperty("songCount").GetInt32().Should().Be(2, "updating a link does not add a second one");
    }

    [Fact]
    public async Task SetAlbumSong_NullTrackNumberOnExistingLink_ClearsIt()
    {
        var album = await _admin.CreateAlbumAsync();
        var song = await _admin.CreateSongAsync();
        await _admin.LinkAsync(album.Id(), song.Id(), 4);

        await _admin.LinkAsync(album.Id(), song.Id(), null);

        var tracks = await TracksAsync(album.Id());
        tracks.GetArrayLength().Should().Be(1);
        tracks[0].GetProperty("trackNumber").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public async Task SetAlbumSong_NoBody_Returns204WithoutTrackNumber()
    {
        var album = await _admin.CreateAlbumAsync();
        var song = await _admin.CreateSongAsync();

        var response = await _admin.PutAsync($"{CatalogApi.Albums}/{album.Id()}/songs/{song.Id()}", null);

        await response.ShouldBeEmptyAsync(HttpStatusCode.NoContent);
        var tracks = await TracksAsync(album.Id());
        tracks.Ids().Should().Equal(song.Id());
        tracks[0].GetProperty("trackNumber").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public async Task SetAlbumSong_EmptyJsonBody_Returns204WithoutTrackNumber()
    {
        var album = await _admin.CreateAlbumAsync();
        var song = await _admin.CreateSongAsync();

        var response = await _admin.PutAsync($"{CatalogApi.Albums}/{album.Id()}/songs/{song.Id()}",
            new StringContent("{}", Encoding.UTF8, "application/json"));

        await response.ShouldBeEmptyAsync(HttpStatusCode.NoContent);
        (await TracksAsync(album.Id())).Ids().Should().Equal(song.Id());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    [InlineData(10000)]
    public async Task SetAlbumSong_TrackNumberOutOfRange_Returns400(int trackNumber)
    {
        var album = await _admin.CreateAlbumAsync();
        var song = await _admin.CreateSongAsync();

        var response = await _admin.PutAsJsonAsync($"{CatalogApi.Albums}/{album.Id()}/songs/{song.Id()}",
            new Dictionary<string, object?> { ["trackNumber"] = trackNumber });

        await response.ShouldBeValidationProblemAsync("trackNumber");
        (await TracksAsync(album.Id())).GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task SetAlbumSong_TrackNumberAsString_Returns400()
    {
        var album = await _admin.CreateAlbumAsync();
        var song = await _admin.CreateSongAsync();

        var response = await _admin.PutAsync($"{CatalogApi.Albums}/{album.Id()}/songs/{song.Id()}",
            new StringContent("""{"trackNumber":"3"}""", Encoding.UTF8, "application/json"));

        await response.ShouldBeValidationProblemAsync("trackNumber");
    }

    [Fact]
    public async Task SetAlbumSong_MissingAlbum_Returns404()
    {
        var song = await _admin.CreateSongAsync();

        var response = await _admin.PutAsJsonAsync($"{CatalogApi.Albums}/987654/songs/{song.Id()}",
            new Dictionary<string, object?> { ["trackNumber"] = 1 });

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task SetAlbumSong_MissingSong_Returns404()
    {
        var album = await _admin.CreateAlbumAsync();

        var response = await _admin.PutAsJsonAsync($"{CatalogApi.Albums}/{album.Id()}/songs/987654",
            new Dictionary<string, object?> { ["trackNumber"] = 1 });

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await TracksAsync(album.Id())).GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task RemoveAlbumSong_Linked_Returns204AndSongStays()
    {
        var album = await _admin.CreateAlbumAsync();
        var song = await _admin.CreateSongAsync();
        var kept = await _admin.CreateSongAsync();
        await _admin.LinkAsync(album.Id(), song.Id(), 1);
        await _admin.LinkAsync(album.Id(), kept.Id(), 2);

        var response = await _admin.DeleteAsync($"{CatalogApi.Albums}/{album.Id()}/songs/{song.Id()}");

        await response.ShouldBeEmptyAsync(HttpStatusCode.NoContent);
        (await TracksAsync(album.Id())).Ids().Should().Equal(kept.Id());
        var fetched = await (await _user.GetAsync($"{CatalogApi.Songs}/{song.Id()}")).ShouldBeJsonAsync(HttpStatusCode.OK);
        fetched.GetProperty("albums").GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task RemoveAlbumSong_LinkDoesNotExist_Returns404()
    {
        var album = await _admin.CreateAlbumAsync();
        var song = await _admin.CreateSongAsync();

        var response = await _admin.DeleteAsync($"{CatalogApi.Albums}/{album.Id()}/songs/{song.Id()}");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task RemoveAlbumSong_RemovedTwice_SecondReturns404()
    {
        var album = await _admin.CreateAlbumAsync();
        var song = await _admin.CreateSongAsync();
        await _admin.LinkAsync(album.Id(), song.Id(), 1);
        await (await _admin.DeleteAsync($"{CatalogApi.Albums}/{album.Id()}/songs/{song.Id()}")).ShouldBeEmptyAsync(HttpStatusCode.NoContent);

        var response = await _admin.DeleteAsync($"{CatalogApi.Albums}/{album.Id()}/songs/{song.Id()}");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task RemoveAlbumSong_MissingAlbum_Returns404()
    {
        var song = await _admin.CreateSongAsync();

        var response = await _admin.DeleteAsync($"{CatalogApi.Albums}/987654/songs/{song.Id()}");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task RemoveAlbumSong_MissingSong_Returns404()
    {
        var album = await _admin.CreateAlbumAsync();

        var response = await _admin.DeleteAsync($"{CatalogApi.Albums}/{album.Id()}/songs/987654");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task DeleteAlbum_WithSongs_KeepsSongsAndRemovesLinks()
    {
        var album = await _admin.CreateAlbumAsync();
        var other = await _admin.CreateAlbumAsync();
        var song = await _admin.CreateSongAsync();
        await _admin.LinkAsync(album.Id(), song.Id(), 1);
        await _admin.LinkAsync(other.Id(), song.Id(), 7);

        var response = await _admin.DeleteAsync($"{CatalogApi.Albums}/{album.Id()}");

        await response.ShouldBeEmptyAsync(HttpStatusCode.NoContent);
        var fetched = await (await _user.GetAsync($"{CatalogApi.Songs}/{song.Id()}")).ShouldBeJsonAsync(HttpStatusCode.OK);
        fetched.GetProperty("albums").Ids().Should().Equal(other.Id());
        (await TracksAsync(other.Id())).Ids().Should().Equal(song.Id());
        await (await GetTracks(album.Id())).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        var byAlbum = await (await _user.GetAsync($"{CatalogApi.Songs}?albumId={album.Id()}")).ShouldBeJsonAsync(HttpStatusCode.OK);
        byAlbum.GetProperty("totalCount").GetInt32().Should().Be(0);
    }

    [Fact]
    public async Task DeleteSong_OnAlbums_RemovesItsLinks()
    {
        var album = await _admin.CreateAlbumAsync();
        var song = await _admin.CreateSongAsync();
        var kept = await _admin.CreateSongAsync();
        await _admin.LinkAsync(album.Id(), song.Id(), 1);
        await _admin.LinkAsync(album.Id(), kept.Id(), 2);

        var response = await _admin.DeleteAsync($"{CatalogApi.Songs}/{song.Id()}");

        await response.ShouldBeEmptyAsync(HttpStatusCode.NoContent);
        (await TracksAsync(album.Id())).Ids().Should().Equal(kept.Id());
        var detail = await (await _user.GetAsync($"{CatalogApi.Albums}/{album.Id()}")).ShouldBeJsonAsync(HttpStatusCode.OK);
        detail.GetProperty("songCount").GetInt32().Should().Be(1);
        await (await _admin.DeleteAsync($"{CatalogApi.Albums}/{album.Id()}/songs/{song.Id()}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task SetAlbumSong_SameLinkConcurrently_NeverFailsWithAServerError()
    {
        var album = await _admin.CreateAlbumAsync();
        var song = await _admin.CreateSongAsync();

        var responses = await Task.WhenAll(Enumerable.Range(1, 6).Select(n =>
            _admin.PutAsJsonAsync($"{CatalogApi.Albums}/{album.Id()}/songs/{song.Id()}", new Dictionary<string, object?> { ["trackNumber"] = n })));

        responses.Select(r => r.StatusCode).Should().OnlyContain(s => s == HttpStatusCode.NoContent || s == HttpStatusCode.Conflict)
            .And.Contain(HttpStatusCode.NoContent);
        foreach (var conflict in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
            await conflict.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        (await TracksAsync(album.Id())).Ids().Should().Equal(song.Id());
    }

    [Fact]
    public async Task DeleteAlbum_Concurrently_DeletesOnceAndNeverFailsWithAServerError()
    {
        var album = await _admin.CreateAlbumAsync();
        var song = await _admin.CreateSongAsync();
        await _admin.LinkAsync(album.Id(), song.Id(), 1);

        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => _admin.DeleteAsync($"{CatalogApi.Albums}/{album.Id()}")));

        responses.Count(r => r.StatusCode == HttpStatusCode.NoContent).Should().Be(1);
        foreach (var other in responses.Where(r => r.StatusCode != HttpStatusCode.NoContent))
            await other.ShouldBeProblemAsync(other.StatusCode == HttpStatusCode.Conflict ? HttpStatusCode.Conflict : HttpStatusCode.NotFound);
        await (await GetTracks(album.Id())).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }
}
