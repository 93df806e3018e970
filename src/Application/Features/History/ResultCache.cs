using System.Collections.Concurrent;
using MusicPlayer.Application.Common.Caching;

namespace MusicPlayer.Application.Features.History;

/// <summary>
/// Results of expensive reads over plays (chart pages, a user's statistics), served again while they are still
/// exactly what the database would say: the key holds everything the result depends on besides the data (the
/// period's start hour, the user and the resolved dates), and the catalog version has not moved (every catalog
/// write, every batch of plays and every user deletion moves it), or the finer version the caller gives. Requests
/// missing the same entry at once share one computation. Per process, like the catalog list cache; results are cached
/// without their request-dependent URLs. Bounded: past <see cref="MaxEntries"/> it starts over.
/// </summary>
public sealed class ResultCache<TKey, TResult>(CatalogVersion version) where TKey : notnull
{
    public const int MaxEntries = 1024;

    private readonly ConcurrentDictionary<TKey, Entry> _entries = new();

    // Read before computing: a write landing meanwhile moves the version on, so what is computed now is never served after it.
    public Task<TResult> GetAsync(TKey key, Func<Task<TResult>> compute) => GetAsync(key, version.Current, compute);

    /// <summary>
    /// The entry for <paramref name="key"/> computed at <paramref name="dataVersion"/> (a number that moves whenever the
    /// result may change, read before the call), or a new one; a computation of it still running is awaited, not repeated.
    /// </summary>
    public async Task<TResult> GetAsync(TKey key, long dataVersion, Func<Task<TResult>> compute)
    {
        if (_entries.TryGetValue(key, out var entry) && entry.Version == dataVersion)
        {
            if (entry.Result.IsCompletedSuccessfully) return entry.Result.Result;
            try
            {
                return await entry.Result;
            }
            catch (Exception)
            {
                // Another request's computation failed or was cancelled with it: this one computes on its own.
            }
        }

        var computing = new Entry(dataVersion, compute());
        if (_entries.Count >= MaxEntries) _entries.Clear();
        _entries[key] = computing;
        try
        {
            return await computing.Result;
        }
        catch
        {
            _entries.TryRemove(new KeyValuePair<TKey, Entry>(key, computing));
            throw;
        }
    }

    private sealed record Entry(long Version, Task<TResult> Result);
}
