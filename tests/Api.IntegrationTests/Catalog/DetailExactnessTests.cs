using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MusicPlayer.Api.IntegrationTests.Comments;
using MusicPlayer.Api.IntegrationTests.Support;

namespace MusicPlayer.Api.IntegrationTests.Catalog;

/// <summary>
/// API.md, Freshness: a song's detail and an album's track list show every change on the very next read (counts,
/// likedByMe, comments, edits, links, deletions), whoever made it; nothing there may lag as public lists' counts may.
/// Each step below reads right after the write it checks, through the hot readers the app uses (SqlCatalogReads).
/// </summary>
public sealed class DetailExactnessTests(MusicPlayerFactory factory) : IClassFixture<MusicPlayerFactory>
{
    private readonly HttpClient _admin = factory.AsAdmin();
    private readonly HttpClient _user = factory.AsUser();

    private async Task<JsonElement> DetailAsync(int song, HttpClient? reader = null) =>
        await (await (reader ?? _user).GetAsync($"{CatalogApi.Songs}/{song}")).ShouldBeJsonAsync(HttpStatusCode.OK);

    private async Task<JsonElement> TrackAsync(int album, int song)
    {
        var tracks = await (await _user.GetAsync($"{CatalogApi.Albums}/{album}/songs")).ShouldBeJsonAsync(HttpStatusCode.OK);
        return tracks.EnumerateArray().Single(t => t.Id() == song);
    }

    [Fact]
    public async Task LikesPlaysAndComments_ShowInDetailAndTrackList_OnTheNextRead()
    {
        var song = (await _admin.CreateSongAsync()).Id();
        var album = (await _admin.CreateAlbumAsync()).Id();
        await _admin.LinkAsync(album, song, 1);
        (await DetailAsync(song)).GetProperty("likeCount").GetInt32().Should().Be(0);
        (await TrackAsync(album, song)).GetProperty("likeCount").GetInt32().Should().Be(0);

        (await _user.PutAsync($"{CatalogApi.Songs}/{song}/like", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        var liked = await DetailAsync(song);
        liked.GetProperty("likeCount").GetInt32().Should().Be(1);
        liked.GetProperty("likedByMe").GetBoolean().Should().BeTrue();
        (await DetailAsync(song, _admin)).GetProperty("likedByMe").GetBoolean().Should().BeFalse("likedByMe is the caller's");
        (await TrackAsync(album, song)).GetProperty("likeCount").GetInt32().Should().Be(1);

        (await _user.DeleteAsync($"{CatalogApi.Songs}/{song}/like")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        var unliked = await DetailAsync(song);
        unliked.GetProperty("likeCount").GetInt32().Should().Be(0);
        unliked.GetProperty("likedByMe").GetBoolean().Should().BeFalse();
        (await TrackAsync(album, song)).GetProperty("likeCount").GetInt32().Should().Be(0);

        await _user.RecordAsync(PlayCounts.Play(song, secondsPlayed: 200));
        (await DetailAsync(song)).GetProperty("playCount").GetInt32().Should().Be(1);
        (await TrackAsync(album, song)).GetProperty("playCount").GetInt32().Should().Be(1);

        var comment = await _user.CommentAsync(song);
        (await DetailAsync(song)).GetProperty("commentCount").GetInt32().Should().Be(1);
        await (await _user.DeleteAsync(CommentApi.Comment(comment.Id()))).ShouldBeEmptyAsync(HttpStatusCode.NoContent);
        (await DetailAsync(song)).GetProperty("commentCount").GetInt32().Should().Be(0);
    }

    [Fact]
    public async Task Edits_ShowInDetailAndTrackList_OnTheNextRead()
    {
        var song = (await _admin.CreateSongAsync()).Id();
        var album = (await _admin.CreateAlbumAsync()).Id();
        (await DetailAsync(song)).GetProperty("albums").GetArrayLength().Should().Be(0);

        await _admin.LinkAsync(album, song, 3);
        (await DetailAsync(song)).GetProperty("albums")[0].Id().Should().Be(album);
        (await TrackAsync(album, song)).GetProperty("trackNumber").GetInt32().Should().Be(3);

        var retitled = Unique.Name("Retitled");
        (await _admin.PutAsJsonAsync($"{CatalogApi.Songs}/{song}", CatalogApi.SongBody(b => b["title"] = retitled)))
            .StatusCode.Should().Be(HttpStatusCode.OK);
        (await DetailAsync(song)).Str("title").Should().Be(retitled);
        (await TrackAsync(album, song)).Str("title").Should().Be(retitled);

        var albumTitle = Unique.Name("Renamed");
        (await _admin.PutAsJsonAsync($"{CatalogApi.Albums}/{album}", CatalogApi.AlbumBody(b => b["title"] = albumTitle)))
            .StatusCode.Should().Be(HttpStatusCode.OK);
        (await DetailAsync(song)).GetProperty("albums")[0].Str("title").Should().Be(albumTitle);

        await (await _admin.DeleteAsync($"{CatalogApi.Albums}/{album}/songs/{song}")).ShouldBeEmptyAsync(HttpStatusCode.NoContent);
        (await DetailAsync(song)).GetProperty("albums").GetArrayLength().Should().Be(0);
        (await (await _user.GetAsync($"{CatalogApi.Albums}/{album}/songs")).ShouldBeJsonAsync(HttpStatusCode.OK)).GetArrayLength().Should().Be(0);

        await _admin.LinkAsync(album, song, null);
        await (await _admin.DeleteAsync($"{CatalogApi.Songs}/{song}")).ShouldBeEmptyAsync(HttpStatusCode.NoContent);
        await (await _user.GetAsync($"{CatalogApi.Songs}/{song}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await (await _user.GetAsync($"{CatalogApi.Albums}/{album}/songs")).ShouldBeJsonAsync(HttpStatusCode.OK)).GetArrayLength().Should().Be(0);

        await (await _admin.DeleteAsync($"{CatalogApi.Albums}/{album}")).ShouldBeEmptyAsync(HttpStatusCode.NoContent);
        await (await _user.GetAsync($"{CatalogApi.Albums}/{album}/songs")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }
}
