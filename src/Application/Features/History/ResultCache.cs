using System.Collections.Concurrent;
using MusicPlayer.Application.Common.Caching;

namespace MusicPlayer.Application.Features.History;

/// <summary>
/// Results of expensive reads over plays (chart pages, a user's statistics), served again while they are still
/// exactly what the database would say: the key holds everything the result depends on besides the data (the
/// period's start hour, the user and the resolved dates), and the catalog version has not moved (every catalog
/// write, every batch of plays and every user deletion moves it). Per process, like the catalog list cache;
/// results are cached without their request-dependent URLs. Bounded: past <see cref="MaxEntries"/> it starts over.
/// </summary>
public sealed class ResultCache<TKey, TResult>(CatalogVersion version) where TKey : notnull
{
    public const int MaxEntries = 1024;

    private readonly ConcurrentDictionary<TKey, Entry> _entries = new();

    public async Task<TResult> GetAsync(TKey key, Func<Task<TResult>> compute)
    {
        // Read before computing: a write landing meanwhile moves the version on, so what is computed now is never served after it.
        var current = version.Current;
        if (_entries.TryGetValue(key, out var entry) && entry.Version == current) return entry.Result;

        var result = await compute();
        if (_entries.Count >= MaxEntries) _entries.Clear();
        _entries[key] = new Entry(current, result);
        return result;
    }

    private sealed record Entry(long Version, TResult Result);
}
