using MusicPlayer.Application.Common.Caching;
using MusicPlayer.Application.Common.Paging;
using MusicPlayer.Application.Features.History;

namespace MusicPlayer.Application.UnitTests.Features.History;

public sealed class ResultCacheTests
{
    private readonly CatalogVersion _version = new();
        private int _computed;

    private Task<PagedResult<ChartSongDto>> Compute()
    {
        _computed++;
        return Task.FromResult(new PagedResult<ChartSongDto>([new ChartSongDto { Id = _computed, Plays = 1 }], 1, 20, 1));
    }

    [Fact]
    public async Task GetAsync_NothingChanged_ComputesOnce()
    {
        var cache = new ResultCache<long, PagedResult<ChartSongDto>>(_version);

        var first = await cache.GetAsync(10, Compute);
        var second = await cache.GetAsync(10, Compute);

        _computed.Should().Be(1);
        second.Should().BeSameAs(first);
    }

    [Fact]
    public async Task GetAsync_AfterAWriteOrInANewHour_ComputesAgain()
    {
        var cache = new ResultCache<long, PagedResult<ChartSongDto>>(_version);
        await cache.GetAsync(10, Compute);

        _version.Bump();
        var afterWrite = await cache.GetAsync(10, Compute);
        var nextHour = await cache.GetAsync(11, Compute);

        _computed.Should().Be(3);
        afterWrite.Items.Single().Id.Should().Be(2);
        nextHour.Items.Single().Id.Should().Be(3);
    }

    [Fact]
    public async Task GetAsync_WriteWhileComputing_IsNotServedAfterIt()
    {
        var cache = new ResultCache<long, PagedResult<ChartSongDto>>(_version);

        await cache.GetAsync(10, () => { _version.Bump(); return Compute(); });
        await cache.GetAsync(10, Compute);

        _computed.Should().Be(2);
    }

    [Fact]
    public async Task GetAsync_MissesAtOnce_ShareOneComputation()
    {
        var cache = new ResultCache<long, PagedResult<ChartSongDto>>(_version);
        var gate = new TaskCompletionSource();

        var first = cache.GetAsync(10, async () => { await gate.Task; return await Compute(); });
        var second = cache.GetAsync(10, Compute);
        gate.SetResult();

        (await second).Should().BeSameAs(await first);
        _computed.Should().Be(1);
    }

    [Fact]
    public async Task GetAsync_FailedComputation_IsNotKept()
    {
        var cache = new ResultCache<long, PagedResult<ChartSongDto>>(_version);

        var failing = () => cache.GetAsync(10, () => Task.FromException<PagedResult<ChartSongDto>>(new TimeoutException()));
        await failing.Should().ThrowAsync<TimeoutException>();
        await cache.GetAsync(10, Compute);

        _computed.Should().Be(1, "the next request computes the result instead of hearing the failure again");
    }

    [Fact]
    public async Task GetAsync_GivenVersion_ComputesAgainOnlyWhenItMoves()
    {
        var cache = new ResultCache<long, PagedResult<ChartSongDto>>(_version);
        await cache.GetAsync(10, 1, Compute);

        _version.Bump();
        await cache.GetAsync(10, 1, Compute);
        await cache.GetAsync(10, 2, Compute);

        _computed.Should().Be(2);
    }
}
