using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MusicPlayer.Api.IntegrationTests.Support;
using MusicPlayer.Infrastructure.Persistence;

namespace MusicPlayer.Api.IntegrationTests.Catalog;

/// <summary>
/// An album's track list is the same for every signed-in caller, so the list cache answers it: validated with ETags,
/// every edit of the album, its links or its songs visible on the next read, a caller the request does not admit
/// never answered from it, and each album (however its id is spelled in the path) its own entry. Unlike the public
/// lists' counts, its counts are exact on the next read too (<see cref="DetailExactnessTests"/>).
/// </summary>
public sealed class AlbumTrackCacheTests(MusicPlayerFactory factory) : IClassFixture<MusicPlayerFactory>
{
    private readonly HttpClient _admin = factory.AsAdmin();
    private readonly HttpClient _user = factory.AsUser();

    private static string Tracks(int albumId) => $"{CatalogApi.Albums}/{albumId}/songs";

    private async Task<JsonElement> TracksAsync(string path, HttpClient? client = null) =>
        await (await (client ?? _user).GetAsync(path)).ShouldBeJsonAsync(HttpStatusCode.OK);

    /// <summary>An album with one linked song, its track list already read (so cached).</summary>
    private async Task<(int Album, int Song)> CachedAlbumAsync()
    {
        var album = await _admin.CreateAlbumAsync();
        var song = await _admin.CreateSongAsync();
        await _admin.LinkAsync(album.Id(), song.Id(), 1);
        (await TracksAsync(Tracks(album.Id()))).Ids().Should().Equal(song.Id());
        return (album.Id(), song.Id());
    }

    /// <summary>Renames a song behind the app's back: the catalog version does not move, so a cached track list keeps the old title.</summary>
    private async Task RenameUnnoticedAsync(int songId, string title)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<MusicPlayerDbContext>().Songs.Where(s => s.Id == songId)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Title, title));
    }

    [Fact]
    public async Task Tracks_ReadAgain_AreAnsweredFromTheCache_ForEveryCallerAndSpellingOfTheId()
    {
        var (album, song) = await CachedAlbumAsync();
        await RenameUnnoticedAsync(song, "Renamed Unnoticed");

        foreach (var (client, path) in new[] { (_user, Tracks(album)), (_admin, Tracks(album)), (_user, $"{CatalogApi.Albums}/0{album}/songs?x=1") })
            (await TracksAsync(path, client))[0].Str("title").Should().NotBe("Renamed Unnoticed", $"{path} is the same list, read from the cache");
    }

    [Fact]
    public async Task Tracks_OfAnotherAlbum_AreNeverTheCachedOnes()
    {
        var (first, _) = await CachedAlbumAsync();
        var (second, secondSong) = await CachedAlbumAsync();

        (await TracksAsync(Tracks(second))).Ids().Should().Equal(secondSong);
        (await TracksAsync(Tracks(first))).Ids().Should().NotContain(secondSong);
    }

    [Fact]
    public async Task Tracks_AfterALinkThroughTheApi_ShowItAndEveryEditOnTheNextRead()
    {
        var (album, song) = await CachedAlbumAsync();
        await RenameUnnoticedAsync(song, "Renamed Before The Link");
        var other = await _admin.CreateSongAsync();

        await _admin.LinkAsync(album, other.Id(), 2);

        var tracks = await TracksAsync(Tracks(album));
        tracks.Ids().Should().Equal(song, other.Id());
        tracks[0].Str("title").Should().Be("Renamed Before The Link", "an edit moves the catalog version, so the list is read again");
    }

    [Fact]
    public async Task Tracks_AfterAnUnlinkOrASongEdit_ChangeOnTheNextRead()
    {
        var (album, song) = await CachedAlbumAsync();

        (await _admin.PutAsJsonAsync($"{CatalogApi.Songs}/{song}", CatalogApi.SongBody(b => b["title"] = "Edited Title"))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await TracksAsync(Tracks(album)))[0].Str("title").Should().Be("Edited Title");

        (await _admin.DeleteAsync($"{Tracks(album)}/{song}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await TracksAsync(Tracks(album))).GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task Tracks_Cached_AreNotServedToAnAnonymousCaller_OrAfterTheCallersSessionEnded()
    {
        var (album, _) = await CachedAlbumAsync();
        var (account, tokens) = await factory.SignUpAsync();
        var member = factory.WithToken(tokens.AccessToken);
        await TracksAsync(Tracks(album), member);

        await (await factory.Anonymous().GetAsync(Tracks(album))).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);

        (await member.PostAsJsonAsync(AccountApi.MyPassword,
            new { currentPassword = account.Password, newPassword = "a-new-password-1" })).StatusCode.Should().Be(HttpStatusCode.NoContent);
        await (await member.GetAsync(Tracks(album))).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Tracks_ArePrivate_AnswerIfNoneMatchWith304_AndAMissingAlbumIsNeverCached()
    {
        var (album, _) = await CachedAlbumAsync();
        var response = await _user.GetAsync(Tracks(album));
        response.Headers.CacheControl!.Private.Should().BeTrue("a response to a signed-in caller is not for shared caches");
        response.Headers.CacheControl.NoCache.Should().BeTrue();
        var request = new HttpRequestMessage(HttpMethod.Get, Tracks(album));
        request.Headers.TryAddWithoutValidation("If-None-Match", response.Headers.ETag!.Tag);

        (await _user.SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.NotModified);

        var missing = Tracks(int.MaxValue - 7);
        await (await _user.GetAsync(missing)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await _user.GetAsync(missing)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }
}
