using System.Collections.Concurrent;
using MusicPlayer.Application.Common.Caching;

namespace MusicPlayer.Application.Features.Streaming;

/// <summary>
/// The stored-audio rows of streamed songs, kept in memory: a player seeking around asks for many small
/// ranges of one song, and each would otherwise cost a database query. An entry serves while the
/// <see cref="CatalogVersion.Edits"/> it was read at is current (every edit of songs on this instance moves it,
/// so a replaced or deleted audio is never served from here; likes and plays do not) and for at most <see cref="Lifetime"/> (the
/// lag a change made by another instance may have, as for the public lists). Only songs that exist are
/// kept, and entries past their lifetime are dropped once there are many.
/// </summary>
public sealed class SongAudioRows(CatalogVersion version, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(1);

    /// <summary>Above this many entries a read first drops the expired ones.</summary>
    internal const int PruneAbove = 10_000;

    private readonly ConcurrentDictionary<int, Entry> _entries = new();

    internal int Count => _entries.Count;

    /// <summary>The row of song <paramref name="id"/>, from memory when fresh, else from <paramref name="read"/> (whose failures are not kept).</summary>
    public async Task<SongAudioRow> GetAsync(int id, Func<CancellationToken, Task<SongAudioRow>> read, CancellationToken cancellationToken)
    {
        // Read before the query: a write that lands while it runs leaves the entry already stale.
        var current = version.Edits;
        var now = clock.GetTimestamp();
        if (_entries.TryGetValue(id, out var cached) && Fresh(cached, current, now)) return cached.Row;

        var row = await read(cancellationToken);
        if (_entries.Count >= PruneAbove) Prune(current, now);
        _entries[id] = new Entry(row, current, now);
        return row;
    }

    private bool Fresh(Entry entry, long current, long now) => entry.Version == current && clock.GetElapsedTime(entry.ReadAt, now) < Lifetime;

    private void Prune(long current, long now)
    {
        foreach (var (id, entry) in _entries)
            if (!Fresh(entry, current, now)) _entries.TryRemove(new KeyValuePair<int, Entry>(id, entry));
    }

    private sealed record Entry(SongAudioRow Row, long Version, long ReadAt);
}
