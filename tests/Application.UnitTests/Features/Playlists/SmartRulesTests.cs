using System.Reflection;
using System.Text.Json;
using MusicPlayer.Application.Features.Playlists;
using MusicPlayer.Application.UnitTests.Fakes;
using MusicPlayer.Domain.Catalog;
using MusicPlayer.Domain.Likes;
using MusicPlayer.Tests.Shared;

namespace MusicPlayer.Application.UnitTests.Features.Playlists;

/// <summary>
/// The rules checked and compiled, and the very specification the database runs, run here on LINQ to objects
/// over the in-memory song repository, with the same cases the HTTP tests run on SQLite and PostgreSQL.
/// </summary>
public sealed class SmartRulesTests
{
    private const int Owner = 7;
    private const string Genre = "Genre-0123456789ab";
    private readonly InMemoryRepository<Song> _songs = new();
    private readonly Dictionary<char, int> _ids;

    public SmartRulesTests()
    {
        var a = TestData.Song(title: "Alpha Song", artist: "Über Band", genre: Genre, duration: 100, id: 1, likeCount: 2,
            releaseDate: new DateOnly(1999, 5, 1));
        var b = TestData.Song(title: "beta tune", artist: "Other Artist", genre: Genre, duration: 200, id: 2, likeCount: 1,
            releaseDate: new DateOnly(2005, 1, 1), createdAt: TestData.Minutes(1));
        var c = TestData.Song(title: "Gamma", artist: "über band", genre: Genre, id: 3, createdAt: TestData.Now.AddDays(-10));
        var album = TestData.Album(title: "Blue Album");
        album.SetSong(a, 1);
        album.SetSong(b, 2);
        Like(a, Owner);
        Like(a, 8);
        Like(b, 8);
        _songs.Seed(a, b, c, TestData.Song(title: "Alpha Song", genre: "Elsewhere", id: 4));
        _ids = new Dictionary<char, int> { ['A'] = 1, ['B'] = 2, ['C'] = 3 };
    }

    // Like rows are the like store's; a test links them as EF would load them.
    private static void Like(Song song, int userId)
    {
        var likes = (List<UserLike>)typeof(Song).GetField("_likes", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(song)!;
        likes.Add(new UserLike(userId, song.Id, TestData.Now));
    }

    private static PlaylistRules Rules(string json) => JsonSerializer.Deserialize<PlaylistRules>(json, JsonSerializerOptions.Web)!;

    private async Task<int[]> EvaluateAsync(string rulesJson)
    {
        var problems = new List<(string Path, string Message)>();
        var rules = SmartRules.Parse(Rules(rulesJson), problems);
        problems.Should().BeEmpty();
        return (await _songs.ListAsync(new SmartSongsSpec<int>(rules!, Owner, TestData.Now, seed: 1, s => s.Id, 0, rules!.Limit))).ToArray();
    }

    [Theory]
    [MemberData(nameof(SmartRuleCases.EveryOperator), MemberType = typeof(SmartRuleCases))]
    public async Task Operator_CompiledSpecification_SelectsExactlyTheMatchingSongs(string field, string op, string value, string expected)
    {
        value = SmartRuleCases.Value(value, Genre, TestData.Now);

        var found = await EvaluateAsync($$"""
            {"match":"all","sort":"title","conditions":[{"field":"genre","operator":"is","value":"{{Genre}}"},{"field":"{{field}}","operator":"{{op}}","value":{{value}}}]}
            """);

        found.Should().Equal(expected.Select(l => _ids[l]), "{0} {1} {2}", field, op, value);
    }

    [Fact]
    public async Task MatchAny_NoConditions_SortAndLimit()
    {
        (await EvaluateAsync("""{"match":"any","conditions":[{"field":"title","operator":"is","value":"gamma"},{"field":"duration","operator":"is","value":200}]}"""))
            .Should().Equal(2, 3);
        (await EvaluateAsync("""{"match":"all","conditions":[]}""")).Should().Equal(1, 4, 2, 3);
        (await EvaluateAsync("""{"match":"all","conditions":[],"sort":"-likeCount","limit":2}""")).Should().Equal(1, 2);
        (await EvaluateAsync("""{"match":"all","conditions":[],"sort":"random"}""")).Should().BeEquivalentTo([1, 2, 3, 4]);
    }

    [Fact]
    public void PlayFacts_ASongNobodyPlayed_HasZeroPlaysAndWasNeverPlayedByTheOwner()
    {
        var song = _songs.Items[0];

        PlayFacts.PlayCount.Compile()(song).Should().Be(0);
        PlayFacts.LastPlayedAt(Owner).Compile()(song).Should().BeNull();
    }

    [Theory]
    [InlineData("""{"match":"x","conditions":[]}""", "rules.match")]
    [InlineData("""{"match":"all","conditions":[],"sort":"bogus","limit":1001}""", "rules.sort", "rules.limit")]
    [InlineData("""{"match":"all","conditions":[{"field":"title","operator":"is","value":"ok"},{"field":"bpm","operator":"is","value":1},{"field":"title","operator":"between","value":"x"}]}""",
        "rules.conditions[1].field", "rules.conditions[2].operator")]
    [InlineData("""{"match":"all","conditions":[{"field":"addedAt","operator":"before","value":20240101}]}""", "rules.conditions[0].value")]
    public void Parse_InvalidRules_NamesEveryProblemByPath(string json, params string[] paths)
    {
        var problems = new List<(string Path, string Message)>();

        SmartRules.Parse(Rules(json), problems).Should().BeNull();

        problems.Select(p => p.Path).Should().BeEquivalentTo(paths);
    }

    [Fact]
    public void ToJson_ThenLoad_RoundTripsTheRules()
    {
        var problems = new List<(string, string)>();
        var parsed = SmartRules.Parse(Rules("""
            {"match":"any","conditions":[{"field":"lastPlayedAt","operator":"before","value":"2024-05-31T10:00:00+02:00"},{"field":"likedByOwner","operator":"is","value":false},{"field":"releaseYear","operator":"between","value":[1990,1999]}],"sort":"random","limit":20}
            """), problems)!;

        var json = SmartRules.ToJson(parsed);

        json.Should().Be("""{"match":"any","conditions":[{"field":"lastPlayedAt","operator":"before","value":"2024-05-31T08:00:00Z"},{"field":"likedByOwner","operator":"is","value":false},{"field":"releaseYear","operator":"between","value":[1990,1999]}],"sort":"random","limit":20}""");
        SmartRules.Load(json).Should().BeEquivalentTo(parsed);
    }
}
