using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using MusicPlayer.Api.IntegrationTests.Support;
using MusicPlayer.Application.Common.Security;

namespace MusicPlayer.Api.IntegrationTests.Playlists;

/// <summary>
/// Pages of a playlist's songs are served from memory (with an ETag and 304) until something they show changes,
/// and every such change is seen on the very next read, by anyone: each test reads the page twice first, so the
/// read after the change would get the kept page if anything were left stale. Access is checked on every read:
/// a page kept for its owner is never served to anyone else.
/// </summary>
public sealed class PlaylistPageCacheTests(MusicPlayerFactory factory) : IClassFixture<MusicPlayerFactory>
{
    private readonly HttpClient _owner = factory.AsUser();
    private readonly HttpClient _admin = factory.AsAdmin();
    private readonly HttpClient _anonymous = factory.Anonymous();

    private async Task<int[]> SongsAsync(int count)
    {
        var ids = new int[count];
        for (var i = 0; i < count; i++) ids[i] = (await _admin.CreateSongAsync(b => b["duration"] = 100 + i)).Id();
        return ids;
    }

    /// <summary>A playlist of <paramref name="count"/> new songs, its page read twice (kept) by <paramref name="reader"/>.</summary>
    private async Task<(int Id, int[] Songs)> CachedPlaylistAsync(HttpClient reader, bool isPublic = true, int count = 3)
    {
        var songs = await SongsAsync(count);
        var id = (await _owner.CreatePlaylistAsync(isPublic: isPublic)).Id();
        await _owner.AddSongsAsync(id, songs);
        (await reader.SongIdsAsync(id)).Should().Equal(songs);
        (await reader.SongIdsAsync(id)).Should().Equal(songs);
        return (id, songs);
    }

    private static async Task<HttpResponseMessage> ConditionalAsync(HttpClient client, string path, string etag)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        return await client.SendAsync(request);
    }

    /// <summary>Makes the playlist private behind the app's back (no request, so no version moves on).</summary>
    internal static Task HideInDatabaseAsync(MusicPlayerFactory factory, int id) =>
        factory.WithDatabaseAsync(db => db.Playlists.Where(p => p.Id == id).ExecuteUpdateAsync(p => p.SetProperty(x => x.IsPublic, false)));

    [Fact]
    public async Task Page_IsServedFromMemory_UntilARequestChangesSomething()
    {
        var (id, songs) = await CachedPlaylistAsync(_anonymous);

        await HideInDatabaseAsync(factory, id);

        (await _anonymous.SongIdsAsync(id)).Should().Equal(songs, "the cache is on: nothing told it of a change made behind the app's back");
    }

    [Fact]
    public async Task Page_ReadAgainUnchanged_HasTheSameETag_AndIfNoneMatchIs304WithoutBody()
    {
        var (id, _) = await CachedPlaylistAsync(_anonymous);
        var first = await _anonymous.GetAsync(PlaylistApi.Songs(id));
        await first.ShouldBeJsonAsync(HttpStatusCode.OK);
        var etag = first.Headers.ETag!.Tag;
        first.Headers.CacheControl!.NoCache.Should().BeTrue();
        first.Headers.CacheControl.Private.Should().BeFalse("a public playlist's page is the same for everyone");

        var again = await ConditionalAsync(_anonymous, PlaylistApi.Songs(id), etag);

        again.StatusCode.Should().Be(HttpStatusCode.NotModified);
        again.Headers.ETag!.Tag.Should().Be(etag);
        (await again.Content.ReadAsByteArrayAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task Page_AfterTheOwnerMovesAnEntry_ShowsTheNewOrderAtOnce_WithANewETag()
    {
        var (id, songs) = await CachedPlaylistAsync(_anonymous);
        var etag = (await _anonymous.GetAsync(PlaylistApi.Songs(id))).Headers.ETag!.Tag;
        var last = (await _owner.EntriesAsync(id))[^1].EntryId;

        (await _owner.MoveAsync(id, last, 1)).StatusCode.Should().Be(HttpStatusCode.OK);

        (await ConditionalAsync(_anonymous, PlaylistApi.Songs(id), etag)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await _anonymous.SongIdsAsync(id)).Should().Equal(songs[2], songs[0], songs[1]);
    }

    [Fact]
    public async Task Page_AfterAddAndRemove_ShowsEachAtOnce()
    {
        var (id, songs) = await CachedPlaylistAsync(_anonymous);
        var added = await SongsAsync(1);

        await _owner.AddSongsAsync(id, added, position: 1);
        (await _anonymous.SongIdsAsync(id)).Should().Equal(added[0], songs[0], songs[1], songs[2]);

        var second = (await _owner.EntriesAsync(id))[1].EntryId;
        (await _owner.DeleteAsync($"{PlaylistApi.Songs(id)}/{second}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await _anonymous.SongIdsAsync(id)).Should().Equal(added[0], songs[1], songs[2]);
    }

    [Fact]
    public async Task Page_AfterTheOwnerMakesThePlaylistPrivate_Is404ForOthersAtOnce_ButTheOwnerAndAdminsStillSeeIt()
    {
        var other = factory.WithToken((await factory.CreateAccountAsync(Roles.User)).Token());
        var (id, songs) = await CachedPlaylistAsync(_anonymous);
        (await other.SongIdsAsync(id)).Should().Equal(songs);

        var update = await _owner.PutAsJsonAsync($"{PlaylistApi.Playlists}/{id}", new { name = "Now private", isPublic = false });
        await update.ShouldBeJsonAsync(HttpStatusCode.OK);

        (await _anonymous.GetAsync(PlaylistApi.Songs(id))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await other.GetAsync(PlaylistApi.Songs(id))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await _owner.SongIdsAsync(id)).Should().Equal(songs);
        (await _admin.SongIdsAsync(id)).Should().Equal(songs);
    }

    [Fact]
    public async Task PrivatePage_KeptForItsOwner_IsNeverServedToOthers_AndIsMarkedPrivate()
    {
        var other = factory.WithToken((await factory.CreateAccountAsync(Roles.User)).Token());
        var (id, songs) = await CachedPlaylistAsync(_owner, isPublic: false);
        var owners = await _owner.GetAsync(PlaylistApi.Songs(id));
        await owners.ShouldBeJsonAsync(HttpStatusCode.OK);
        owners.Headers.CacheControl!.Private.Should().BeTrue("a private playlist's page is for its owner's client only");
        var etag = owners.Headers.ETag!.Tag;

        for (var i = 0; i < 2; i++)
        {
            (await _anonymous.GetAsync(PlaylistApi.Songs(id))).StatusCode.Should().Be(HttpStatusCode.NotFound);
            (await other.GetAsync(PlaylistApi.Songs(id))).StatusCode.Should().Be(HttpStatusCode.NotFound);
            (await ConditionalAsync(other, PlaylistApi.Songs(id), etag)).StatusCode.Should().Be(HttpStatusCode.NotFound,
                "knowing the ETag of someone else's private page reveals nothing either");
        }

        (await _admin.SongIdsAsync(id)).Should().Equal(songs);
    }

    [Fact]
    public async Task Page_AfterASongIsDeletedFromTheCatalog_NoLongerShowsItAtOnce()
    {
        var (id, songs) = await CachedPlaylistAsync(_anonymous);

        (await _admin.DeleteAsync($"{CatalogApi.Songs}/{songs[0]}")).StatusCode.Should().Be(HttpStatusCode.NoContent);

        var page = await (await _anonymous.GetAsync(PlaylistApi.Songs(id))).ShouldBeJsonAsync(HttpStatusCode.OK);
        page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("song").Id()).Should().Equal(songs[1], songs[2]);
        page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("position").GetInt32()).Should().Equal(1, 2);
        page.GetProperty("totalCount").GetInt32().Should().Be(2);
    }

    [Fact]
    public async Task Page_AfterASongIsRenamed_ShowsTheNewTitleAtOnce()
    {
        var (id, songs) = await CachedPlaylistAsync(_anonymous);
        var title = Unique.Name("Renamed");

        var update = await _admin.PutAsJsonAsync($"{CatalogApi.Songs}/{songs[1]}", CatalogApi.SongBody(b => b["title"] = title));
        await update.ShouldBeJsonAsync(HttpStatusCode.OK);

        var page = await (await _anonymous.GetAsync(PlaylistApi.Songs(id))).ShouldBeJsonAsync(HttpStatusCode.OK);
        page.GetProperty("items")[1].GetProperty("song").Str("title").Should().Be(title);
    }

    [Fact]
    public async Task Page_AfterThePlaylistIsDeleted_Is404AtOnce()
    {
        var (id, _) = await CachedPlaylistAsync(_anonymous);

        (await _owner.DeleteAsync($"{PlaylistApi.Playlists}/{id}")).StatusCode.Should().Be(HttpStatusCode.NoContent);

        (await _anonymous.GetAsync(PlaylistApi.Songs(id))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await _owner.GetAsync(PlaylistApi.Songs(id))).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Page_AfterItsOwnerIsDeleted_Is404AtOnce()
    {
        var account = await factory.CreateAccountAsync(Roles.User);
        var owner = factory.WithToken(account.Token());
        var songs = await SongsAsync(1);
        var id = (await owner.CreatePlaylistAsync(isPublic: true)).Id();
        await owner.AddSongsAsync(id, songs);
        (await _anonymous.SongIdsAsync(id)).Should().Equal(songs);
        (await _anonymous.SongIdsAsync(id)).Should().Equal(songs);

        (await _admin.DeleteAsync($"/api/v1/users/{account.Id}")).StatusCode.Should().Be(HttpStatusCode.NoContent);

        (await _anonymous.GetAsync(PlaylistApi.Songs(id))).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Pages_OfOnePlaylist_AreKeptApart_ByPageAndPageSize()
    {
        var (id, songs) = await CachedPlaylistAsync(_anonymous);

        async Task<int[]> PageAsync(string query) =>
            (await (await _anonymous.GetAsync($"{PlaylistApi.Songs(id)}?{query}")).ShouldBeJsonAsync(HttpStatusCode.OK))
            .GetProperty("items").EnumerateArray().Select(e => e.GetProperty("song").Id()).ToArray();

        for (var i = 0; i < 2; i++)
        {
            (await PageAsync("pageSize=2")).Should().Equal(songs[0], songs[1]);
            (await PageAsync("page=2&pageSize=2")).Should().Equal(songs[2]);
            (await PageAsync("page=1&pageSize=20")).Should().Equal(songs);
        }
    }

    [Fact]
    public async Task Page_OfASmartPlaylist_FollowsTheCatalog_AndCarriesAnETag()
    {
        var genre = Unique.Name("Genre");
        var first = (await _admin.CreateSongAsync(b => b["genre"] = genre)).Id();
        var id = (await _owner.CreatePlaylistAsync(isPublic: true,
            rules: new { match = "all", conditions = new[] { new { field = "genre", @operator = "is", value = genre } } })).Id();
        (await _anonymous.SongIdsAsync(id)).Should().Equal(first);
        var response = await _anonymous.GetAsync(PlaylistApi.Songs(id));
        await response.ShouldBeJsonAsync(HttpStatusCode.OK);
        (await ConditionalAsync(_anonymous, PlaylistApi.Songs(id), response.Headers.ETag!.Tag)).StatusCode.Should().Be(HttpStatusCode.NotModified);

        var second = (await _admin.CreateSongAsync(b => b["genre"] = genre)).Id();

        (await _anonymous.SongIdsAsync(id)).Should().BeEquivalentTo([first, second]);
    }

    [Fact]
    public async Task Page_MissingOrInvalid_IsTheUsualProblem_EveryTime()
    {
        var (id, _) = await CachedPlaylistAsync(_anonymous);

        for (var i = 0; i < 2; i++)
        {
            await (await _anonymous.GetAsync(PlaylistApi.Songs(int.MaxValue))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
            await (await _anonymous.GetAsync($"{PlaylistApi.Songs(id)}?pageSize=0")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        }
    }
}

/// <summary>The app with playlist caching off (several instances on SQL Server, which cannot tell each other of changes).</summary>
public sealed class NoPlaylistCachingFactory : MusicPlayerFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Caching:Playlists", "false");
    }
}

/// <summary>With <c>Caching:Playlists=false</c> every read of a playlist's songs reads the database.</summary>
public sealed class NoPlaylistCachingTests(NoPlaylistCachingFactory factory) : IClassFixture<NoPlaylistCachingFactory>
{
    [Fact]
    public async Task Page_WithCachingOff_SeesEvenAChangeMadeBehindTheAppsBack()
    {
        var owner = factory.AsUser();
        var anonymous = factory.Anonymous();
        var song = (await factory.AsAdmin().CreateSongAsync()).Id();
        var id = (await owner.CreatePlaylistAsync(isPublic: true)).Id();
        await owner.AddSongsAsync(id, [song]);
        (await anonymous.SongIdsAsync(id)).Should().Equal(song);
        (await anonymous.SongIdsAsync(id)).Should().Equal(song);

        await PlaylistPageCacheTests.HideInDatabaseAsync(factory, id);

        (await anonymous.GetAsync(PlaylistApi.Songs(id))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await owner.SongIdsAsync(id)).Should().Equal(song);
    }
}
