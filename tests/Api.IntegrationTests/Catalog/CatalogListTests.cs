using System.Net;
using System.Text.Json;
using MusicPlayer.Api.IntegrationTests.Support;

namespace MusicPlayer.Api.IntegrationTests.Catalog;

/// <summary>GET /api/v1/albums and /api/v1/songs: paging envelope, query validation, filters and sort keys.</summary>
public sealed class CatalogListTests(MusicPlayerFactory factory) : IClassFixture<MusicPlayerFactory>
{
    private readonly HttpClient _admin = factory.AsAdmin();
    private readonly HttpClient _anonymous = factory.Anonymous();

    public static TheoryData<string> Lists => new() { CatalogApi.Albums, CatalogApi.Songs };

    private Task<JsonElement> CreateAsync(string list, Action<Dictionary<string, object?>> change) =>
        list == CatalogApi.Albums ? _admin.CreateAlbumAsync(change) : _admin.CreateSongAsync(change);

    private async Task<JsonElement> ListAsync(string list, string query) =>
        await (await _anonymous.GetAsync($"{list}?{query}")).ShouldBeJsonAsync(HttpStatusCode.OK);

    private static string Q(string value) => Uri.EscapeDataString(value);

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task List_Anonymous_Returns200WithPagingEnvelope(string list)
    {
        var genre = Unique.Name("env");
        var created = await CreateAsync(list, b => b["genre"] = genre);

        var page = await ListAsync(list, $"genre={Q(genre)}");

        page.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo("items", "page", "pageSize", "totalCount", "totalPages");
        page.GetProperty("page").GetInt32().Should().Be(1);
        page.GetProperty("pageSize").GetInt32().Should().Be(20);
        page.GetProperty("totalCount").GetInt32().Should().Be(1);
        page.GetProperty("totalPages").GetInt32().Should().Be(1);
        var item = page.GetProperty("items").EnumerateArray().Single();
        item.Id().Should().Be(created.Id());
        item.Str("title").Should().Be(created.Str("title"));
        item.Str("createdAt").Should().EndWith("Z");
        item.Str("updatedAt").Should().EndWith("Z");
        item.Str("releaseDate").Should().MatchRegex(@"^\d{4}-\d{2}-\d{2}$");
    }

    [Fact]
    public async Task ListSongs_Items_CarryLikeCount()
    {
        var genre = Unique.Name("likes");
        await _admin.CreateSongAsync(b => b["genre"] = genre);

        var page = await ListAsync(CatalogApi.Songs, $"genre={Q(genre)}");

        var item = page.GetProperty("items")[0];
        item.GetProperty("likeCount").GetInt32().Should().Be(0);
        item.Str("fileUrl").Should().Be("https://cdn.example.com/song.mp3");
        item.GetProperty("duration").GetInt32().Should().Be(215);
    }

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task List_SeveralPages_PagesWithoutOverlapAndCountsTotals(string list)
    {
        var genre = Unique.Name("paging");
        var ids = new List<int>();
        for (var i = 0; i < 5; i++) ids.Add((await CreateAsync(list, b => b["genre"] = genre)).Id());

        var pages = new List<JsonElement>();
        for (var p = 1; p <= 3; p++) pages.Add(await ListAsync(list, $"genre={Q(genre)}&pageSize=2&page={p}"));

        pages.Select(p => p.GetProperty("items").GetArrayLength()).Should().Equal(2, 2, 1);
        pages.Should().AllSatisfy(p =>
        {
            p.GetProperty("pageSize").GetInt32().Should().Be(2);
            p.GetProperty("totalCount").GetInt32().Should().Be(5);
            p.GetProperty("totalPages").GetInt32().Should().Be(3);
        });
        pages.Select(p => p.GetProperty("page").GetInt32()).Should().Equal(1, 2, 3);
        pages.SelectMany(p => p.ItemIds()).Should().BeEquivalentTo(ids).And.OnlyHaveUniqueItems();
    }

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task List_PagePastTheEnd_ReturnsEmptyItemsWithTotals(string list)
    {
        var genre = Unique.Name("past");
        await CreateAsync(list, b => b["genre"] = genre);

        var page = await ListAsync(list, $"genre={Q(genre)}&page=7&pageSize=10");

        page.GetProperty("items").GetArrayLength().Should().Be(0);
        page.GetProperty("page").GetInt32().Should().Be(7);
        page.GetProperty("totalCount").GetInt32().Should().Be(1);
        page.GetProperty("totalPages").GetInt32().Should().Be(1);
    }

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task List_HugePageNumber_ReturnsEmptyPageNotFirstPage(string list)
    {
        var genre = Unique.Name("huge");
        await CreateAsync(list, b => b["genre"] = genre);

        var page = await ListAsync(list, $"genre={Q(genre)}&page=30000000&pageSize=100");

        page.GetProperty("items").GetArrayLength().Should().Be(0);
        page.GetProperty("totalCount").GetInt32().Should().Be(1);
    }

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task List_NoMatch_ReturnsEmptyPage(string list)
    {
        var page = await ListAsync(list, $"genre={Q(Unique.Name("none"))}");

        page.GetProperty("items").GetArrayLength().Should().Be(0);
        page.GetProperty("totalCount").GetInt32().Should().Be(0);
        page.GetProperty("totalPages").GetInt32().Should().Be(0);
    }

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task List_PageSizeBounds_Returns200(string list)
    {
        var one = await ListAsync(list, "pageSize=1");
        var hundred = await ListAsync(list, "pageSize=100");

        one.GetProperty("pageSize").GetInt32().Should().Be(1);
        hundred.GetProperty("pageSize").GetInt32().Should().Be(100);
    }

    public static TheoryData<string, string, string> BadQueries => new()
    {
        { CatalogApi.Albums, "page=0", "page" },
        { CatalogApi.Albums, "page=-1", "page" },
        { CatalogApi.Albums, "pageSize=0", "pageSize" },
        { CatalogApi.Albums, "pageSize=101", "pageSize" },
        { CatalogApi.Albums, "pageSize=-5", "pageSize" },
        { CatalogApi.Albums, "sort=name", "sort" },
        { CatalogApi.Albums, "sort=Title", "sort" },
        { CatalogApi.Albums, "sort=-likeCount", "sort" },
        { CatalogApi.Albums, "page=abc", "page" },
        { CatalogApi.Albums, "pageSize=ten", "pageSize" },
        { CatalogApi.Albums, "page=1.5", "page" },
        { CatalogApi.Albums, "page=99999999999", "page" },
        { CatalogApi.Songs, "page=0", "page" },
        { CatalogApi.Songs, "pageSize=0", "pageSize" },
        { CatalogApi.Songs, "pageSize=101", "pageSize" },
        { CatalogApi.Songs, "sort=likeCount", "sort" },
        { CatalogApi.Songs, "sort=duration", "sort" },
        { CatalogApi.Songs, "page=abc", "page" },
        { CatalogApi.Songs, "albumId=abc", "albumId" },
        { CatalogApi.Songs, "albumId=0", "albumId" },
        { CatalogApi.Songs, "albumId=-2", "albumId" },
        { CatalogApi.Albums, $"q={new string('q', 101)}", "q" },
        { CatalogApi.Songs, $"artist={new string('a', 101)}", "artist" },
        { CatalogApi.Songs, $"genre={new string('g', 51)}", "genre" },
    };

    [Theory]
    [MemberData(nameof(BadQueries))]
    public async Task List_InvalidQuery_Returns400NamingTheParameter(string list, string query, string field)
    {
        var response = await _anonymous.GetAsync($"{list}?{query}");

        await response.ShouldBeValidationProblemAsync(field);
    }

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task List_SeveralInvalidParameters_Returns400NamingEach(string list)
    {
        var response = await _anonymous.GetAsync($"{list}?page=0&pageSize=500&sort=random");

        await response.ShouldBeValidationProblemAsync("page", "pageSize", "sort");
    }

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task List_FilterOverFieldLimit_Returns400(string list)
    {
        var response = await _anonymous.GetAsync($"{list}?genre={new string('g', 51)}");

        await response.ShouldBeValidationProblemAsync("genre");
    }

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task List_GenreFilter_IsExactAndCaseInsensitiveIncludingNonAscii(string list)
    {
        var suffix = Unique.Name("g");
        var match = await CreateAsync(list, b => b["genre"] = $"Ébène {suffix}");
        await CreateAsync(list, b => b["genre"] = $"Ébène {suffix} Extra");
        await CreateAsync(list, b => b["genre"] = $"Jazz {suffix}");

        foreach (var query in new[] { $"ébène {suffix}", $"ÉBÈNE {suffix.ToUpperInvariant()}", $"  Ébène {suffix}  " })
        {
            var page = await ListAsync(list, $"genre={Q(query)}");
            page.ItemIds().Should().Equal([match.Id()], "genre={0} matches exactly one, ignoring case", query);
        }

        (await ListAsync(list, $"genre={Q("ébène")}")).ItemIds().Should().NotContain(match.Id(), "the genre filter is exact, not contains");
    }

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task List_ArtistFilter_IsExactAndCaseInsensitiveIncludingNonAscii(string list)
    {
        var suffix = Unique.Name("a");
        var match = await CreateAsync(list, b => b["artist"] = $"Ölaf Ærøskøbing {suffix}");
        await CreateAsync(list, b => b["artist"] = $"Ölaf Ærøskøbing {suffix} Band");

        var lower = await ListAsync(list, $"artist={Q($"ölaf ærøskøbing {suffix}")}");
        var upper = await ListAsync(list, $"artist={Q($"ÖLAF ÆRØSKØBING {suffix.ToUpperInvariant()}")}");

        lower.ItemIds().Should().Equal(match.Id());
        upper.ItemIds().Should().Equal(match.Id());
    }

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task List_GenreAndArtistFilters_Combine(string list)
    {
        var genre = Unique.Name("combo");
        var match = await CreateAsync(list, b => { b["genre"] = genre; b["artist"] = "Combo Artist"; });
        await CreateAsync(list, b => { b["genre"] = genre; b["artist"] = "Other Artist"; });

        var page = await ListAsync(list, $"genre={Q(genre)}&artist={Q("combo artist")}");

        page.ItemIds().Should().Equal(match.Id());
    }

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task List_Search_MatchesTitleOrArtistWordsIgnoringCaseAndAccents(string list)
    {
        var token = Guid.NewGuid().ToString("N")[..10];
        var byTitle = await CreateAsync(list, b => b["title"] = $"Night {token} Drive");
        var byArtist = await CreateAsync(list, b => b["artist"] = $"dj {token} crew");
        var byNonAscii = await CreateAsync(list, b => b["title"] = $"Crème Brûlée {token}");
        await CreateAsync(list, b => { b["description"] = token; b["genre"] = token; });

        var any = await ListAsync(list, $"q={Q(token.ToUpperInvariant())}");
        var accented = await ListAsync(list, $"q={Q($"BRÛLÉE {token}")}");

        any.ItemIds().Should().BeEquivalentTo([byTitle.Id(), byArtist.Id(), byNonAscii.Id()],
            "q searches title and artist only, not description or genre");
        accented.ItemIds().Should().Equal(byNonAscii.Id());
    }

    public static TheoryData<string, string, string> SortCases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var list in new[] { CatalogApi.Albums, CatalogApi.Songs })
        {
            // Created in the order A, B, C. A = "beta" by "Zed", B = "Alpha" by "abba", C = "charlie" by "Abba".
            data.Add(list, "", "BAC");
            data.Add(list, "title", "BAC");
            data.Add(list, "-title", "CAB");
            data.Add(list, "artist", "BCA");
            data.Add(list, "-artist", "ACB");
            data.Add(list, "createdAt", "ABC");
            data.Add(list, "-createdAt", "CBA");
        }

        // No likes here: equal counts fall back to the newest first (LikeTests sorts songs that have likes).
        data.Add(CatalogApi.Songs, "-likeCount", "CBA");
        return data;
    }

    [Theory]
    [MemberData(nameof(SortCases))]
    public async Task List_SortKey_OrdersItems(string list, string sort, string expected)
    {
        var genre = Unique.Name("sort");
        var created = new Dictionary<char, int>
        {
            ['A'] = (await CreateAsync(list, b => { b["genre"] = genre; b["title"] = "beta"; b["artist"] = "Zed"; })).Id(),
            ['B'] = (await CreateAsync(list, b => { b["genre"] = genre; b["title"] = "Alpha"; b["artist"] = "abba"; })).Id(),
            ['C'] = (await CreateAsync(list, b => { b["genre"] = genre; b["title"] = "charlie"; b["artist"] = "Abba"; })).Id(),
        };

        var page = await ListAsync(list, $"genre={Q(genre)}" + (sort.Length > 0 ? $"&sort={Q(sort)}" : ""));

        page.ItemIds().Should().Equal(expected.Select(c => created[c]));
    }

    [Fact]
    public async Task ListSongs_AlbumIdFilter_ReturnsOnlyThatAlbumsSongs()
    {
        var album = await _admin.CreateAlbumAsync();
        var other = await _admin.CreateAlbumAsync();
        var first = await _admin.CreateSongAsync(b => b["title"] = "First");
        var second = await _admin.CreateSongAsync(b => b["title"] = "Second");
        var elsewhere = await _admin.CreateSongAsync();
        await _admin.LinkAsync(album.Id(), second.Id(), 1);
        await _admin.LinkAsync(album.Id(), first.Id(), 2);
        await _admin.LinkAsync(other.Id(), elsewhere.Id(), 1);
        await _admin.LinkAsync(other.Id(), first.Id(), 2);

        var page = await ListAsync(CatalogApi.Songs, $"albumId={album.Id()}");

        page.ItemIds().Should().Equal(first.Id(), second.Id());
        page.GetProperty("totalCount").GetInt32().Should().Be(2);
    }

    [Fact]
    public async Task ListSongs_AlbumIdOfMissingAlbum_ReturnsEmptyPage()
    {
        var page = await ListAsync(CatalogApi.Songs, "albumId=987654");

        page.GetProperty("items").GetArrayLength().Should().Be(0);
        page.GetProperty("totalCount").GetInt32().Should().Be(0);
    }

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task List_WithUserToken_Returns200(string list)
    {
        var response = await factory.AsUser().GetAsync($"{list}?pageSize=1");

        (await response.ShouldBeJsonAsync(HttpStatusCode.OK)).GetProperty("pageSize").GetInt32().Should().Be(1);
    }
}
