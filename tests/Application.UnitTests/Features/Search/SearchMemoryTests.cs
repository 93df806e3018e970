using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;
using MusicPlayer.Application.Common.Caching;
using MusicPlayer.Application.Common.Search;
using MusicPlayer.Application.Features.Albums;
using MusicPlayer.Application.Features.Search;
using MusicPlayer.Application.Features.Search.Memory;
using MusicPlayer.Application.Features.Songs;
using MusicPlayer.Domain.Common;

namespace MusicPlayer.Application.UnitTests.Features.Search;

/// <summary>
/// The in-memory search index's own rules: it ranks as the database path does, serves only while current, and shows like
/// and play counts at most a second old.
/// </summary>
public sealed class SearchMemoryTests
{
    private readonly Source _source = new();
    private readonly CatalogVersion _version = new();
    private readonly Clock _clock = new();
    private readonly SearchMemory _memory;
    private readonly SearchPlanner _planner = new(Substitute.For<ISearchIndex>());

    public SearchMemoryTests() => _memory = new SearchMemory(_source, _version, _clock, NullLogger<SearchMemory>.Instance);

    private static SongRow Song(int id, string title, string artist, int likes = 0, int plays = 0, params string[] albums) =>
        new(new SongDto { Id = id, Title = title, Artist = artist, LikeCount = likes, PlayCount = plays },
            SearchText.Key(title), SearchText.Key(artist), SearchText.Document(artist), SearchText.Document([title, artist, .. albums]));

    private static AlbumRow Album(int id, string title, string artist) =>
        new(new AlbumDto { Id = id, Title = title, Artist = artist }, SearchText.Key(title), SearchText.Key(artist), SearchText.Document(artist),
            SearchText.Document(title, artist));

    private SearchResultDto? Search(string q, int limit = 10)
    {
        var found = _memory.TrySearch(_planner.Plan(q)!, Application.Features.Search.Search.Types.ToHashSet(), limit, out var result, out _);
        return found ? result : null;
    }

    private async Task BuiltAsync()
    {
        _memory.StartBuilding();
        for (var i = 0; i < 500 && !_memory.IsCurrent; i++) await Task.Delay(10);
        _memory.IsCurrent.Should().BeTrue();
    }

    [Fact]
    public async Task Search_RanksExactThenPrefixThenWordsThenTypos_TiesByLikesPlaysAndId()
    {
        _source.Songs.AddRange([
            Song(1, "Heartbeat", "Ana", likes: 50), Song(2, "Heart", "Ben", likes: 1), Song(3, "Wild Heart", "Ana", likes: 90),
            Song(4, "Heart", "Cleo", likes: 1, plays: 5), Song(5, "Haert Attack", "Dee", likes: 99), Song(6, "River", "Ana")]);
        await BuiltAsync();

        var result = Search("heart")!;

        result.Songs.Select(s => s.Id).Should().Equal(4, 2, 1, 3, 5);
        Search("rivr")!.Songs.Select(s => s.Id).Should().Equal(6);
        Search("he")!.Songs.Select(s => s.Id).Should().Equal(1, 4, 2, 3);
        result.Artists.Should().BeEmpty("artists are found by their names");
        Search("ana")!.Artists.Select(a => a.Name).Should().Equal("Ana");
    }

    [Fact]
    public async Task Search_Artists_CountEverySpellingOfTheirKey()
    {
        _source.Songs.AddRange([Song(1, "Halo", "Beyoncé", likes: 3), Song(2, "Crazy", "Beyonce"), Song(3, "Run", "Beyoncé")]);
        _source.Albums.Add(Album(1, "Lemonade", "BEYONCE"));
        await BuiltAsync();

        var artist = Search("beyonce")!.Artists.Should().ContainSingle().Subject;

        (artist.Name, artist.SongCount, artist.AlbumCount).Should().Be(("Beyoncé", 3, 1));
    }

    [Fact]
    public async Task Search_BeforeItIsBuilt_GoesToTheDatabase()
    {
        Search("heart").Should().BeNull();

        await BuiltAsync();
        Search("heart").Should().NotBeNull();
    }

    [Fact]
    public async Task Apply_ReplacesAndRemovesTheRowsAWriteTouched()
    {
        _source.Songs.AddRange([Song(1, "Heart", "Ana"), Song(2, "River", "Ben")]);
        await BuiltAsync();

        _source.Songs.Clear();
        _source.Songs.Add(Song(1, "Ocean", "Ana"));
        await _memory.ApplyAsync([1, 2], [], CancellationToken.None);

        Search("heart")!.Songs.Should().BeEmpty();
        Search("river")!.Songs.Should().BeEmpty();
        Search("ben")!.Artists.Should().BeEmpty();
        Search("ocean")!.Songs.Select(s => s.Id).Should().Equal(1);
        _memory.IsCurrent.Should().BeTrue();
    }

    [Fact]
    public void Apply_TheLatestReadWins_WhateverOrderReadsEndIn()
    {
        var catalog = new MemoryCatalog(buildTicket: 1);
        catalog.SetSong(Song(1, "Heart", "Ana"));
        var plan = _planner.Plan("ocean")!;

        catalog.Apply(3, [1], [], ([Song(1, "Ocean", "Ana")], []));
        catalog.Apply(2, [1], [], ([Song(1, "River", "Ana")], []));
        catalog.Apply(1, [1], [], ([], []));

        catalog.Search(plan, Application.Features.Search.Search.Types.ToHashSet(), 10).Songs.Select(s => s.Title).Should().Equal("Ocean");
        catalog.Apply(4, [1], [], ([], []));
        catalog.Search(plan, Application.Features.Search.Search.Types.ToHashSet(), 10).Songs.Should().BeEmpty("a later read found it deleted");
    }

    [Fact]
    public async Task Apply_WhenReadingFails_LeavesTheIndexStale()
    {
        _source.Songs.Add(Song(1, "Heart", "Ana"));
        await BuiltAsync();

        _source.Fail = true;
        await _memory.ApplyAsync([1], [], CancellationToken.None);

        _memory.IsCurrent.Should().BeFalse();
        Search("heart").Should().BeNull();
    }

    [Fact]
    public async Task ForeignEdit_MakesItStale_UntilRebuilt()
    {
        _source.Songs.Add(Song(1, "Heart", "Ana"));
        await BuiltAsync();

        _source.Songs.Add(Song(2, "Heartache", "Ben"));
        _version.Apply(CatalogChange.Edits);
        _version.Bump(CatalogChange.Edits); // an edit of this instance's own does not make it stale

        Search("heart").Should().BeNull();
        _clock.Advance(SearchMemory.RebuildInterval);
        await BuiltAsync();
        Search("heart")!.Songs.Select(s => s.Id).Should().Equal(1, 2);
    }

    [Fact]
    public async Task Counts_ShownAtMostASecondLate()
    {
        _source.Songs.AddRange([Song(1, "Heart", "Ana", likes: 5), Song(2, "Heart", "Ben", likes: 1)]);
        await BuiltAsync();

        _source.Counts = [new SongCounts(1, 5, 0), new SongCounts(2, 9, 0)];
        _source.CountsGate = new TaskCompletionSource();
        _memory.CountsMoved([2]);
        _version.Bump(CatalogChange.Counts);

        // Within half a second: the counts read at build are shown, and said to be of the version and time of that read.
        var builtAt = _clock.GetTimestamp();
        Search("heart")!.Songs.Select(s => s.LikeCount).Should().Equal(5, 1);
        _memory.TrySearch(_planner.Plan("heart")!, Application.Features.Search.Search.Types.ToHashSet(), 10, out _, out var counts).Should().BeTrue();
        counts.Should().Be((_version.Counts - 1, builtAt));
        // From half a second: still shown, and read again.
        _clock.Advance(TimeSpan.FromMilliseconds(600));
        Search("heart")!.Songs.Select(s => s.LikeCount).Should().Equal(5, 1);
        // Past a second without them: the database answers.
        _clock.Advance(TimeSpan.FromMilliseconds(500));
        Search("heart").Should().BeNull();

        _source.CountsGate.SetResult();
        for (var i = 0; i < 500 && !_memory.IsCurrent; i++) await Task.Delay(10);
        var songs = Search("heart")!.Songs;
        songs.Select(s => (s.Id, s.LikeCount)).Should().Equal((2, 9), (1, 5));
        Search("ben")!.Artists.Should().ContainSingle();
        _source.CountReads.Should().Equal(["2"], "only the song whose counts moved here is read again");
    }

    /// <summary>Counts moved as <paramref name="move"/> says, and read again once searches ask: which songs were read.</summary>
    private async Task<string> CountsReadAfterAsync(Action move)
    {
        _source.Songs.AddRange([Song(1, "Heart", "Ana", likes: 5), Song(2, "Heart", "Ben", likes: 1), Song(3, "Heart", "Cleo")]);
        await BuiltAsync();
        _source.Counts = [new SongCounts(1, 5, 0), new SongCounts(2, 9, 0), new SongCounts(3, 0, 4)];

        move();
        _clock.Advance(SearchMemory.CountsLag + TimeSpan.FromMilliseconds(1));
        Search("heart").Should().BeNull("counts that moved a second ago are read again first");
        for (var i = 0; i < 500 && !_memory.IsCurrent; i++) await Task.Delay(10);

        _memory.IsCurrent.Should().BeTrue();
        return _source.CountReads.Should().ContainSingle().Subject;
    }

    [Fact]
    public async Task Counts_MovedHere_OnlyTheirSongsAreReadAgain()
    {
        var read = await CountsReadAfterAsync(() =>
        {
            _memory.CountsMoved([2, 3, 2]);
            _version.Bump(CatalogChange.Counts);
        });

        read.Should().Be("2,3");
        Search("heart")!.Songs.Select(s => (s.Id, s.LikeCount, s.PlayCount)).Should().Equal((2, 9, 0), (1, 5, 0), (3, 0, 4));
    }

    [Fact]
    public async Task Counts_MovedElsewhere_EverySongsAreReadAgain()
    {
        var read = await CountsReadAfterAsync(() => _version.Apply(CatalogChange.Counts));

        read.Should().Be("every");
        Search("heart")!.Songs.Select(s => s.Id).Should().Equal(2, 1, 3);
    }

    [Fact]
    public async Task Counts_MovedOfSongsNotNamed_EverySongsAreReadAgain()
    {
        // Deleting a user takes their likes back from every song they liked, and names none.
        var read = await CountsReadAfterAsync(() =>
        {
            _memory.CountsMoved([2]);
            _memory.CountsMovedAnywhere();
            _version.Bump(CatalogChange.Edits | CatalogChange.Counts);
        });

        read.Should().Be("every");
        Search("heart")!.Songs.Select(s => s.Id).Should().Equal(2, 1, 3);
    }

    [Fact]
    public async Task Counts_OfMoreSongsThanItTracks_EverySongsAreReadAgain()
    {
        var read = await CountsReadAfterAsync(() =>
        {
            _memory.CountsMoved(Enumerable.Range(1, SearchMemory.MaxMovedSongs + 1));
            _version.Bump(CatalogChange.Counts);
        });

        read.Should().Be("every");
    }

    [Fact]
    public async Task Counts_WhenAReadFails_EverySongsAreReadNext()
    {
        _source.Songs.AddRange([Song(1, "Heart", "Ana", likes: 5), Song(2, "Heart", "Ben", likes: 1)]);
        await BuiltAsync();
        _source.Counts = [new SongCounts(1, 5, 0), new SongCounts(2, 9, 0)];
        _source.Fail = true;
        _memory.CountsMoved([2]);
        _version.Bump(CatalogChange.Counts);
        _clock.Advance(SearchMemory.CountsLag + TimeSpan.FromMilliseconds(1));
        Search("heart").Should().BeNull();
        for (var i = 0; i < 500 && _source.CountReads.Count == 0; i++) await Task.Delay(10);
        await Task.Delay(50);

        _source.Fail = false;
        _memory.CountsMoved([1]);
        _version.Bump(CatalogChange.Counts);
        Search("heart");
        for (var i = 0; i < 500 && !_memory.IsCurrent; i++) await Task.Delay(10);

        _source.CountReads.Should().Equal(["2", "every"], "the failed read's song is read with every other");
        Search("heart")!.Songs.Select(s => (s.Id, s.LikeCount)).Should().Equal((2, 9), (1, 5));
    }

    private sealed class Source : ISearchMemorySource
    {
        public List<SongRow> Songs { get; } = [];
        public List<AlbumRow> Albums { get; } = [];
        public IReadOnlyList<SongCounts> Counts { get; set; } = [];
        public TaskCompletionSource? CountsGate { get; set; }
        public bool Fail { get; set; }

        public Task<(IReadOnlyList<SongRow> Songs, IReadOnlyList<AlbumRow> Albums)> ReadAllAsync(CancellationToken cancellationToken) =>
            Task.FromResult<(IReadOnlyList<SongRow>, IReadOnlyList<AlbumRow>)>(([.. Songs], [.. Albums]));

        public Task<(IReadOnlyList<SongRow> Songs, IReadOnlyList<AlbumRow> Albums)> ReadAsync(IReadOnlyCollection<int> songIds,
            IReadOnlyCollection<int> albumIds, CancellationToken cancellationToken) =>
            Fail ? throw new InvalidOperationException("The database is away.")
                : Task.FromResult<(IReadOnlyList<SongRow>, IReadOnlyList<AlbumRow>)>((
                    [.. Songs.Where(s => songIds.Contains(s.Dto.Id))], [.. Albums.Where(a => albumIds.Contains(a.Dto.Id))]));

        /// <summary>The songs each read of counts asked for, in order ("every": every song).</summary>
        public List<string> CountReads { get; } = [];

        public async Task<IReadOnlyList<SongCounts>> ReadCountsAsync(IReadOnlyCollection<int>? songIds, CancellationToken cancellationToken)
        {
            lock (CountReads) CountReads.Add(songIds is null ? "every" : string.Join(",", songIds.Order()));
            if (CountsGate is { } gate) await gate.Task;
            if (Fail) throw new InvalidOperationException("The database is away.");
            return [.. Counts.Where(c => songIds is null || songIds.Contains(c.Id))];
        }
    }

    /// <summary>A clock that moves only when told.</summary>
    private sealed class Clock : TimeProvider
    {
        private long _ticks = 1_000_000_000;

        public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);

        public override long GetTimestamp() => Interlocked.Read(ref _ticks);

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;
    }
}
