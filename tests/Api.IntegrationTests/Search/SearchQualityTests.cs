using System.Net;
using System.Text.Json;
using MusicPlayer.Api.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;
using MusicPlayer.Application.Common.Search;
using MusicPlayer.Application.Features.Search.Memory;

namespace MusicPlayer.Api.IntegrationTests.Search;

/// <summary>
/// Search judged as a user would: on a catalog of real-looking names, each query must bring the expected song,
/// album or artist first (or at all). Runs on SQLite, and on PostgreSQL when the run is configured for it.
/// </summary>
public abstract class SearchQualityTable<TCatalog>(TCatalog catalog) : IClassFixture<TCatalog> where TCatalog : SearchQualityCatalog
{
    private async Task<JsonElement> SearchAsync(string q, string extra = "")
    {
        var memory = catalog.Factory.Services.GetRequiredService<SearchMemory>();
        var fromMemory = memory.IsCurrent;
        var result = await (await catalog.Factory.Anonymous().GetAsync($"/api/v1/search?q={Uri.EscapeDataString(q)}{extra}")).ShouldBeJsonAsync(HttpStatusCode.OK);
        // The catalog does not change while the table runs: the path a query took is the one the fixture chose.
        (fromMemory && memory.IsCurrent).Should().Be(memory.Enabled, "the in-memory index serves every query when enabled, none otherwise");
        return result;
    }

    private static List<string> Titles(JsonElement result, string type) =>
        result.GetProperty(type).EnumerateArray().Select(e => e.Str(type == "artists" ? "name" : "title")!).ToList();

    public static TheoryData<string, string> FirstSong => new()
    {
        { "halo", "Halo" },                          // exact title before the prefix "Halo of Flies"
        { "HALO", "Halo" },
        { "yesterday", "Yesterday" },                // before "Yesterdays" (prefix), however liked
        { "yesterdya", "Yesterday" },                // a transposition in a long word
        { "yesteday", "Yesterday" },                 // a missing letter
        { "sandman enter", "Enter Sandman" },        // any word order
        { "enter sand", "Enter Sandman" },           // as you type
        { "ente", "Enter Sandman" },
        { "nothing else", "Nothing Else Matters" },
        { "one", "One" },                            // the two songs titled "One" first
        { "hoppipolla", "Hoppípolla" },              // missing accents
        { "hopipolla", "Hoppípolla" },               // and a typo
        { "joga", "Jóga" },
        { "svefn g englar", "Svefn-g-englar" },      // punctuation as spaces
        { "svefngenglar", "Svefn-g-englar" },        // or joined
        { "sweet child o mine", "Sweet Child o' Mine" },
        { "dont stop", "Don't Stop Me Now" },
        { "bohemain", "Bohemian Rhapsody" },         // typo
        { "bohemian rhap", "Bohemian Rhapsody" },
        { "la vie en rose", "La Vie en rose" },
        { "strasse", "Straße der Träume" },          // ß is ss
        { "traume", "Straße der Träume" },
        { "smorrebrod", "Smørrebrød" },              // ø is o
        { "beyonce", "Halo" },                       // the artist's songs, most liked first
        { "metallica", "Enter Sandman" },
        { "metalica", "Enter Sandman" },             // typo in the artist
        { "acdc", "Back in Black" },
        { "ac dc", "Back in Black" },
        { "ac/dc black", "Back in Black" },
        { "pink", "Just Give Me a Reason" },         // P!nk is one letter away
        { "guns n roses", "Sweet Child o' Mine" },
        { "beatles", "Yesterday" },
        { "beatles let", "Let It Be" },
        { "sandman", "Sandman" },                    // the exact title before the more liked "Enter Sandman"
        { "help", "Help!" },
        { "mas", "Master of Puppets" },
        { "empire state", "Empire State of Mind" },
        { "jay z", "Empire State of Mind" },
        { "jayz", "Empire State of Mind" },
        { "celine dion", "My Heart Will Go On" },
        { "motley crue", "Kickstart My Heart" },
        { "appetite", "Sweet Child o' Mine" },       // a song's album title counts
        { "apetite", "Sweet Child o' Mine" },
        { "nuvole", "Nuvole Bianche" },
    };

    [Theory]
    [MemberData(nameof(FirstSong))]
    public async Task Search_Query_RanksTheExpectedSongFirst(string q, string expected)
    {
        var result = await SearchAsync(q);

        Titles(result, "songs").Should().NotBeEmpty().And.Subject.First().Should().Be(expected, "'{0}' should find '{1}' first", q, expected);
    }

    public static TheoryData<string, string> FirstArtist => new()
    {
        { "metallica", "Metallica" },
        { "metalica", "Metallica" },
        { "beyonce", "Beyoncé" },
        { "BEYONCÉ", "Beyoncé" },
        { "sigur ros", "Sigur Rós" },
        { "motorhead", "Motörhead" },
        { "bjork", "Björk" },
        { "acdc", "AC/DC" },
        { "ac dc", "AC/DC" },
        { "ac/dc", "AC/DC" },
        { "p!nk", "P!nk" },
        { "pink", "P!nk" },
        { "guns n roses", "Guns N' Roses" },
        { "guns", "Guns N' Roses" },
        { "beatles", "The Beatles" },
        { "the beatles", "The Beatles" },
        { "beat", "The Beatles" },
        { "rolling stones", "The Rolling Stones" },
        { "edith piaf", "Édith Piaf" },
        { "piaf", "Édith Piaf" },
        { "jay z", "Jay-Z" },
        { "die arzte", "Die Ärzte" },
    };

    [Theory]
    [MemberData(nameof(FirstArtist))]
    public async Task Search_Query_RanksTheExpectedArtistFirst(string q, string expected)
    {
        var result = await SearchAsync(q);

        Titles(result, "artists").Should().NotBeEmpty().And.Subject.First().Should().Be(expected, "'{0}' should find '{1}' first", q, expected);
    }

    public static TheoryData<string, string> FirstAlbum => new()
    {
        { "metallica", "Metallica" },               // exact title first
        { "abbey road", "Abbey Road" },
        { "abey road", "Abbey Road" },
        { "agaetis byrjun", "Ágætis byrjun" },      // æ is ae
        { "ace of spades", "Ace of Spades" },
        { "appetite destruction", "Appetite for Destruction" },
        { "help", "Help!" },
    };

    [Theory]
    [MemberData(nameof(FirstAlbum))]
    public async Task Search_Query_RanksTheExpectedAlbumFirst(string q, string expected)
    {
        var result = await SearchAsync(q);

        Titles(result, "albums").Should().NotBeEmpty().And.Subject.First().Should().Be(expected, "'{0}' should find '{1}' first", q, expected);
    }

    [Fact]
    public async Task Search_ExactThenPrefixThenWordsThenTypos_TiesByLikesThenId()
    {
        var result = await SearchAsync("one", "&types=songs&limit=50");

        // Exact "One" (Metallica 40 likes, U2 35), then prefix "One More Time", "Oneness", then typo matches ("Once"... none here).
        Titles(result, "songs").Take(4).Should().Equal("One", "One", "One More Time", "Oneness");
        result.GetProperty("songs")[0].Str("artist").Should().Be("Metallica");
    }

    [Fact]
    public async Task Search_TypoMatches_ComeAfterEveryMatchWithoutTypo()
    {
        var result = await SearchAsync("help", "&types=songs&limit=50");

        // "Highway to Hell" (44 likes) is one letter away from "help" and more liked than "Help!" (40): it still comes after
        // every song that matches "help" without a typo (the title, and "Yesterday" on the album "Help!").
        var titles = Titles(result, "songs");
        titles.Should().StartWith(["Help!", "Yesterday"]).And.Contain("Highway to Hell");
        titles.IndexOf("Highway to Hell").Should().BeGreaterThan(1);
    }

    [Fact]
    public async Task Search_EveryWordMustMatch()
    {
        var result = await SearchAsync("enter puppets");

        Titles(result, "songs").Should().BeEmpty();
    }

    [Fact]
    public async Task Search_ShortWords_ForgiveNoTypo()
    {
        var result = await SearchAsync("onf", "&types=songs");

        Titles(result, "songs").Should().BeEmpty("a word of three letters must be typed right");
    }

    [Fact]
    public async Task Search_Types_LimitWhatIsSearchedAndLimitCapsEachList()
    {
        var result = await SearchAsync("o", "&types=songs,artists&limit=3");

        result.GetProperty("songs").GetArrayLength().Should().Be(3);
        result.GetProperty("albums").GetArrayLength().Should().Be(0);
        result.GetProperty("artists").GetArrayLength().Should().BeInRange(1, 3);
    }

    [Fact]
    public async Task Search_SameQuery_SameOrder()
    {
        var first = await SearchAsync("b", "&limit=50");
        var second = await SearchAsync("b", "&limit=50");

        Titles(second, "songs").Should().Equal(Titles(first, "songs"));
        Titles(second, "artists").Should().Equal(Titles(first, "artists"));
    }

    [Fact]
    public async Task Artists_GroupsSpellingsAndCounts()
    {
        var page = await (await catalog.Factory.Anonymous().GetAsync("/api/v1/artists?q=beatles")).ShouldBeJsonAsync(HttpStatusCode.OK);

        var artist = page.GetProperty("items").EnumerateArray().Single();
        artist.Str("name").Should().Be("The Beatles");
        artist.GetProperty("songCount").GetInt32().Should().Be(5);
        artist.GetProperty("albumCount").GetInt32().Should().Be(3);
    }

    [Fact]
    public async Task Artists_SortBySongCount_MostFirst()
    {
        var page = await (await catalog.Factory.Anonymous().GetAsync("/api/v1/artists?sort=-songCount&pageSize=100")).ShouldBeJsonAsync(HttpStatusCode.OK);

        var counts = page.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("songCount").GetInt32()).ToList();
        counts.Should().BeInDescendingOrder();
        page.GetProperty("totalCount").GetInt32().Should().Be(page.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task SongList_Q_UsesTheSameMatching()
    {
        var page = await (await catalog.Factory.Anonymous().GetAsync("/api/v1/songs?q=metalica%20sandman")).ShouldBeJsonAsync(HttpStatusCode.OK);

        page.GetProperty("items").EnumerateArray().Select(s => s.Str("title")).Should().Equal("Enter Sandman");
    }
}

/// <summary>The seeded search catalog of a quality table.</summary>
/// <param name="limits">How search bounds its work; null for the app's default.</param>
/// <param name="memoryIndex">Searches served by the in-memory index (built before the first test); otherwise every one reads the database.</param>
public abstract class SearchQualityCatalog(SearchLimits? limits, bool memoryIndex = false) : IAsyncLifetime
{
    public SearchCatalogFactory Factory { get; } = new(limits, memoryIndex: memoryIndex);

    public async Task InitializeAsync()
    {
        await Factory.InitializeAsync();
        await Factory.SeedAsync();
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}

/// <summary>The table on the database path, with the app's default limits (a catalog this small is ranked all at once).</summary>
public sealed class SearchQualityTests(SearchQualityTests.Catalog catalog) : SearchQualityTable<SearchQualityTests.Catalog>(catalog)
{
    public sealed class Catalog() : SearchQualityCatalog(null);
}

/// <summary>
/// The same table served by the in-memory index (current before the first query, and every query checked to have been
/// answered by it): the results must not change.
/// </summary>
public sealed class SearchQualityFromMemoryTests(SearchQualityFromMemoryTests.Catalog catalog)
    : SearchQualityTable<SearchQualityFromMemoryTests.Catalog>(catalog)
{
    public sealed class Catalog() : SearchQualityCatalog(null, memoryIndex: true);
}

/// <summary>
/// The same table with search reading every query with more than two matches tier by tier in index order (as a
/// large catalog does), and prefix tiers of more than two titles in popularity order: the results must not change.
/// </summary>
public sealed class SearchQualityInIndexOrderTests(SearchQualityInIndexOrderTests.TieredCatalog catalog)
    : SearchQualityTable<SearchQualityInIndexOrderTests.TieredCatalog>(catalog)
{
    public sealed class TieredCatalog() : SearchQualityCatalog(new SearchLimits(RankAllUpTo: 2));
}
