using System.Net;
using System.Net.Http.Json;
using MusicPlayer.Api.IntegrationTests.Support;

namespace MusicPlayer.Api.IntegrationTests.Playlists;

/// <summary>
/// Many writers of one playlist at once, and the catalog changing under playlists: positions always 1..n
/// without gaps, counts and durations exact.
/// </summary>
public sealed class PlaylistConcurrencyAndCascadeTests(MusicPlayerFactory factory) : IClassFixture<MusicPlayerFactory>
{
    private async Task<int[]> SongsAsync(int count, int duration = 60)
    {
        var admin = factory.AsAdmin();
        var ids = new int[count];
        for (var i = 0; i < count; i++) ids[i] = (await admin.CreateSongAsync(b => b["duration"] = duration)).Id();
        return ids;
    }

    [Fact]
    public async Task ParallelMovesAddsAndRemoves_WithoutIfMatch_AllSucceed_AndLeavePositionsWithoutGaps()
    {
        var client = factory.AsUser();
        var songs = await SongsAsync(5);
        var id = (await client.CreatePlaylistAsync()).Id();
        await client.AddSongsAsync(id, Enumerable.Range(0, 40).Select(i => songs[i % 5]).ToArray());
        var entries = (await client.EntriesAsync(id)).Select(e => e.EntryId).ToArray();
        var removable = new Queue<int>(entries.Take(10));

        var runs = Enumerable.Range(0, 8).Select(async worker =>
        {
            var random = new Random(worker);
            var statuses = new List<HttpStatusCode>();
            for (var op = 0; op < 12; op++)
            {
                HttpResponseMessage response;
                switch (op % 4)
                {
                    case 0 when worker < removable.Count:
                        int entry;
                        lock (removable) entry = removable.Dequeue();
                        response = await client.DeleteAsync($"{PlaylistApi.Songs(id)}/{entry}");
                        break;
                    case 1:
                        response = await client.PostAsJsonAsync(PlaylistApi.Songs(id), new { songIds = new[] { songs[worker % 5] }, position = 1 + random.Next(20) });
                        break;
                    default:
                        response = await client.MoveAsync(id, entries[10 + random.Next(30)], 1 + random.Next(25));
                        break;
                }
                statuses.Add(response.StatusCode);
            }
            return statuses;
        });

        var statuses = (await Task.WhenAll(runs)).SelectMany(s => s).ToList();

        statuses.Should().OnlyContain(s => s == HttpStatusCode.OK || s == HttpStatusCode.NoContent);
        await factory.ShouldHoldOrderAsync(client, id);
        var count = (await factory.StoredAsync(id)).SongCount;
        var playlist = await client.GetPlaylistAsync(id);
        playlist.GetProperty("songCount").GetInt32().Should().Be(count);
        playlist.GetProperty("durationSeconds").GetInt64().Should().Be(60L * count);
        playlist.GetProperty("version").GetInt32().Should().Be(2 + statuses.Count, "every change moves the version on exactly once");
    }

    [Fact]
    public async Task ParallelMoves_WithTheSameIfMatch_ExactlyOneWins_TheOthersGet412AndChangeNothing()
    {
        var client = factory.AsUser();
        var songs = await SongsAsync(6);
        var id = (await client.CreatePlaylistAsync()).Id();
        await client.AddSongsAsync(id, songs);
        var entries = (await client.EntriesAsync(id)).Select(e => e.EntryId).ToArray();

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => client.MoveAsync(id, entries[i], 6 - i, ifMatch: 2)));

        responses.Count(r => r.StatusCode == HttpStatusCode.OK).Should().Be(1);
        responses.Count(r => r.StatusCode == HttpStatusCode.PreconditionFailed).Should().Be(5);
        var winner = Array.FindIndex(responses, r => r.StatusCode == HttpStatusCode.OK);
        var expected = songs.ToList();
        expected.RemoveAt(winner);
        expected.Insert(6 - winner - 1, songs[winner]);
        (await client.EntriesAsync(id)).Select(e => e.SongId).Should().Equal(expected);
        (await client.GetPlaylistAsync(id)).GetProperty("version").GetInt32().Should().Be(3);
    }

    [Fact]
    public async Task DeletingASong_RemovesItsEntriesFromEveryPlaylist_AndThePositionsCloseUp()
    {
        var owner = factory.AsUser();
        var songs = await SongsAsync(3, duration: 10);
        var (gone, keep1, keep2) = (songs[0], songs[1], songs[2]);
        var first = (await owner.CreatePlaylistAsync()).Id();
        var second = (await factory.WithToken((await factory.CreateAccountAsync("user")).Token()).CreatePlaylistAsync(isPublic: true)).Id();
        await owner.AddSongsAsync(first, [gone, keep1, gone, gone, keep2, gone]);
        var other = factory.WithToken((await factory.CreateAccountAsync("user")).Token());
        var untouched = (await other.CreatePlaylistAsync()).Id();
        await other.AddSongsAsync(untouched, [keep2, keep1]);

        await (await factory.AsAdmin().DeleteAsync($"{CatalogApi.Songs}/{gone}")).ShouldBeEmptyAsync(HttpStatusCode.NoContent);

        (await owner.EntriesAsync(first)).Select(e => (e.Position, e.SongId)).Should().Equal((1, keep1), (2, keep2));
        var playlist = await owner.GetPlaylistAsync(first);
        (playlist.GetProperty("songCount").GetInt32(), playlist.GetProperty("durationSeconds").GetInt64(), playlist.GetProperty("version").GetInt32())
            .Should().Be((2, 20L, 3));
        await factory.ShouldHoldOrderAsync(owner, first);
        (await factory.StoredAsync(first)).Keys.Should().HaveCount(2);
        (await factory.StoredAsync(second)).SongCount.Should().Be(0);
        (await other.EntriesAsync(untouched)).Select(e => (e.Position, e.SongId)).Should().Equal((1, keep2), (2, keep1));
        (await other.GetPlaylistAsync(untouched)).GetProperty("version").GetInt32().Should().Be(2, "a playlist without the song is not changed");
    }

    [Fact]
    public async Task EditingASongsDuration_ChangesTheDurationOfEveryPlaylistHoldingIt()
    {
        var client = factory.AsUser();
        var songs = await SongsAsync(2, duration: 10);
        var id = (await client.CreatePlaylistAsync()).Id();
        await client.AddSongsAsync(id, [songs[0], songs[0], songs[1]]);

        await (await factory.AsAdmin().PutAsJsonAsync($"{CatalogApi.Songs}/{songs[0]}", CatalogApi.SongBody(b => b["duration"] = 100)))
            .ShouldBeJsonAsync(HttpStatusCode.OK);
        (await client.GetPlaylistAsync(id)).GetProperty("durationSeconds").GetInt64().Should().Be(210);

        await (await factory.AsAdmin().PutAsJsonAsync($"{CatalogApi.Songs}/{songs[1]}", CatalogApi.SongBody(b => b.Remove("duration"))))
            .ShouldBeJsonAsync(HttpStatusCode.OK);
        (await client.GetPlaylistAsync(id)).GetProperty("durationSeconds").GetInt64().Should().Be(200, "a song without a duration counts 0");
    }

    [Fact]
    public async Task DeletingAUser_DeletesTheirPlaylistsAndEntries()
    {
        var account = await factory.CreateAccountAsync("user");
        var client = factory.WithToken(account.Token());
        var songs = await SongsAsync(1);
        var id = (await client.CreatePlaylistAsync(isPublic: true)).Id();
        await client.AddSongsAsync(id, [songs[0], songs[0]]);

        await (await factory.AsAdmin().DeleteAsync($"{AccountApi.Users}/{account.Id}")).ShouldBeEmptyAsync(HttpStatusCode.NoContent);

        await (await factory.Anonymous().GetAsync($"{PlaylistApi.Playlists}/{id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        var left = -1;
        await factory.WithDatabaseAsync(async db => left = db.PlaylistEntries.Count(e => e.PlaylistId == id) + db.Playlists.Count(p => p.Id == id));
        left.Should().Be(0);
    }

    [Fact]
    public async Task DeletingASong_WhileItIsAddedElsewhere_NeverLeavesAGap()
    {
        var client = factory.AsUser();
        var songs = await SongsAsync(6);
        var id = (await client.CreatePlaylistAsync()).Id();
        await client.AddSongsAsync(id, songs);

        var adds = Enumerable.Range(0, 10).Select(i =>
            client.PostAsJsonAsync(PlaylistApi.Songs(id), new { songIds = new[] { songs[i % 3], songs[0] }, position = 1 + i % 4 }));
        var deletes = new[] { factory.AsAdmin().DeleteAsync($"{CatalogApi.Songs}/{songs[0]}"), factory.AsAdmin().DeleteAsync($"{CatalogApi.Songs}/{songs[1]}") };
        var responses = await Task.WhenAll(adds.Concat(deletes));

        // An add racing the deletion of one of its songs either lands before it (and is cleaned up) or is refused as unknown.
        responses.Should().OnlyContain(r => r.StatusCode == HttpStatusCode.OK || r.StatusCode == HttpStatusCode.NoContent
                                            || r.StatusCode == HttpStatusCode.BadRequest);
        await factory.ShouldHoldOrderAsync(client, id);
        (await client.EntriesAsync(id)).Select(e => e.SongId).Should().NotContain([songs[0], songs[1]]);
    }
}
