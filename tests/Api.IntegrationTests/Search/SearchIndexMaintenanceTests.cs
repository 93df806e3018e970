using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MusicPlayer.Api.IntegrationTests.Support;
using MusicPlayer.Application.Features.Search.Memory;
using MusicPlayer.Domain.Common;
using MusicPlayer.Infrastructure;
using MusicPlayer.Infrastructure.Persistence;
using MusicPlayer.Infrastructure.Persistence.Search;

namespace MusicPlayer.Api.IntegrationTests.Search;

/// <summary>
/// Every catalog write keeps the search index in step, in its own transaction: what search finds right after
/// each write, and that every stored document equals the one the normaliser makes from the stored rows.
/// </summary>
public sealed class SearchIndexMaintenanceTests(MusicPlayerFactory factory) : IClassFixture<MusicPlayerFactory>
{
    private readonly HttpClient _admin = factory.AsAdmin();

    /// <summary>A word no other test uses: 14 random letters, far more than two typos away from any other.</summary>
    private static string Word() => "zq" + new string(Random.Shared.GetItems<char>("abcdefghijklmnopqrstuvwxyz", 12));

    private async Task<int[]> FindAsync(string type, string q, int limit = 50) =>
        (await SearchAsync(type, q, limit)).GetProperty(type).Ids();

    private async Task<JsonElement> SearchAsync(string type, string q, int limit = 50) =>
        await (await factory.Anonymous().GetAsync($"/api/v1/search?q={Uri.EscapeDataString(q)}&types={type}&limit={limit}"))
            .ShouldBeJsonAsync(HttpStatusCode.OK);

    private Task<JsonElement> SongAsync(string title, string artist = "Index Tester") =>
        _admin.CreateSongAsync(b => { b["title"] = title; b["artist"] = artist; });

    private Task<JsonElement> AlbumAsync(string title, string artist = "Index Tester") =>
        _admin.CreateAlbumAsync(b => { b["title"] = title; b["artist"] = artist; });

    [Fact]
    public async Task Songs_CreateUpdateDelete_AreFoundAsTheyAre()
    {
        var (first, second) = (Word(), Word());
        var song = await SongAsync($"{first} Song");
        (await FindAsync("songs", first)).Should().Equal(song.Id());

        var updated = await _admin.PutAsJsonAsync($"{CatalogApi.Songs}/{song.Id()}", CatalogApi.SongBody(b => b["title"] = $"{second} Song"));
        await updated.ShouldBeJsonAsync(HttpStatusCode.OK);
        (await FindAsync("songs", first)).Should().BeEmpty();
        (await FindAsync("songs", second)).Should().Equal(song.Id());

        (await _admin.DeleteAsync($"{CatalogApi.Songs}/{song.Id()}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await FindAsync("songs", second)).Should().BeEmpty();
        await ShouldBeInStepAsync();
    }

    [Fact]
    public async Task AlbumLinks_PutAndTakeSongsInAndOutOfTheAlbumsWords()
    {
        var albumWord = Word();
        var album = await AlbumAsync($"{albumWord} Album");
        var song = await SongAsync("Linked Song");

        await _admin.LinkAsync(album.Id(), song.Id(), 1);
        (await FindAsync("songs", albumWord)).Should().Equal(song.Id());

        (await _admin.DeleteAsync($"{CatalogApi.Albums}/{album.Id()}/songs/{song.Id()}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await FindAsync("songs", albumWord)).Should().BeEmpty();
        await ShouldBeInStepAsync();
    }

    [Fact]
    public async Task AlbumRename_ReachesItsSongs_AndAlbumDeleteTakesItsWordsOff()
    {
        var (before, after, artist) = (Word(), Word(), Word());
        var album = await AlbumAsync($"{before} Album");
        var songs = new[] { await SongAsync("Track One"), await SongAsync("Track Two") };
        foreach (var song in songs) await _admin.LinkAsync(album.Id(), song.Id(), null);

        var renamed = await _admin.PutAsJsonAsync($"{CatalogApi.Albums}/{album.Id()}",
            CatalogApi.AlbumBody(b => { b["title"] = $"{after} Album"; b["artist"] = $"{artist} Band"; }));
        await renamed.ShouldBeJsonAsync(HttpStatusCode.OK);

        (await FindAsync("songs", before)).Should().BeEmpty();
        (await FindAsync("songs", after)).Should().BeEquivalentTo(songs.Select(s => s.Id()));
        (await FindAsync("albums", artist)).Should().Equal(album.Id());
        (await SearchAsync("artists", artist)).GetProperty("artists").EnumerateArray().Select(a => a.Str("name")).Should().Equal($"{artist} Band");
        await ShouldBeInStepAsync();

        (await _admin.DeleteAsync($"{CatalogApi.Albums}/{album.Id()}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await FindAsync("songs", after)).Should().BeEmpty();
        (await FindAsync("albums", after)).Should().BeEmpty();
        await ShouldBeInStepAsync();
    }

    [Fact]
    public async Task ConcurrentRenamesAndLinks_LeaveEverySongWithItsAlbumsLastTitle()
    {
        var album = await AlbumAsync($"{Word()} Album");
        var songs = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => SongAsync("Racing Song")));
        var titles = Enumerable.Range(0, 6).Select(_ => $"{Word()} Album").ToArray();

        await Task.WhenAll(
            songs.Select(s => _admin.LinkAsync(album.Id(), s.Id(), null))
                .Concat(titles.Select(async t =>
                    (await _admin.PutAsJsonAsync($"{CatalogApi.Albums}/{album.Id()}", CatalogApi.AlbumBody(b => b["title"] = t)))
                    .StatusCode.Should().Be(HttpStatusCode.OK))));

        await ShouldBeInStepAsync();
    }

    [Fact]
    public async Task StartUp_IndexesRowsStoredBeforeTheIndex()
    {
        var word = Word();
        var song = await SongAsync($"{word} Old");
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MusicPlayerDbContext>();
            var id = song.Id();
            await db.Database.ExecuteSqlAsync($@"UPDATE ""Songs"" SET ""SearchText"" = '', ""SearchKey"" = '' WHERE ""Id"" = {id}");
        }
        // Written behind the app's back, as by another instance: its in-memory index is told so.
        factory.Services.GetRequiredService<SearchMemory>().Invalidate();
        (await FindAsync("songs", word)).Should().BeEmpty();

        await factory.Services.MigrateDatabaseAsync();

        // Another limit: the answer above is in the list cache, which a start-up never has to forget.
        (await FindAsync("songs", word, limit: 49)).Should().Equal(song.Id());
        await ShouldBeInStepAsync();
    }

    [Fact]
    public async Task StartUp_LooksForRowsWithoutADocumentInThePartialIndex()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MusicPlayerDbContext>();
        if (!db.Database.IsSqlite()) return; // PostgreSQL's planner picks by cost: on a small table a scan is cheaper.

        foreach (var (table, sql) in new[]
                 {
                     ("Songs", SearchIndexBackfill.Unindexed(db.Songs).ToQueryString()),
                     ("Albums", SearchIndexBackfill.Unindexed(db.Albums).ToQueryString()),
                 })
        {
            var plan = await SqlitePlan.StepsAsync(db, sql, 1);
            string.Join('\n', plan).Should().Contain($"USING INDEX {SearchIndexSql.UnindexedRowsIndex(table)}", "an empty partial index is probed instead of scanning {0}", table);
        }
    }

    /// <summary>Every stored document and key is what the normaliser makes of the stored rows: no drift.</summary>
    private async Task ShouldBeInStepAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MusicPlayerDbContext>();
        var songs = await db.Songs.AsNoTracking()
            .Select(s => new
            {
                s.Id, s.Title, s.Artist, s.SearchKey, s.ArtistKey,
                Document = EF.Property<string>(s, SearchIndexMaintenance.DocumentColumn),
                Albums = s.Albums.Select(l => l.Album.Title).ToList(),
            })
            .ToListAsync();
        foreach (var song in songs)
        {
            var expected = SearchText.Document([song.Title, song.Artist, .. song.Albums]);
            song.Document.Split(' ', StringSplitOptions.RemoveEmptyEntries).Should()
                .BeEquivalentTo(expected.Split(' ', StringSplitOptions.RemoveEmptyEntries), "song {0}'s document", song.Id);
            song.SearchKey.Should().Be(SearchText.Key(song.Title));
            song.ArtistKey.Should().Be(SearchText.Key(song.Artist));
        }

        var albums = await db.Albums.AsNoTracking()
            .Select(a => new { a.Id, a.Title, a.Artist, Document = EF.Property<string>(a, SearchIndexMaintenance.DocumentColumn) })
            .ToListAsync();
        foreach (var album in albums) album.Document.Should().Be(SearchText.Document(album.Title, album.Artist), "album {0}'s document", album.Id);

        // SQLite: the FTS5 index must hold exactly the documents of the rows (FTS5 checks it, and throws if not).
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("""INSERT INTO "SongsFts" ("SongsFts", rank) VALUES ('integrity-check', 1)""");
            await db.Database.ExecuteSqlRawAsync("""INSERT INTO "AlbumsFts" ("AlbumsFts", rank) VALUES ('integrity-check', 1)""");
        }
    }
}
