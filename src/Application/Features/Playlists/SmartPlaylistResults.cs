using System.Collections.Concurrent;
using MusicPlayer.Application.Common.Caching;

namespace MusicPlayer.Application.Features.Playlists;

/// <summary>
/// The evaluated songs of smart playlists (ids in order, with durations), kept for at most a second and only
/// while neither the playlist (its version) nor the catalog (<see cref="CatalogVersion"/>: songs, links, likes)
/// has changed on this instance. Pages of one playlist, its totals and a burst of readers then share one
/// evaluation; anything that changes what the rules see starts a new one, and the second bounds how far
/// "added in the last days" conditions and writes on other instances can lag.
/// </summary>
public sealed class SmartPlaylistResults(CatalogVersion catalog, TimeProvider clock)
{
    private const int MaxPlaylists = 10_000;
    private static readonly TimeSpan Freshness = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<(int Id, int Version), Entry> _entries = new();

    private long _evaluations;

    /// <summary>The evaluation of playlist <paramref name="id"/> at <paramref name="version"/>, from <paramref name="evaluate"/> unless fresh here.</summary>
    public async Task<SmartEvaluation> GetAsync(int id, int version, Func<Task<IReadOnlyList<SmartSong>>> evaluate)
    {
        var key = (id, version);
        var catalogVersion = catalog.Current;
        var now = clock.GetUtcNow();
        if (_entries.TryGetValue(key, out var entry) && entry.CatalogVersion == catalogVersion && now - entry.At < Freshness)
            return entry.Evaluation;

        var evaluation = new SmartEvaluation(Interlocked.Increment(ref _evaluations), await evaluate());
        if (_entries.Count >= MaxPlaylists) _entries.Clear();
        _entries[key] = new Entry(catalogVersion, now, evaluation);
        return evaluation;
    }

    private sealed record Entry(long CatalogVersion, DateTimeOffset At, SmartEvaluation Evaluation);
}

/// <summary>
/// A smart playlist's songs as one evaluation found them; <paramref name="Number"/> tells evaluations apart (pages cut
/// from one are served as long as it is).
/// </summary>
public sealed record SmartEvaluation(long Number, IReadOnlyList<SmartSong> Songs);

/// <summary>A song a smart playlist's rules selected, with what its totals need.</summary>
public sealed record SmartSong(int Id, int? Duration);
