using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MusicPlayer.Api.IntegrationTests.Support;
using MusicPlayer.Tests.Shared;

namespace MusicPlayer.Api.IntegrationTests.Playlists;

/// <summary>
/// Three songs, one owner, and every rule operator evaluated by the database (SQLite, or PostgreSQL in CI):
/// <list type="bullet">
/// <item>A: "Alpha Song" by "Über Band", 100 s, released 1999, on "Blue Album", liked by the owner and another user;</item>
/// <item>B: "beta tune" by "Other Artist", 200 s, released 2005, on "Blue Album", liked by the other user;</item>
/// <item>C: "Gamma" by "über band" (lower case), no duration, no release date, on no album, added ten days ago.</item>
/// </list>
/// </summary>
public sealed class SmartCatalog : MusicPlayerFactory
{
    private readonly SemaphoreSlim _once = new(1, 1);
    private Dictionary<char, int>? _songs;

    public string Genre { get; } = Unique.Name("G");

    public TestAccount Owner { get; private set; } = null!;

    public async Task<Dictionary<char, int>> SongsAsync()
    {
        await _once.WaitAsync();
        try
        {
            return _songs ??= await SeedAsync();
        }
        finally
        {
            _once.Release();
        }
    }

    private async Task<Dictionary<char, int>> SeedAsync()
    {
        var admin = this.AsAdmin();
        var a = (await admin.CreateSongAsync(b => Set(b, "Alpha Song", "Über Band", 100, "1999-05-01"))).Id();
        var b = (await admin.CreateSongAsync(x => Set(x, "beta tune", "Other Artist", 200, "2005-01-01"))).Id();
        var c = (await admin.CreateSongAsync(x => Set(x, "Gamma", "über band", null, null))).Id();
        var album = (await admin.CreateAlbumAsync(x => x["title"] = "Blue Album")).Id();
        await admin.LinkAsync(album, a, 1);
        await admin.LinkAsync(album, b, 2);
        Owner = await CreateAccountAsync("user");
        var other = this.WithToken((await CreateAccountAsync("user")).Token());
        await (await this.WithToken(Owner.Token()).PutAsync($"{CatalogApi.Songs}/{a}/like", null)).ShouldBeEmptyAsync(HttpStatusCode.NoContent);
        await (await other.PutAsync($"{CatalogApi.Songs}/{a}/like", null)).ShouldBeEmptyAsync(HttpStatusCode.NoContent);
        await (await other.PutAsync($"{CatalogApi.Songs}/{b}/like", null)).ShouldBeEmptyAsync(HttpStatusCode.NoContent);
        await this.WithDatabaseAsync(db => db.Songs.Where(s => s.Id == c)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.CreatedAt, DateTime.UtcNow.AddDays(-10))));
        return new Dictionary<char, int> { ['A'] = a, ['B'] = b, ['C'] = c };
    }

    private void Set(Dictionary<string, object?> body, string title, string artist, int? duration, string? released)
    {
        (body["title"], body["artist"], body["genre"], body["duration"], body["releaseDate"]) = (title, artist, Genre, duration, released);
    }
}

public sealed class SmartPlaylistTests(SmartCatalog catalog) : IClassFixture<SmartCatalog>
{
    [Theory]
    [MemberData(nameof(SmartRuleCases.EveryOperator), MemberType = typeof(SmartRuleCases))]
    public async Task Operator_EvaluatedInTheDatabase_SelectsExactlyTheMatchingSongs(string field, string op, string value, string expected)
    {
        var songs = await catalog.SongsAsync();
        value = SmartRuleCases.Value(value, catalog.Genre, DateTime.UtcNow);
        var conditions = JsonDocument.Parse($$"""
            [{"field":"genre","operator":"is","value":"{{catalog.Genre.ToUpperInvariant()}}"},{"field":"{{field}}","operator":"{{op}}","value":{{value}}}]
            """).RootElement;
        var owner = catalog.WithToken(catalog.Owner.Token());
        var playlist = await owner.CreatePlaylistAsync(rules: new { match = "all", conditions, sort = "title" });

        var found = await owner.SongIdsAsync(playlist.Id());

        found.Should().Equal(expected.Select(letter => songs[letter]), "{0} {1} {2}", field, op, value);
        var read = await owner.GetPlaylistAsync(playlist.Id());
        read.GetProperty("songCount").GetInt32().Should().Be(expected.Length);
        read.GetProperty("durationSeconds").GetInt64().Should().Be(SmartRuleCases.Duration(expected));
    }

    [Fact]
    public async Task MatchAny_SortAndLimit_AreApplied_AndTotalsAreOfTheLimitedResult()
    {
        var songs = await catalog.SongsAsync();
        var owner = catalog.WithToken(catalog.Owner.Token());
        var rules = new
        {
            match = "any",
            conditions = new object[]
            {
                new { field = "title", @operator = "is", value = "gamma" },
                new { field = "likeCount", @operator = "gt", value = 0 },
            },
            sort = "-likeCount",
            limit = 2,
        };

        var playlist = await owner.CreatePlaylistAsync(rules: rules);

        (await owner.SongIdsAsync(playlist.Id())).Should().Equal(songs['A'], songs['B']);
        (playlist.GetProperty("songCount").GetInt32(), playlist.GetProperty("durationSeconds").GetInt64()).Should().Be((2, 300L));
        var secondPage = await (await owner.GetAsync($"{PlaylistApi.Songs(playlist.Id())}?page=2&pageSize=1")).ShouldBeJsonAsync(HttpStatusCode.OK);
        secondPage.GetProperty("totalCount").GetInt32().Should().Be(2);
        var item = secondPage.GetProperty("items").EnumerateArray().Single();
        (item.GetProperty("position").GetInt32(), item.GetProperty("song").Id()).Should().Be((2, songs['B']));
        item.GetProperty("entryId").ValueKind.Should().Be(JsonValueKind.Null);
        var pastTheLimit = await (await owner.GetAsync($"{PlaylistApi.Songs(playlist.Id())}?page=3&pageSize=1")).ShouldBeJsonAsync(HttpStatusCode.OK);
        pastTheLimit.GetProperty("items").GetArrayLength().Should().Be(0);
    }

    [Theory]
    [InlineData("title", new[] { 'A', 'B', 'C' })]
    [InlineData("-title", new[] { 'C', 'B', 'A' })]
    [InlineData("artist", new[] { 'B', 'A', 'C' })]
    [InlineData("-createdAt", new[] { 'B', 'A', 'C' })]
    public async Task Sort_OrdersTheEvaluatedSongs(string sort, char[] expected)
    {
        var songs = await catalog.SongsAsync();
        var owner = catalog.WithToken(catalog.Owner.Token());
        var playlist = await owner.CreatePlaylistAsync(rules: new
        {
            match = "all", sort,
            conditions = new[] { new { field = "genre", @operator = "is", value = catalog.Genre } },
        });

        (await owner.SongIdsAsync(playlist.Id())).Should().Equal(expected.Select(l => songs[l]));
    }

    [Fact]
    public async Task Sort_Random_IsAShuffleOfTheMatches_StableAcrossPages()
    {
        var songs = await catalog.SongsAsync();
        var owner = catalog.WithToken(catalog.Owner.Token());
        var playlist = await owner.CreatePlaylistAsync(rules: new
        {
            match = "all", sort = "random",
            conditions = new[] { new { field = "genre", @operator = "is", value = catalog.Genre } },
        });

        var whole = await owner.SongIdsAsync(playlist.Id());
        var paged = new List<int>();
        for (var page = 1; page <= 3; page++)
            paged.AddRange((await (await owner.GetAsync($"{PlaylistApi.Songs(playlist.Id())}?page={page}&pageSize=1"))
                .ShouldBeJsonAsync(HttpStatusCode.OK)).GetProperty("items").EnumerateArray().Select(e => e.GetProperty("song").Id()));

        whole.Should().BeEquivalentTo(songs.Values);
        paged.Should().Equal(whole);
    }

    [Fact]
    public async Task PublicSmartPlaylist_ReadByAnother_IsEvaluatedForItsOwner()
    {
        var songs = await catalog.SongsAsync();
        var owner = catalog.WithToken(catalog.Owner.Token());
        var playlist = await owner.CreatePlaylistAsync(isPublic: true, rules: new
        {
            match = "all",
            conditions = new object[]
            {
                new { field = "genre", @operator = "is", value = catalog.Genre },
                new { field = "likedByOwner", @operator = "is", value = true },
            },
        });

        (await catalog.Anonymous().SongIdsAsync(playlist.Id())).Should().Equal(songs['A']);
        (await catalog.AsAdmin().SongIdsAsync(playlist.Id())).Should().Equal(songs['A']);
    }

    [Fact]
    public async Task CatalogChanges_AreSeenOnTheVeryNextRead()
    {
        var genre = Unique.Name("Fresh");
        var song = (await catalog.AsAdmin().CreateSongAsync(b => (b["genre"], b["duration"]) = (genre, 30))).Id();
        var owner = catalog.WithToken((await catalog.CreateAccountAsync("user")).Token());
        var id = (await owner.CreatePlaylistAsync(rules: new
        {
            match = "all",
            conditions = new object[]
            {
                new { field = "genre", @operator = "is", value = genre },
                new { field = "likedByOwner", @operator = "is", value = true },
            },
        })).Id();
        (await owner.SongIdsAsync(id)).Should().BeEmpty();

        await (await owner.PutAsync($"{CatalogApi.Songs}/{song}/like", null)).ShouldBeEmptyAsync(HttpStatusCode.NoContent);
        (await owner.SongIdsAsync(id)).Should().Equal(song);
        (await owner.GetPlaylistAsync(id)).GetProperty("durationSeconds").GetInt64().Should().Be(30);

        await (await catalog.AsAdmin().DeleteAsync($"{CatalogApi.Songs}/{song}")).ShouldBeEmptyAsync(HttpStatusCode.NoContent);
        (await owner.SongIdsAsync(id)).Should().BeEmpty();
        (await owner.GetPlaylistAsync(id)).GetProperty("songCount").GetInt32().Should().Be(0);
    }

    [Fact]
    public async Task EntryChanges_OnASmartPlaylist_Return409()
    {
        var songs = await catalog.SongsAsync();
        var owner = catalog.WithToken(catalog.Owner.Token());
        var id = (await owner.CreatePlaylistAsync(rules: new { match = "all", conditions = Array.Empty<object>() })).Id();

        await (await owner.PostAsJsonAsync(PlaylistApi.Songs(id), new { songIds = new[] { songs['A'] } })).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await (await owner.MoveAsync(id, 1, 1)).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await (await owner.DeleteAsync($"{PlaylistApi.Songs(id)}/1")).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        (await owner.GetPlaylistAsync(id)).GetProperty("songCount").GetInt32().Should().Be(3, "no conditions match every song");
    }

    public static TheoryData<string, string> InvalidRules => new()
    {
        { """{"match":"most","conditions":[]}""", "rules.match" },
        { """{"conditions":[]}""", "rules.match" },
        { """{"match":"all","conditions":[],"sort":"-playCount"}""", "rules.sort" },
        { """{"match":"all","conditions":[],"limit":0}""", "rules.limit" },
        { """{"match":"all","conditions":[],"limit":1001}""", "rules.limit" },
        { """{"match":"all","conditions":[{"field":"mood","operator":"is","value":"x"}]}""", "rules.conditions[0].field" },
        { """{"match":"all","conditions":[{"field":"title","operator":"is","value":"x"},{"field":"title","operator":"gt","value":"x"}]}""", "rules.conditions[1].operator" },
        { """{"match":"all","conditions":[{"field":"title","operator":"is","value":"x"},{"field":"title","operator":"is","value":"x"},{"field":"duration","operator":"contains","value":1}]}""", "rules.conditions[2].operator" },
        { """{"match":"all","conditions":[{"field":"title","operator":"is","value":5}]}""", "rules.conditions[0].value" },
        { """{"match":"all","conditions":[{"field":"title","operator":"is","value":"   "}]}""", "rules.conditions[0].value" },
        { """{"match":"all","conditions":[{"field":"title","operator":"is"}]}""", "rules.conditions[0].value" },
        { """{"match":"all","conditions":[{"field":"duration","operator":"gt","value":"5"}]}""", "rules.conditions[0].value" },
        { """{"match":"all","conditions":[{"field":"duration","operator":"gt","value":-1}]}""", "rules.conditions[0].value" },
        { """{"match":"all","conditions":[{"field":"duration","operator":"gt","value":1.5}]}""", "rules.conditions[0].value" },
        { """{"match":"all","conditions":[{"field":"duration","operator":"between","value":[5]}]}""", "rules.conditions[0].value" },
        { """{"match":"all","conditions":[{"field":"duration","operator":"between","value":[9,2]}]}""", "rules.conditions[0].value" },
        { """{"match":"all","conditions":[{"field":"releaseYear","operator":"is","value":10000}]}""", "rules.conditions[0].value" },
        { """{"match":"all","conditions":[{"field":"addedAt","operator":"inLastDays","value":0}]}""", "rules.conditions[0].value" },
        { """{"match":"all","conditions":[{"field":"addedAt","operator":"before","value":"yesterday"}]}""", "rules.conditions[0].value" },
        { """{"match":"all","conditions":[{"field":"addedAt","operator":"after","value":"2024-02-30"}]}""", "rules.conditions[0].value" },
        { """{"match":"all","conditions":[{"field":"likedByOwner","operator":"is","value":"true"}]}""", "rules.conditions[0].value" },
        { """{"match":"all","conditions":[{"field":"likedByOwner","operator":"isNot","value":true}]}""", "rules.conditions[0].operator" },
    };

    [Theory]
    [MemberData(nameof(InvalidRules))]
    public async Task Create_InvalidRules_Returns400NamingTheCondition(string rules, string field)
    {
        var owner = catalog.WithToken((await catalog.CreateAccountAsync("user")).Token());

        var response = await owner.PostAsync(PlaylistApi.Playlists,
            new StringContent($$"""{"name":"smart","rules":{{rules}}}""", System.Text.Encoding.UTF8, "application/json"));

        await response.ShouldBeValidationProblemAsync(field);
        (await (await owner.GetAsync(PlaylistApi.MyPlaylists)).ShouldBeJsonAsync(HttpStatusCode.OK)).GetProperty("totalCount").GetInt32().Should().Be(0);
    }

    [Fact]
    public async Task Create_TwentyOneConditions_Returns400()
    {
        var conditions = Enumerable.Repeat(new { field = "title", @operator = "is", value = "x" }, 21);

        var response = await catalog.AsUser().PostAsJsonAsync(PlaylistApi.Playlists, new { name = "s", rules = new { match = "all", conditions } });

        await response.ShouldBeValidationProblemAsync("rules.conditions");
    }

    [Fact]
    public async Task Rules_AreReturnedCanonical()
    {
        var owner = catalog.WithToken(catalog.Owner.Token());

        var playlist = await owner.CreatePlaylistAsync(rules: new
        {
            match = "any",
            conditions = new object[]
            {
                new { field = "title", @operator = "contains", value = "  Blue  " },
                new { field = "addedAt", @operator = "after", value = "2024-05-31" },
                new { field = "duration", @operator = "between", value = new[] { 60, 300 } },
            },
        });

        playlist.GetProperty("rules").GetRawText().Should().Be(
            """{"match":"any","conditions":[{"field":"title","operator":"contains","value":"Blue"},{"field":"addedAt","operator":"after","value":"2024-05-31"},{"field":"duration","operator":"between","value":[60,300]}],"sort":"title","limit":500}""");
    }
}
