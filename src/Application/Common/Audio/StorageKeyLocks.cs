namespace MusicPlayer.Application.Common.Audio;

/// <summary>
/// In-process locks by storage key. Whatever decides about stored bytes (is this file already a song,
/// may these bytes be deleted) holds its key's lock, so two uploads of the same file create one song
/// and bytes are never deleted while an upload of the same bytes is deciding. Per process: several
/// instances of the service do not see each other's locks.
/// </summary>
public sealed class StorageKeyLocks
{
    private readonly Dictionary<string, (SemaphoreSlim Gate, int Users)> _locks = new(StringComparer.Ordinal);

    public async Task<IAsyncDisposable> AcquireAsync(string key, CancellationToken cancellationToken)
    {
        SemaphoreSlim gate;
        lock (_locks)
        {
            var entry = _locks.TryGetValue(key, out var found) ? found : (Gate: new SemaphoreSlim(1, 1), Users: 0);
            _locks[key] = (entry.Gate, entry.Users + 1);
            gate = entry.Gate;
        }

        try
        {
            await gate.WaitAsync(cancellationToken);
        }
        catch
        {
            Leave(key);
            throw;
        }
        return new Held(this, key, gate);
    }

    /// <summary>How many keys have a lock in use (tests: nothing is left behind).</summary>
    public int Count
    {
        get
        {
            lock (_locks) return _locks.Count;
        }
    }

    private void Leave(string key)
    {
        lock (_locks)
        {
            var (gate, users) = _locks[key];
            if (users == 1)
            {
                _locks.Remove(key);
                gate.Dispose();
            }
            else _locks[key] = (gate, users - 1);
        }
    }

    private sealed class Held(StorageKeyLocks owner, string key, SemaphoreSlim gate) : IAsyncDisposable
    {
        private int _released;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
                owner.Leave(key);
            }
            return ValueTask.CompletedTask;
        }
    }
}
