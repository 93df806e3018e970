using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using MusicPlayer.Api.IntegrationTests.Support;
using MusicPlayer.Application.Common.Caching;
using MusicPlayer.Application.Features.Search.Memory;
using MusicPlayer.Infrastructure.Persistence.Search;

namespace MusicPlayer.Api.IntegrationTests.Search;

/// <summary>The in-memory search index is built after the app has started and settled, never with its first requests.</summary>
public sealed class SearchMemoryWarmUpTests
{
    /// <summary>A catalog with nothing in it that tells when it was first read.</summary>
    private sealed class WatchedSource : ISearchMemorySource
    {
        private readonly TaskCompletionSource<long> _firstRead = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<long> FirstRead => _firstRead.Task;

        public Task<(IReadOnlyList<SongRow> Songs, IReadOnlyList<AlbumRow> Albums)> ReadAllAsync(CancellationToken cancellationToken)
        {
            _firstRead.TrySetResult(Stopwatch.GetTimestamp());
            return Task.FromResult<(IReadOnlyList<SongRow>, IReadOnlyList<AlbumRow>)>(([], []));
        }

        public Task<(IReadOnlyList<SongRow> Songs, IReadOnlyList<AlbumRow> Albums)> ReadAsync(IReadOnlyCollection<int> songIds,
            IReadOnlyCollection<int> albumIds, CancellationToken cancellationToken) => ReadAllAsync(cancellationToken);

        public Task<IReadOnlyList<SongCounts>> ReadCountsAsync(IReadOnlyCollection<int>? songIds, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<SongCounts>>([]);
    }

    private sealed class Lifetime : IHostApplicationLifetime
    {
        public CancellationTokenSource Started { get; } = new();

        public CancellationToken ApplicationStarted => Started.Token;

        public CancellationToken ApplicationStopping => CancellationToken.None;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication() { }
    }

    private static SearchMemory Memory(ISearchMemorySource source) =>
        new(source, new CatalogVersion(), TimeProvider.System, NullLogger<SearchMemory>.Instance);

    /// <summary>The warm-up of an index over an empty catalog, started as the host starts it (the app itself not yet started).</summary>
    private static async Task<(WatchedSource Source, SearchMemory Memory, Lifetime Lifetime, SearchMemoryWarmUp WarmUp)> StartedAsync()
    {
        var source = new WatchedSource();
        var memory = Memory(source);
        var lifetime = new Lifetime();
        var warmUp = new SearchMemoryWarmUp(memory, lifetime, TimeProvider.System);
        await warmUp.StartAsync(CancellationToken.None);
        return (source, memory, lifetime, warmUp);
    }

    [Fact]
    public async Task Started_BuildsOnceTheSettleTimeHasPassed()
    {
        var (source, memory, lifetime, _) = await StartedAsync();
        using (memory)
        {
            await Task.Delay(SearchMemoryWarmUp.SettleTime / 2);
            source.FirstRead.IsCompleted.Should().BeFalse("nothing is read before the app has started");
            var started = Stopwatch.GetTimestamp();
            await lifetime.Started.CancelAsync();
            var firstRead = await source.FirstRead.WaitAsync(TimeSpan.FromSeconds(30));

            Stopwatch.GetElapsedTime(started, firstRead).Should().BeGreaterThanOrEqualTo(SearchMemoryWarmUp.SettleTime - TimeSpan.FromMilliseconds(20),
                "the build waits for the first requests to be served");
            await Within.HoldsAsync(TimeSpan.FromSeconds(10), Stopwatch.GetTimestamp(), () => Task.FromResult(memory.IsCurrent), "the build ends");
        }
    }

    [Fact]
    public async Task StoppedBeforeTheSettleTime_NeverBuilds()
    {
        var (source, memory, lifetime, warmUp) = await StartedAsync();
        using (memory)
        {
            await lifetime.Started.CancelAsync();

            await warmUp.StopAsync(CancellationToken.None);
            await Task.Delay(SearchMemoryWarmUp.SettleTime * 2);

            source.FirstRead.IsCompleted.Should().BeFalse("a stopping app does not start the build");
        }
    }

    [Fact]
    public async Task WithoutAHost_BuildsAtOnce()
    {
        var source = new WatchedSource();
        using var memory = Memory(source);

        await new SearchMemoryWarmUp(memory, lifetime: null, TimeProvider.System).StartAsync(CancellationToken.None);

        await source.FirstRead.WaitAsync(TimeSpan.FromSeconds(30));
        await Within.HoldsAsync(TimeSpan.FromSeconds(10), Stopwatch.GetTimestamp(), () => Task.FromResult(memory.IsCurrent), "the build ends");
    }
}
