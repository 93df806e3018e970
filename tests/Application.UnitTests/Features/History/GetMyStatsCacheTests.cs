using Microsoft.Extensions.Time.Testing;
using MusicPlayer.Application.Common.Caching;
using MusicPlayer.Application.Common.Paging;
using MusicPlayer.Application.Features.History;
using MusicPlayer.Application.Features.Songs;
using MusicPlayer.Application.UnitTests.Fakes;
using NSubstitute;

namespace MusicPlayer.Application.UnitTests.Features.History;

/// <summary>
/// A user's statistics are computed again after their own batch of plays or a catalog edit, not after another user's
/// batch; their top songs' counters, which anyone's plays and likes move, are read again whenever the counters moved.
/// </summary>
public sealed class GetMyStatsCacheTests
{
    private const int Ann = 7, Bob = 8, SongId = 42;

    private readonly CountingStats _listening = new();
    private readonly UserPlayVersions _plays = new();

    private GetMyStats.Handler Handler(CatalogVersion catalog) =>
        new(_listening, new ResultCache<GetMyStats.CacheKey, GetMyStats.CachedStats>(catalog), catalog, _plays,
            FakeCurrentUser.User(Ann), new FakeTimeProvider(new DateTimeOffset(TestData.Now)), FakeSongUrls.Instance);

    private static Task<ListeningStatsDto> ReadAsync(GetMyStats.Handler handler) => handler.Handle(new GetMyStats.Query(), CancellationToken.None);

    [Fact]
    public async Task Handle_AnotherUsersBatch_ServesTheCachedStatsWithTheTopSongsCountersReadAgain()
    {
        var catalog = new CatalogVersion();
        var handler = Handler(catalog);
        await ReadAsync(handler);

        _listening.PlayCount = 5;
        _plays.Bump(Bob);
        catalog.Bump(CatalogChange.Counts);
        var stats = await ReadAsync(handler);

        _listening.Computed.Should().Be(1, "Bob's plays are not in Ann's statistics");
        stats.TopSongs.Single().Song.PlayCount.Should().Be(5, "the top song as lists show it now");
        stats.TopSongs.Single().Song.FileUrl.Should().Be(FakeSongUrls.Instance.Stream(SongId));
        stats.TopSongs.Single().Plays.Should().Be(1);
    }

    [Fact]
    public async Task Handle_NothingMoved_ReadsNothing()
    {
        var handler = Handler(new CatalogVersion());
        await ReadAsync(handler);

        await ReadAsync(handler);

        (_listening.Computed, _listening.SongReads).Should().Be((1, 0));
    }

    [Fact]
    public async Task Handle_TheUsersOwnBatchOrACatalogEdit_ComputesAgain()
    {
        var catalog = new CatalogVersion();
        var handler = Handler(catalog);
        await ReadAsync(handler);

        _plays.Bump(Ann);
        catalog.Bump(CatalogChange.Counts);
        await ReadAsync(handler);
        catalog.Bump(CatalogChange.Edits);
        await ReadAsync(handler);

        _listening.Computed.Should().Be(3);
    }

    [Fact]
    public async Task Handle_WithOtherInstancesOnTheDatabase_AnyCounterMoveComputesAgain()
    {
        // Their batches reach this instance only as counter moves, not as a user's version.
        var catalog = new CatalogVersion(Substitute.For<ICachePeers>());
        var handler = Handler(catalog);
        await ReadAsync(handler);

        catalog.Apply(CatalogChange.Counts);
        await ReadAsync(handler);

        _listening.Computed.Should().Be(2);
    }

    private sealed class CountingStats : IListeningStats
    {
        public int Computed { get; private set; }
        public int SongReads { get; private set; }
        public int PlayCount { get; set; }

        private SongDto Song => new() { Id = SongId, Title = "Song", PlayCount = PlayCount };

        public Task<ListeningStatsDto> ForUserAsync(int userId, LocalDays days, int top, CancellationToken cancellationToken)
        {
            Computed++;
            return Task.FromResult(new ListeningStatsDto { From = days.From, To = days.To, TotalPlays = 1, TopSongs = [new TopSongDto(Song, 1)] });
        }

        public Task<IReadOnlyDictionary<int, SongDto>> SongsAsync(IReadOnlyList<int> ids, CancellationToken cancellationToken)
        {
            SongReads++;
            return Task.FromResult<IReadOnlyDictionary<int, SongDto>>(ids.Contains(SongId) ? new Dictionary<int, SongDto> { [SongId] = Song } : []);
        }

        public Task<PagedResult<ChartSongDto>> ChartAsync(int? windowHours, long currentHour, IPagedQuery page, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("Not a chart.");
    }
}
