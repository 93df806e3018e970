using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MusicPlayer.Api.IntegrationTests.Support;
using MusicPlayer.Domain.Playlists;

namespace MusicPlayer.Api.IntegrationTests.Playlists;

/// <summary>The playlist rows of the contract: shapes, access, validation, versions and limits.</summary>
public sealed class PlaylistEndpointsTests(MusicPlayerFactory factory) : IClassFixture<MusicPlayerFactory>
{
    private static readonly string[] PlaylistFields =
        ["id", "name", "description", "isPublic", "isSmart", "owner", "songCount", "durationSeconds", "version", "rules", "createdAt", "updatedAt"];

    private async Task<int[]> SongsAsync(int count, int duration = 100)
    {
        var admin = factory.AsAdmin();
        var ids = new int[count];
        for (var i = 0; i < count; i++) ids[i] = (await admin.CreateSongAsync(b => b["duration"] = duration + i)).Id();
        return ids;
    }

    [Fact]
    public async Task Create_ValidBody_Returns201WithLocationETagAndTheWholeShape()
    {
        var response = await factory.AsUser().PostAsJsonAsync(PlaylistApi.Playlists, new { name = "  Road trip  ", description = "For the car" });

        var body = await response.ShouldBeJsonAsync(HttpStatusCode.Created);
        body.Properties().Should().BeEquivalentTo(PlaylistFields);
        response.Headers.Location!.ToString().Should().Be($"{PlaylistApi.Playlists}/{body.Id()}");
        response.Headers.ETag!.Tag.Should().Be("\"1\"");
        body.Str("name").Should().Be("Road trip");
        body.GetProperty("isPublic").GetBoolean().Should().BeFalse("private is the default");
        body.GetProperty("isSmart").GetBoolean().Should().BeFalse();
        body.GetProperty("owner").GetProperty("id").GetInt32().Should().Be(factory.User.Id);
        body.GetProperty("owner").GetProperty("username").GetString().Should().NotBeNullOrEmpty();
        body.GetProperty("songCount").GetInt32().Should().Be(0);
        body.GetProperty("version").GetInt32().Should().Be(1);
        body.GetProperty("rules").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Theory]
    [InlineData("""{"description":"x"}""", "name")]
    [InlineData("""{"name":"   "}""", "name")]
    [InlineData("""{"name":"a\u0000b"}""", "name")]
    [InlineData("""{"name":"ok","description":"\u202Eevil"}""", "description")]
    [InlineData("""{"name":"ok","isPublic":"yes"}""", "isPublic")]
    [InlineData("""{"name":"ok","rules":[]}""", "rules")]
    public async Task Create_InvalidBody_Returns400NamingTheFieldAndStoresNothing(string json, string field)
    {
        var client = factory.WithToken((await factory.CreateAccountAsync("user")).Token());

        var response = await client.PostAsync(PlaylistApi.Playlists, new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        await response.ShouldBeValidationProblemAsync(field);
        var mine = await (await client.GetAsync(PlaylistApi.MyPlaylists)).ShouldBeJsonAsync(HttpStatusCode.OK);
        mine.GetProperty("totalCount").GetInt32().Should().Be(0);
    }

    [Fact]
    public async Task Create_NameOf101Characters_Returns400()
    {
        var response = await factory.AsUser().PostAsJsonAsync(PlaylistApi.Playlists, new { name = new string('n', 101) });

        await response.ShouldBeValidationProblemAsync("name");
    }

    [Fact]
    public async Task Create_Anonymous_Returns401()
    {
        var response = await factory.Anonymous().PostAsJsonAsync(PlaylistApi.Playlists, new { name = "x" });

        await response.ShouldBeUnauthorizedAsync();
    }

    [Fact]
    public async Task Create_UserAtTheLimitOfPlaylists_Returns409()
    {
        var account = await factory.CreateAccountAsync("user");
        await factory.WithDatabaseAsync(async db =>
        {
            var now = DateTime.UtcNow;
            db.Playlists.AddRange(Enumerable.Range(0, PlaylistLimits.MaxPlaylistsPerUser)
                .Select(i => Playlist.Create(account.Id, new PlaylistDetails($"p{i}", null, false), now)));
            await db.SaveChangesAsync();
        });

        var response = await factory.WithToken(account.Token()).PostAsJsonAsync(PlaylistApi.Playlists, new { name = "one too many" });

        (await response.ShouldBeProblemAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString().Should().Contain("1000");
    }

    [Fact]
    public async Task Get_PrivatePlaylistOfAnother_Returns404ForUsersAndAnonymous_ButTheOwnerAndAdminsSeeIt()
    {
        var owner = factory.AsUser();
        var id = (await owner.CreatePlaylistAsync()).Id();
        var other = factory.WithToken((await factory.CreateAccountAsync("user")).Token());

        await (await other.GetAsync($"{PlaylistApi.Playlists}/{id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await factory.Anonymous().GetAsync($"{PlaylistApi.Playlists}/{id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await other.GetAsync(PlaylistApi.Songs(id))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await owner.GetPlaylistAsync(id)).Id().Should().Be(id);
        (await factory.AsAdmin().GetPlaylistAsync(id)).Id().Should().Be(id);
    }

    [Fact]
    public async Task Get_PublicPlaylist_ReadableByAnyone_WithETagOfItsVersion()
    {
        var id = (await factory.AsUser().CreatePlaylistAsync(isPublic: true)).Id();

        var response = await factory.Anonymous().GetAsync($"{PlaylistApi.Playlists}/{id}");

        (await response.ShouldBeJsonAsync(HttpStatusCode.OK)).Id().Should().Be(id);
        response.Headers.ETag!.Tag.Should().Be("\"1\"");
        await (await factory.Anonymous().GetAsync(PlaylistApi.Songs(id))).ShouldBeJsonAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Get_Unknown_Returns404()
    {
        await (await factory.AsUser().GetAsync($"{PlaylistApi.Playlists}/999999")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Writes_OnPublicPlaylistOfAnother_Return403_OnPrivateOne404_AndChangeNothing()
    {
        var owner = factory.AsUser();
        var songs = await SongsAsync(1);
        var shared = (await owner.CreatePlaylistAsync(isPublic: true)).Id();
        var hidden = (await owner.CreatePlaylistAsync()).Id();
        await owner.AddSongsAsync(shared, songs);
        var entry = (await owner.EntriesAsync(shared))[0].EntryId;
        var other = factory.WithToken((await factory.CreateAccountAsync("user")).Token());

        await (await other.PutAsJsonAsync($"{PlaylistApi.Playlists}/{shared}", new { name = "mine now" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await other.DeleteAsync($"{PlaylistApi.Playlists}/{shared}")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await other.PostAsJsonAsync(PlaylistApi.Songs(shared), new { songIds = songs })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await other.MoveAsync(shared, entry, 1)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await other.DeleteAsync($"{PlaylistApi.Songs(shared)}/{entry}")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await factory.Anonymous().DeleteAsync($"{PlaylistApi.Songs(shared)}/{entry}")).ShouldBeUnauthorizedAsync();
        await (await other.PutAsJsonAsync($"{PlaylistApi.Playlists}/{hidden}", new { name = "x" })).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await other.DeleteAsync($"{PlaylistApi.Playlists}/{hidden}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await other.PostAsJsonAsync(PlaylistApi.Songs(hidden), new { songIds = songs })).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        // Admins may delete, but not edit, someone else's playlist.
        await (await factory.AsAdmin().PutAsJsonAsync($"{PlaylistApi.Playlists}/{shared}", new { name = "x" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);

        var after = await owner.GetPlaylistAsync(shared);
        after.GetProperty("version").GetInt32().Should().Be(2);
        after.GetProperty("songCount").GetInt32().Should().Be(1);
        after.Str("name").Should().NotBe("mine now");
    }

    [Fact]
    public async Task Delete_ByAdmin_RemovesSomeoneElsesPlaylist()
    {
        var id = (await factory.AsUser().CreatePlaylistAsync()).Id();

        await (await factory.AsAdmin().DeleteAsync($"{PlaylistApi.Playlists}/{id}")).ShouldBeEmptyAsync(HttpStatusCode.NoContent);

        await (await factory.AsUser().GetAsync($"{PlaylistApi.Playlists}/{id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Update_ReplacesFields_MovesTheVersion_AndHonoursIfMatch()
    {
        var client = factory.AsUser();
        var id = (await client.CreatePlaylistAsync()).Id();

        var stale = new HttpRequestMessage(HttpMethod.Put, $"{PlaylistApi.Playlists}/{id}") { Content = JsonContent.Create(new { name = "stale" }) };
        stale.Headers.TryAddWithoutValidation("If-Match", "\"7\"");
        await (await client.SendAsync(stale)).ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed);

        var fresh = new HttpRequestMessage(HttpMethod.Put, $"{PlaylistApi.Playlists}/{id}")
        {
            Content = JsonContent.Create(new { name = "Renamed", description = "line one\nline two", isPublic = true }),
        };
        fresh.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        var response = await client.SendAsync(fresh);

        var body = await response.ShouldBeJsonAsync(HttpStatusCode.OK);
        response.Headers.ETag!.Tag.Should().Be("\"2\"");
        (body.Str("name"), body.Str("description"), body.GetProperty("isPublic").GetBoolean(), body.GetProperty("version").GetInt32())
            .Should().Be(("Renamed", "line one\nline two", true, 2));
    }

    [Theory]
    [InlineData("7")]
    [InlineData("W/\"1\"")]
    [InlineData("\"abc\"")]
    public async Task Writes_MalformedIfMatch_Return400(string ifMatch)
    {
        var client = factory.AsUser();
        var id = (await client.CreatePlaylistAsync()).Id();
        var request = new HttpRequestMessage(HttpMethod.Delete, $"{PlaylistApi.Playlists}/{id}");
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);

        await (await client.SendAsync(request)).ShouldBeValidationProblemAsync("If-Match");
        await client.GetPlaylistAsync(id);
    }

    [Fact]
    public async Task Delete_StaleIfMatch_Returns412AndKeepsIt_CurrentOne204()
    {
        var client = factory.AsUser();
        var id = (await client.CreatePlaylistAsync()).Id();
        await client.AddSongsAsync(id, await SongsAsync(1));

        var stale = new HttpRequestMessage(HttpMethod.Delete, $"{PlaylistApi.Playlists}/{id}");
        stale.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        await (await client.SendAsync(stale)).ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed);
        await client.GetPlaylistAsync(id);

        var current = new HttpRequestMessage(HttpMethod.Delete, $"{PlaylistApi.Playlists}/{id}");
        current.Headers.TryAddWithoutValidation("If-Match", "\"2\"");
        await (await client.SendAsync(current)).ShouldBeEmptyAsync(HttpStatusCode.NoContent);
        await (await client.DeleteAsync($"{PlaylistApi.Playlists}/{id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AddSongs_AtTheEndAndAtAPosition_WithDuplicates_KeepsPositionsAndTotalsExact()
    {
        var client = factory.AsUser();
        var s = await SongsAsync(4, duration: 100);
        var id = (await client.CreatePlaylistAsync()).Id();

        await client.AddSongsAsync(id, [s[0], s[1], s[0]]);
        var playlist = await client.AddSongsAsync(id, [s[2], s[3]], position: 2);

        (await client.EntriesAsync(id)).Select(e => (e.Position, e.SongId)).Should()
            .Equal((1, s[0]), (2, s[2]), (3, s[3]), (4, s[1]), (5, s[0]));
        playlist.GetProperty("songCount").GetInt32().Should().Be(5);
        playlist.GetProperty("durationSeconds").GetInt64().Should().Be(100 + 101 + 100 + 102 + 103);
        playlist.GetProperty("version").GetInt32().Should().Be(3);
        var entry = (await (await client.GetAsync(PlaylistApi.Songs(id))).ShouldBeJsonAsync(HttpStatusCode.OK)).GetProperty("items")[0];
        entry.Properties().Should().Equal("entryId", "position", "addedAt", "song");
        entry.GetProperty("song").GetProperty("likeCount").GetInt32().Should().Be(0);
    }

    [Fact]
    public async Task AddSongs_UnknownSong_Returns400NamingItAndAddsNothing()
    {
        var client = factory.AsUser();
        var s = await SongsAsync(1);
        var id = (await client.CreatePlaylistAsync()).Id();

        var response = await client.PostAsJsonAsync(PlaylistApi.Songs(id), new { songIds = new[] { s[0], 987654 } });

        var problem = await response.ShouldBeValidationProblemAsync("songIds");
        problem.GetProperty("errors").GetProperty("songIds")[0].GetString().Should().Contain("987654");
        (await client.GetPlaylistAsync(id)).GetProperty("songCount").GetInt32().Should().Be(0);
        (await client.GetPlaylistAsync(id)).GetProperty("version").GetInt32().Should().Be(1);
    }

    [Theory]
    [InlineData("""{"songIds":[]}""", "songIds")]
    [InlineData("""{}""", "songIds")]
    [InlineData("""{"songIds":[0]}""", "songIds[0]")]
    [InlineData("""{"songIds":["a"]}""", "songIds")]
    [InlineData("""{"songIds":[1],"position":0}""", "position")]
    [InlineData("""{"songIds":[1],"position":99}""", "position")]
    public async Task AddSongs_InvalidBody_Returns400(string json, string field)
    {
        var client = factory.AsUser();
        var id = (await client.CreatePlaylistAsync()).Id();
        json = json.Replace("[1]", $"[{(await SongsAsync(1))[0]}]", StringComparison.Ordinal);

        var response = await client.PostAsync(PlaylistApi.Songs(id), new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        await response.ShouldBeValidationProblemAsync(field);
        (await client.GetPlaylistAsync(id)).GetProperty("songCount").GetInt32().Should().Be(0);
    }

    [Fact]
    public async Task AddSongs_MoreThan500_Returns400()
    {
        var client = factory.AsUser();
        var id = (await client.CreatePlaylistAsync()).Id();

        var response = await client.PostAsJsonAsync(PlaylistApi.Songs(id), new { songIds = Enumerable.Repeat(1, 501) });

        await response.ShouldBeValidationProblemAsync("songIds");
    }

    [Fact]
    public async Task AddSongs_BeyondTenThousandEntries_Returns409AndAddsNothing()
    {
        var client = factory.AsUser();
        var song = (await SongsAsync(1, duration: 2))[0];
        var id = (await client.CreatePlaylistAsync()).Id();
        for (var batch = 0; batch < PlaylistLimits.MaxEntries / PlaylistLimits.MaxSongsPerAdd; batch++)
            await client.AddSongsAsync(id, Enumerable.Repeat(song, PlaylistLimits.MaxSongsPerAdd).ToArray());

        var response = await client.PostAsJsonAsync(PlaylistApi.Songs(id), new { songIds = new[] { song } });

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        var playlist = await client.GetPlaylistAsync(id);
        playlist.GetProperty("songCount").GetInt32().Should().Be(PlaylistLimits.MaxEntries);
        playlist.GetProperty("durationSeconds").GetInt64().Should().Be(2L * PlaylistLimits.MaxEntries);
        var (keys, count) = await factory.StoredAsync(id);
        keys.Should().HaveCount(PlaylistLimits.MaxEntries).And.OnlyHaveUniqueItems();
        count.Should().Be(PlaylistLimits.MaxEntries);
        // Page 200 of 100 is the last: positions 9,901..10,000.
        var last = await (await client.GetAsync($"{PlaylistApi.Songs(id)}?page=100&pageSize=100")).ShouldBeJsonAsync(HttpStatusCode.OK);
        last.GetProperty("items")[99].GetProperty("position").GetInt32().Should().Be(PlaylistLimits.MaxEntries);
        last.GetProperty("totalPages").GetInt32().Should().Be(100);
    }

    [Fact]
    public async Task Move_DownUpAndInPlace_ShiftsTheRangeBetween_AndHonoursIfMatch()
    {
        var client = factory.AsUser();
        var s = await SongsAsync(5);
        var id = (await client.CreatePlaylistAsync()).Id();
        await client.AddSongsAsync(id, s);
        var entries = (await client.EntriesAsync(id)).Select(e => e.EntryId).ToArray();

        var moved = await (await client.MoveAsync(id, entries[0], 4, ifMatch: 2)).ShouldBeJsonAsync(HttpStatusCode.OK);
        moved.GetProperty("version").GetInt32().Should().Be(3);
        (await client.EntriesAsync(id)).Select(e => e.SongId).Should().Equal(s[1], s[2], s[3], s[0], s[4]);

        await (await client.MoveAsync(id, entries[4], 1)).ShouldBeJsonAsync(HttpStatusCode.OK);
        (await client.EntriesAsync(id)).Select(e => e.SongId).Should().Equal(s[4], s[1], s[2], s[3], s[0]);

        await (await client.MoveAsync(id, entries[2], 3, ifMatch: 3)).ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed);
        await (await client.MoveAsync(id, entries[2], 6)).ShouldBeValidationProblemAsync("position");
        await (await client.MoveAsync(id, entries[2], 0)).ShouldBeValidationProblemAsync("position");
        await (await client.MoveAsync(id, 99999999, 1)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await client.EntriesAsync(id)).Select(e => e.SongId).Should().Equal(s[4], s[1], s[2], s[3], s[0]);
        await factory.ShouldHoldOrderAsync(client, id);
    }

    [Fact]
    public async Task ListSongs_ShowsALikeAtOnce_AsARereadPageMustNotServeAnOlderOne()
    {
        var owner = factory.AsUser();
        var s = await SongsAsync(2);
        var id = (await owner.CreatePlaylistAsync(isPublic: true)).Id();
        await owner.AddSongsAsync(id, s);
        async Task<int[]> Likes() =>
            (await (await factory.Anonymous().GetAsync(PlaylistApi.Songs(id))).ShouldBeJsonAsync(HttpStatusCode.OK))
            .GetProperty("items").EnumerateArray().Select(e => e.GetProperty("song").GetProperty("likeCount").GetInt32()).ToArray();
        (await Likes()).Should().Equal(0, 0);

        await (await owner.PutAsync($"{CatalogApi.Songs}/{s[1]}/like", null)).ShouldBeEmptyAsync(HttpStatusCode.NoContent);

        (await Likes()).Should().Equal(0, 1);
    }

    [Fact]
    public async Task Move_EntryOfAnotherPlaylist_Returns404()
    {
        var client = factory.AsUser();
        var s = await SongsAsync(1);
        var a = (await client.CreatePlaylistAsync()).Id();
        var b = (await client.CreatePlaylistAsync()).Id();
        await client.AddSongsAsync(a, s);
        await client.AddSongsAsync(b, s);
        var entryOfA = (await client.EntriesAsync(a))[0].EntryId;

        await (await client.MoveAsync(b, entryOfA, 1)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await client.DeleteAsync($"{PlaylistApi.Songs(b)}/{entryOfA}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Remove_ClosesTheGap_AndTotalsFollow()
    {
        var client = factory.AsUser();
        var s = await SongsAsync(4, duration: 10);
        var id = (await client.CreatePlaylistAsync()).Id();
        await client.AddSongsAsync(id, s);
        var entries = await client.EntriesAsync(id);

        await (await client.DeleteAsync($"{PlaylistApi.Songs(id)}/{entries[1].EntryId}")).ShouldBeEmptyAsync(HttpStatusCode.NoContent);

        (await client.EntriesAsync(id)).Select(e => (e.Position, e.SongId)).Should().Equal((1, s[0]), (2, s[2]), (3, s[3]));
        var playlist = await client.GetPlaylistAsync(id);
        (playlist.GetProperty("songCount").GetInt32(), playlist.GetProperty("durationSeconds").GetInt64()).Should().Be((3, 10L + 12 + 13));
        await (await client.DeleteAsync($"{PlaylistApi.Songs(id)}/{entries[1].EntryId}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ListMine_ByName_OnlyTheCallers()
    {
        var account = await factory.CreateAccountAsync("user");
        var client = factory.WithToken(account.Token());
        await client.CreatePlaylistAsync("beta");
        await client.CreatePlaylistAsync("Alpha", isPublic: true);
        await factory.AsUser().CreatePlaylistAsync("aaa someone else's");

        var page = await (await client.GetAsync(PlaylistApi.MyPlaylists)).ShouldBeJsonAsync(HttpStatusCode.OK);

        page.GetProperty("items").EnumerateArray().Select(p => p.Str("name")).Should().Equal("Alpha", "beta");
        page.GetProperty("totalCount").GetInt32().Should().Be(2);
        await (await factory.Anonymous().GetAsync(PlaylistApi.MyPlaylists)).ShouldBeUnauthorizedAsync();
    }

    [Fact]
    public async Task ListPublic_OnlyPublic_SearchedAndSorted()
    {
        var tag = Unique.Name("pub");
        var client = factory.AsUser();
        var s = await SongsAsync(3);
        var small = (await client.CreatePlaylistAsync($"{tag} B", isPublic: true)).Id();
        var big = (await client.CreatePlaylistAsync($"{tag} c", isPublic: true)).Id();
        await client.CreatePlaylistAsync($"{tag} A private");
        await client.AddSongsAsync(big, s);
        await client.AddSongsAsync(small, [s[0]]);

        async Task<int[]> List(string query) =>
            (await (await factory.Anonymous().GetAsync($"{PlaylistApi.Playlists}?q={Uri.EscapeDataString(tag.ToUpperInvariant())}{query}"))
                .ShouldBeJsonAsync(HttpStatusCode.OK)).ItemIds();

        (await List("")).Should().Equal(small, big);
        (await List("&sort=name")).Should().Equal(small, big);
        (await List("&sort=-songCount")).Should().Equal(big, small);
        (await List("&sort=-updatedAt")).Should().Equal(small, big);
        await (await factory.Anonymous().GetAsync($"{PlaylistApi.Playlists}?sort=size")).ShouldBeValidationProblemAsync("sort");
        await (await factory.Anonymous().GetAsync($"{PlaylistApi.Playlists}?pageSize=101")).ShouldBeValidationProblemAsync("pageSize");
    }

    [Fact]
    public async Task ListSongs_BadPaging_Returns400()
    {
        var id = (await factory.AsUser().CreatePlaylistAsync()).Id();

        await (await factory.AsUser().GetAsync($"{PlaylistApi.Songs(id)}?page=0")).ShouldBeValidationProblemAsync("page");
    }

    [Fact]
    public async Task Update_RulesOnAPlaylistWithEntries_Returns409_WithoutEntriesMakesItSmart()
    {
        var client = factory.AsUser();
        var id = (await client.CreatePlaylistAsync()).Id();
        await client.AddSongsAsync(id, await SongsAsync(1));
        var rules = new { match = "all", conditions = Array.Empty<object>() };

        await (await client.PutAsJsonAsync($"{PlaylistApi.Playlists}/{id}", new { name = "smart", rules })).ShouldBeProblemAsync(HttpStatusCode.Conflict);

        var empty = (await client.CreatePlaylistAsync()).Id();
        var smart = await (await client.PutAsJsonAsync($"{PlaylistApi.Playlists}/{empty}", new { name = "smart", rules })).ShouldBeJsonAsync(HttpStatusCode.OK);
        smart.GetProperty("isSmart").GetBoolean().Should().BeTrue();
        smart.GetProperty("rules").GetProperty("limit").GetInt32().Should().Be(500);
        smart.GetProperty("rules").GetProperty("sort").GetString().Should().Be("title");
    }

    [Fact]
    public async Task AnyWriteSequence_ReadsInTheOrderOfAListModel_AtPositionsWithoutGaps()
    {
        var client = factory.AsUser();
        var s = await SongsAsync(3);
        var id = (await client.CreatePlaylistAsync()).Id();
        await client.AddSongsAsync(id, [s[0], s[1], s[2], s[0], s[1]]);
        var model = (await client.EntriesAsync(id)).Select(e => e.EntryId).ToList();
        var random = new Random(14);
        for (var i = 0; i < 30; i++)
        {
            switch (random.Next(3))
            {
                case 0:
                    var moved = model[random.Next(model.Count)];
                    var to = random.Next(model.Count) + 1;
                    await (await client.MoveAsync(id, moved, to)).ShouldBeJsonAsync(HttpStatusCode.OK);
                    model.Remove(moved);
                    model.Insert(to - 1, moved);
                    break;
                case 1 when model.Count > 1:
                    var removed = model[random.Next(model.Count)];
                    await (await client.DeleteAsync($"{PlaylistApi.Songs(id)}/{removed}")).ShouldBeEmptyAsync(HttpStatusCode.NoContent);
                    model.Remove(removed);
                    break;
                default:
                    var at = random.Next(model.Count + 1) + 1;
                    await client.AddSongsAsync(id, [s[random.Next(3)]], at);
                    model.Insert(at - 1, (await client.EntriesAsync(id)).Select(e => e.EntryId).Except(model).Single());
                    break;
            }
            (await client.EntriesAsync(id)).Select(e => e.EntryId).Should().Equal(model, "step {0} keeps the order", i);
            await factory.ShouldHoldOrderAsync(client, id, $"step {i} leaves positions 1..n");
        }
    }

    [Fact]
    public async Task MovesIntoOneGap_UntilItIsExhausted_RenumberTheKeys_AndKeepTheOrder()
    {
        var client = factory.AsUser();
        var s = await SongsAsync(3);
        var id = (await client.CreatePlaylistAsync()).Id();
        await client.AddSongsAsync(id, [s[0], s[1], s[2], s[0], s[1], s[2]]);
        var model = (await client.EntriesAsync(id)).Select(e => e.EntryId).ToList();

        // Each move lands between the first entry and the one moved before it: the gap there halves every time.
        for (var i = 0; i < 20; i++)
        {
            var last = model[^1];
            await (await client.MoveAsync(id, last, 2)).ShouldBeJsonAsync(HttpStatusCode.OK);
            model.Remove(last);
            model.Insert(1, last);
        }

        (await client.EntriesAsync(id)).Select(e => e.EntryId).Should().Equal(model);
        await factory.ShouldHoldOrderAsync(client, id);
        var (keys, _) = await factory.StoredAsync(id);
        keys.Zip(keys.Skip(1), (a, b) => b - a).Min().Should().BeGreaterThan(PlaylistOrder.Gap >> 8, "the exhausted gap made the playlist renumber");
    }

    [Theory]
    [InlineData(1)] // before the first
    [InlineData(3)] // between two
    [InlineData(6)] // after the last
    public async Task Add_WhereNoKeyFits_RenumbersTheKeys_AndInsertsInOrder(int position)
    {
        var client = factory.AsUser();
        var s = await SongsAsync(3);
        var id = (await client.CreatePlaylistAsync()).Id();
        await client.AddSongsAsync(id, [s[0], s[1], s[0], s[1], s[0]]);
        var before = (await client.EntriesAsync(id)).Select(e => e.EntryId).ToList();
        // Keys packed tight at the edge of their range: no room between neighbours nor past either end.
        var (firstId, edge) = (before[0], position == 1 ? -PlaylistOrder.Bound : PlaylistOrder.Bound - 4);
        await factory.WithDatabaseAsync(db => db.PlaylistEntries.Where(e => e.PlaylistId == id)
            .ExecuteUpdateAsync(u => u.SetProperty(e => e.SortKey, e => e.Id - firstId + edge)));

        await client.AddSongsAsync(id, [s[2], s[2]], position);

        var after = await client.EntriesAsync(id);
        after.Select(e => e.SongId).Should().Equal(Enumerable.Range(0, 7).Select(i =>
            i >= position - 1 && i < position + 1 ? s[2] : s[(i - (i >= position + 1 ? 2 : 0)) % 2]));
        after.Select(e => e.EntryId).Except(before).Should().HaveCount(2);
        await factory.ShouldHoldOrderAsync(client, id);
    }
}
