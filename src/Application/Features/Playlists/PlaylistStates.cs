using System.Collections.Concurrent;
using MusicPlayer.Application.Common.Caching;
using MusicPlayer.Application.Common.Security;

namespace MusicPlayer.Application.Features.Playlists;

/// <summary>
/// What a read of a playlist's songs needs of its row: owner and visibility (the access check), version, kept count
/// and rules. Every field is one the playlist's own writes (<see cref="IChangesPlaylists"/>) or the catalog edits
/// that reach into playlists (a song deleted or its duration changed, a user deleted: <see cref="IChangesCatalog"/>) change.
/// </summary>
public sealed record PlaylistState(int Id, int OwnerId, bool IsPublic, int Version, int SongCount, string? Rules) : IOwned;

/// <summary>
/// Playlist states served from memory while they are still what the database would say: an entry belongs to the
/// <see cref="CatalogVersion.Playlists"/> and <see cref="CatalogVersion.Edits"/> read before it was, and every write
/// that can change a state moves one of them on before its response is sent, so the next read (by anyone) reads it
/// again. Other instances' writes move them here within a second (<c>PostgresCacheCoherence</c>). A playlist that
/// does not exist is not remembered. Bounded: past <see cref="MaxEntries"/> it starts over. Off
/// (<see cref="PlaylistCaching"/>), every read reads the row.
/// </summary>
public sealed class PlaylistStates(CatalogVersion versions, PlaylistCaching? caching = null)
{
    private readonly bool _on = caching?.Enabled ?? true;

    public const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<int, Entry> _entries = new();

    /// <summary>The state of playlist <paramref name="id"/>, from memory or from <paramref name="read"/> (null: no such playlist).</summary>
    public async Task<PlaylistState?> GetAsync(int id, Func<Task<PlaylistState?>> read)
    {
        // Read before reading the row: a write landing meanwhile leaves what is read now already stale.
        if (!_on) return await read();
        var (edits, playlists) = (versions.Edits, versions.Playlists);
        if (_entries.TryGetValue(id, out var entry) && entry.Edits == edits && entry.Playlists == playlists) return entry.State;

        var state = await read();
        if (state is null) return null;
        if (_entries.Count >= MaxEntries) _entries.Clear();
        _entries[id] = new Entry(edits, playlists, state);
        return state;
    }

    /// <summary>The state of playlist <paramref name="id"/> if it is in memory as read at these versions (null otherwise).</summary>
    public PlaylistState? Current(int id, long edits, long playlists) =>
        _entries.TryGetValue(id, out var entry) && entry.Edits == edits && entry.Playlists == playlists ? entry.State : null;

    private sealed record Entry(long Edits, long Playlists, PlaylistState State);
}

/// <summary>
/// Whether playlist reads are served from memory (<see cref="PlaylistStates"/>, and the API's cached pages): on unless
/// several instances share a database whose changes they cannot tell each other (SQL Server).
/// </summary>
public sealed record PlaylistCaching(bool Enabled);
