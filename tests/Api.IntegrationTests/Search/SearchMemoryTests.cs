using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using MusicPlayer.Api.IntegrationTests.Support;
using MusicPlayer.Application.Common.Caching;
using MusicPlayer.Application.Features.Search.Memory;
using MusicPlayer.Domain.Catalog;
using MusicPlayer.Infrastructure.Persistence;

namespace MusicPlayer.Api.IntegrationTests.Search;

/// <summary>
/// The in-memory search index: it answers searches without a database command while it is current, this instance's
/// edits are found (or gone) on the very next search it answers, and once stale (an edit it cannot have seen) searches
/// read the database until it is rebuilt. Runs on SQLite, and on PostgreSQL when the run is configured for it.
/// </summary>
public sealed class SearchMemoryTests(SearchMemoryTests.Catalog catalog) : IClassFixture<SearchMemoryTests.Catalog>
{
    private readonly HttpClient _admin = catalog.Factory.AsAdmin();

    private SearchMemory Memory => catalog.Factory.Services.GetRequiredService<SearchMemory>();

    /// <summary>A word no other test uses: 14 random letters, far more than two typos away from any other.</summary>
    private static string Word() => "zq" + new string(Random.Shared.GetItems<char>("abcdefghijklmnopqrstuvwxyz", 12));

    /// <summary>A search the in-memory index must answer: current before and after, and no database command read for it.</summary>
    private async Task<JsonElement> FromMemoryAsync(string type, string q)
    {
        Memory.IsCurrent.Should().BeTrue("the index is current before '{0}'", q);
        catalog.Commands.Clear();
        var result = await SearchAsync(type, q);
        catalog.Commands.Take().Should().BeEmpty("'{0}' is answered from memory", q);
        Memory.IsCurrent.Should().BeTrue();
        return result;
    }

    private async Task<JsonElement> SearchAsync(string type, string q) =>
        await (await catalog.Factory.Anonymous().GetAsync($"/api/v1/search?q={Uri.EscapeDataString(q)}&types={type}&limit=50"))
            .ShouldBeJsonAsync(HttpStatusCode.OK);

    private async Task<int[]> FindAsync(string type, string q) => (await FromMemoryAsync(type, q)).GetProperty(type).Ids();

    private async Task<string[]> ArtistsAsync(string q) =>
        (await FromMemoryAsync("artists", q)).GetProperty("artists").EnumerateArray().Select(a => a.Str("name")).ToArray();

    [Fact]
    public async Task Search_WhileCurrent_ReadsNoDatabaseCommand()
    {
        await catalog.Factory.WaitForSearchMemoryAsync();

        var result = await FromMemoryAsync("songs,albums,artists", "metalica");

        result.GetProperty("songs").Ids().Should().NotBeEmpty();
        result.GetProperty("artists")[0].Str("name").Should().Be("Metallica");
    }

    [Fact]
    public async Task Edits_AreFoundOrGone_OnTheVeryNextSearch()
    {
        await catalog.Factory.WaitForSearchMemoryAsync();
        var (title, renamed, artist, newArtist, albumTitle, albumRenamed) = (Word(), Word(), Word(), Word(), Word(), Word());

        var song = await _admin.CreateSongAsync(b => { b["title"] = $"{title} Song"; b["artist"] = $"{artist} Band"; });
        (await FindAsync("songs", title)).Should().Equal(song.Id());
        (await ArtistsAsync(artist)).Should().Equal($"{artist} Band");

        (await _admin.PutAsJsonAsync($"{CatalogApi.Songs}/{song.Id()}",
            CatalogApi.SongBody(b => { b["title"] = $"{renamed} Song"; b["artist"] = $"{newArtist} Band"; }))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await FindAsync("songs", title)).Should().BeEmpty();
        (await FindAsync("songs", renamed)).Should().Equal(song.Id());
        (await FromMemoryAsync("songs,albums,artists", renamed)).GetProperty("songs").Ids().Should().Equal(song.Id());
        (await ArtistsAsync(artist)).Should().BeEmpty("the artist's only song moved to another artist");
        (await ArtistsAsync(newArtist)).Should().Equal($"{newArtist} Band");

        var album = await _admin.CreateAlbumAsync(b => { b["title"] = $"{albumTitle} Album"; b["artist"] = $"{newArtist} Band"; });
        (await FindAsync("albums", albumTitle)).Should().Equal(album.Id());
        await _admin.LinkAsync(album.Id(), song.Id(), 1);
        (await FindAsync("songs", albumTitle)).Should().Equal([song.Id()], "a song's album titles are in its document");
        var artists = (await FromMemoryAsync("artists", newArtist)).GetProperty("artists");
        (artists[0].GetProperty("songCount").GetInt32(), artists[0].GetProperty("albumCount").GetInt32()).Should().Be((1, 1));

        (await _admin.PutAsJsonAsync($"{CatalogApi.Albums}/{album.Id()}", CatalogApi.AlbumBody(b =>
            { b["title"] = $"{albumRenamed} Album"; b["artist"] = $"{newArtist} Band"; }))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await FindAsync("songs", albumTitle)).Should().BeEmpty("the album's songs follow its new title");
        (await FindAsync("songs", albumRenamed)).Should().Equal(song.Id());
        (await FindAsync("albums", albumRenamed)).Should().Equal(album.Id());

        (await _admin.DeleteAsync($"{CatalogApi.Albums}/{album.Id()}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await FindAsync("albums", albumRenamed)).Should().BeEmpty();
        (await FindAsync("songs", albumRenamed)).Should().BeEmpty("a deleted album's title leaves its songs");
        (await FindAsync("songs", renamed)).Should().Equal(song.Id());

        (await _admin.DeleteAsync($"{CatalogApi.Songs}/{song.Id()}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await FindAsync("songs", renamed)).Should().BeEmpty();
        (await ArtistsAsync(newArtist)).Should().BeEmpty();
    }

    [Fact]
    public async Task EditFromAnotherInstance_MakesItStale_SearchesReadTheDatabaseUntilRebuilt()
    {
        await catalog.Factory.WaitForSearchMemoryAsync();
        var word = Word();

        // A row written outside any catalog command of this instance, then the other instance's notice of its edit.
        await using (var scope = catalog.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MusicPlayerDbContext>();
            db.Songs.Add(Song.Create(new SongDetails(new CatalogDetails($"{word} Elsewhere", "Other Instance", "Rock"), "https://cdn.example.com/b.mp3"), DateTime.UtcNow));
            await db.SaveChangesAsync();
        }
        catalog.Factory.Services.GetRequiredService<CatalogVersion>().Apply(CatalogChange.Edits);
        Memory.IsCurrent.Should().BeFalse("an edit it has not seen makes the index stale");

        catalog.Commands.Clear();
        (await SearchAsync("songs", word)).GetProperty("songs").GetArrayLength().Should().Be(1, "the database path finds it");
        catalog.Commands.Take().Should().NotBeEmpty("a stale index sends the search to the database");

        await catalog.Factory.WaitForSearchMemoryAsync();
        (await FindAsync("songs", word)).Should().HaveCount(1, "the rebuilt index has it");
    }

    [Fact]
    public async Task LikeCounts_ALikeAndTheLikersDeletion_ShowInSearchesWithinASecond()
    {
        await catalog.Factory.WaitForSearchMemoryAsync();
        var word = Word();
        var song = (await _admin.CreateSongAsync(b => b["title"] = $"{word} Song")).Id();
        var (account, tokens) = await catalog.Factory.SignUpAsync();

        async Task ShownWithinASecondAsync(HttpResponseMessage change, int likes, string because)
        {
            change.IsSuccessStatusCode.Should().BeTrue();
            var since = System.Diagnostics.Stopwatch.GetTimestamp();
            await Within.HoldsAsync(SearchMemory.CountsLag, since, async () =>
                (await SearchAsync("songs", word)).GetProperty("songs")[0].GetProperty("likeCount").GetInt32() == likes, because);
            await catalog.Factory.WaitForSearchMemoryAsync();
            (await FromMemoryAsync("songs", word)).GetProperty("songs")[0].GetProperty("likeCount").GetInt32().Should().Be(likes, because);
        }

        await ShownWithinASecondAsync(await catalog.Factory.WithToken(tokens.AccessToken).PutAsync($"/api/v1/songs/{song}/like", null), 1,
            "a like is counted in searches within a second");
        await ShownWithinASecondAsync(await _admin.DeleteAsync($"{AccountApi.Users}/{account.Id}"), 0,
            "deleting the user takes their like back from searches within a second too");
    }

    [Theory]
    [InlineData("/api/v1/songs?q=metalica%20sandman", 1)]
    [InlineData("/api/v1/songs?q=b&pageSize=5&sort=-createdAt", 1)]
    [InlineData("/api/v1/albums?q=help", 1)]
    [InlineData("/api/v1/songs?q=yesterday&genre=rock", 2)]
    public async Task ListQ_WhileCurrent_ReadsThePageAlone(string path, int commands)
    {
        var version = catalog.Factory.Services.GetRequiredService<CatalogVersion>();
        version.Apply(CatalogChange.Edits); // stale: the database path answers
        var fromDatabase = await (await catalog.Factory.Anonymous().GetAsync(path)).ShouldBeJsonAsync(HttpStatusCode.OK);
        await catalog.Factory.WaitForSearchMemoryAsync();
        version.Bump(CatalogChange.Edits); // an edit of this instance: the list cache forgets the answer above, the index stays current

        catalog.Commands.Clear();
        var page = await (await catalog.Factory.Anonymous().GetAsync(path)).ShouldBeJsonAsync(HttpStatusCode.OK);

        catalog.Commands.Take().Should().HaveCount(commands, "the index matches and counts; the database reads the page (and counts it with another filter)");
        page.ItemIds().Should().NotBeEmpty().And.Equal(fromDatabase.ItemIds());
        page.GetProperty("totalCount").GetInt32().Should().Be(fromDatabase.GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task Disabled_EverySearchReadsTheDatabase()
    {
        await using var factory = new SearchCatalogFactory();
        await factory.InitializeAsync();

        var memory = factory.Services.GetRequiredService<SearchMemory>();
        (await factory.Anonymous().GetAsync("/api/v1/search?q=a")).StatusCode.Should().Be(HttpStatusCode.OK);

        (memory.Enabled, memory.IsCurrent).Should().Be((false, false));
    }

    /// <summary>The search catalog with the in-memory index on, its commands recorded.</summary>
    public sealed class Catalog : IAsyncLifetime
    {
        public SearchReadsTests.CommandLog Commands { get; } = new();

        public SearchCatalogFactory Factory { get; }

        public Catalog() => Factory = new SearchCatalogFactory(interceptor: Commands, memoryIndex: true);

        public async Task InitializeAsync()
        {
            await Factory.InitializeAsync();
            await Factory.SeedAsync();
        }

        public async Task DisposeAsync() => await Factory.DisposeAsync();
    }
}
