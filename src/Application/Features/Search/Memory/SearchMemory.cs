using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging;
using MusicPlayer.Application.Common.Caching;
using MusicPlayer.Application.Common.Search;
using MusicPlayer.Domain.Catalog;

namespace MusicPlayer.Application.Features.Search.Memory;

/// <summary>Reads the catalog rows the in-memory search index holds (implemented on the database).</summary>
public interface ISearchMemorySource
{
    /// <summary>Every song and album.</summary>
    Task<(IReadOnlyList<SongRow> Songs, IReadOnlyList<AlbumRow> Albums)> ReadAllAsync(CancellationToken cancellationToken);

    /// <summary>The songs and albums of these ids that exist now (an id not returned was deleted).</summary>
    Task<(IReadOnlyList<SongRow> Songs, IReadOnlyList<AlbumRow> Albums)> ReadAsync(IReadOnlyCollection<int> songIds,
        IReadOnlyCollection<int> albumIds, CancellationToken cancellationToken);

    /// <summary>The like and play counts of these songs (null: of every song); a song not returned was deleted.</summary>
    Task<IReadOnlyList<SongCounts>> ReadCountsAsync(IReadOnlyCollection<int>? songIds, CancellationToken cancellationToken);
}

/// <summary>
/// The search index in memory, one per instance: every song, album and artist spelling with its search document, so a
/// search costs no database command. The database's index stays the source of truth; this one answers a query only
/// while it is current, and the query goes to the database otherwise:
/// <list type="bullet">
/// <item>Built in the background (at start-up, and again whenever it is stale), never delaying readiness.</item>
/// <item>This instance's catalog writes apply to it as they end (<see cref="SearchMemoryChanges"/>: the rows they
/// saved are read again once committed), so a search right after an edit finds it.</item>
/// <item>Edits it cannot have seen make it stale until rebuilt: another instance's (<see cref="CatalogVersion.ForeignEdits"/>),
/// or a save that changed catalog rows outside a catalog command (<see cref="Invalidate"/>).</item>
/// <item>Like and play counts (popularity, ties) may lag at most a second, as public lists' do: once they have moved, they are
/// read again from half a second on, and past a second searches go to the database until they are. This instance's likes and
/// plays name their songs (<see cref="CountsMoved"/>), and only those are read again; after counts moved elsewhere
/// (<see cref="CatalogVersion.ForeignCounts"/>) or of songs not named (<see cref="CountsMovedAnywhere"/>: a user deleted), or
/// past <see cref="MaxMovedSongs"/> songs, every song's are.</item>
/// </list>
/// Disabled (every search on the database) when no <see cref="ISearchMemorySource"/> is registered.
/// </summary>
public sealed class SearchMemory(ISearchMemorySource? source, CatalogVersion version, TimeProvider time, ILogger<SearchMemory> logger) : IDisposable
{
    /// <summary>Counts read longer ago than this are not shown once they have moved.</summary>
    public static readonly TimeSpan CountsLag = TimeSpan.FromSeconds(1);

    /// <summary>Moved counts are read again from this age on, so that a steady stream of likes keeps them within <see cref="CountsLag"/>.</summary>
    public static readonly TimeSpan CountsRefresh = TimeSpan.FromMilliseconds(500);

    /// <summary>Past this many songs whose counts moved since they were last read, every song's counts are read instead.</summary>
    public const int MaxMovedSongs = 10_000;

    /// <summary>Rebuilds start at most this often (another instance writing steadily would otherwise keep one running).</summary>
    public static readonly TimeSpan RebuildInterval = TimeSpan.FromSeconds(1);

    private readonly ReaderWriterLockSlim _lock = new();
    private readonly Lock _tickets = new();
    private long _ticket;

    private MemoryCatalog? _catalog;
    private long _foreignAt;
    private long _unknownAt;
    private long _unknown;
    // The counts: read when the catalog version's counts were at _countsAt and its foreign counts at _countsForeignAt, at
    // _countsReadAt (a timestamp).
    private long _countsAt;
    private long _countsReadAt;
    private long _countsForeignAt;

    // The songs this instance's writes moved the counts of since they were last taken for a read; null when every song's
    // are to be read next. Guarded by _movedLock.
    private HashSet<int>? _moved = [];
    private readonly Lock _movedLock = new();

    // While a rebuild reads the catalog: the rows this instance's writes changed meanwhile, read again before it is published.
    // Guarded by _tickets.
    private HashSet<int>? _dirtySongs;
    private HashSet<int>? _dirtyAlbums;

    private int _rebuilding;
    private int _readingCounts;
    private long _lastRebuild = long.MinValue;

    public bool Enabled => source is not null;

    /// <summary>Built, and current for every edit (the counts within their lag).</summary>
    public bool IsCurrent
    {
        get
        {
            _lock.EnterReadLock();
            try
            {
                return EditsCurrent() && CountsWithinLag(out _);
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
    }

    /// <summary>
    /// The search from memory, when the index is current, and the <see cref="CatalogVersion.Counts"/> its like and play counts
    /// are of and when they were read; false sends it to the database (and starts what makes the index current again).
    /// </summary>
    public bool TrySearch(SearchPlan plan, IReadOnlySet<string> types, int limit, [NotNullWhen(true)] out SearchResultDto? result,
        out (long Version, long ReadAt) counts)
    {
        result = null;
        counts = default;
        if (!Enabled) return false;
        bool current, readCounts = false, usable;
        _lock.EnterReadLock();
        try
        {
            current = EditsCurrent();
            usable = current && CountsWithinLag(out readCounts);
            if (usable)
            {
                result = _catalog!.Search(plan, types, limit);
                counts = (_countsAt, _countsReadAt);
            }
        }
        finally
        {
            _lock.ExitReadLock();
        }
        if (readCounts) StartReadingCounts();
        if (!current) StartRebuild();
        return usable;
    }

    /// <summary>
    /// What a list's <c>q</c> selects of <typeparamref name="T"/> (songs or albums), from memory when the index is current
    /// for every edit (a list reads its counts, and sorts, from the database): the match with typos, and how many items it holds.
    /// </summary>
    public bool TryMatch<T>(SearchPlan plan, out (SearchMatch Match, int Count) found) where T : CatalogItem
    {
        found = default;
        if (!Enabled) return false;
        bool current;
        _lock.EnterReadLock();
        try
        {
            current = EditsCurrent();
            if (current) found = _catalog!.Matching(plan, typeof(T) == typeof(Song));
        }
        finally
        {
            _lock.ExitReadLock();
        }
        if (!current) StartRebuild();
        return current;
    }

    /// <summary>Built, and no edit since that it has not seen. Called under the read lock.</summary>
    private bool EditsCurrent() =>
        _catalog is not null && _foreignAt == version.ForeignEdits && _unknownAt == Interlocked.Read(ref _unknown);

    /// <summary>
    /// The counts it shows are at most <see cref="CountsLag"/> old. <paramref name="readCounts"/>: they have moved and are due
    /// to be read again. Called under the read lock.
    /// </summary>
    private bool CountsWithinLag(out bool readCounts)
    {
        readCounts = false;
        if (version.Counts == _countsAt) return true;
        var age = time.GetElapsedTime(_countsReadAt);
        readCounts = age >= CountsRefresh;
        return age <= CountsLag;
    }

    /// <summary>Starts building the index in the background (start-up); returns at once.</summary>
    public void StartBuilding()
    {
        if (Enabled) StartRebuild();
    }

    /// <summary>
    /// This instance's write of counters alone has ended (committed, or failed), before it moves the catalog version on: the
    /// counts of these songs are read again, and not every song's, when the counts are next read.
    /// </summary>
    public void CountsMoved(IEnumerable<int> songIds)
    {
        if (!Enabled) return;
        lock (_movedLock)
        {
            if (_moved is null) return;
            _moved.UnionWith(songIds);
            if (_moved.Count > MaxMovedSongs) _moved = null;
        }
    }

    /// <summary>
    /// Counts moved (or may have) of songs not named: a write of this instance's that did so (<see cref="IChangesUnnamedCounts"/>),
    /// or a read of counts that was not applied. Every song's counts are read next.
    /// </summary>
    public void CountsMovedAnywhere()
    {
        lock (_movedLock) _moved = null;
    }

    /// <summary>The songs to read the counts of (null: every song), and an empty set to collect the next ones in.</summary>
    private HashSet<int>? TakeMoved()
    {
        lock (_movedLock)
        {
            var moved = _moved;
            _moved = [];
            return moved;
        }
    }

    /// <summary>Catalog rows changed in a way this instance's writes did not report: stale until rebuilt.</summary>
    public void Invalidate() => Interlocked.Increment(ref _unknown);

    /// <summary>
    /// A catalog command ended (committed or not): the songs and albums its saves touched are read again and replace what
    /// the index holds of them (<see cref="MemoryCatalog.Apply"/>: concurrent commands read at once, the latest read wins).
    /// Never fails the command: a failure here makes the index stale instead.
    /// </summary>
    public async Task ApplyAsync(IReadOnlyCollection<int> songIds, IReadOnlyCollection<int> albumIds, CancellationToken cancellationToken)
    {
        if (!Enabled || (songIds.Count == 0 && albumIds.Count == 0)) return;
        long ticket;
        lock (_tickets)
        {
            ticket = ++_ticket;
            _dirtySongs?.UnionWith(songIds);
            _dirtyAlbums?.UnionWith(albumIds);
        }
        try
        {
            var rows = await source!.ReadAsync(songIds, albumIds, cancellationToken);
            _lock.EnterWriteLock();
            try
            {
                _catalog?.Apply(ticket, songIds, albumIds, rows);
            }
            finally
            {
                _lock.ExitWriteLock();
            }
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Updating the in-memory search index failed; searches read the database until it is rebuilt");
            Invalidate();
        }
    }

    private void StartRebuild()
    {
        if (Interlocked.CompareExchange(ref _rebuilding, 1, 0) != 0) return;
        _ = Task.Run(async () =>
        {
            try
            {
                var last = Interlocked.Read(ref _lastRebuild);
                if (last != long.MinValue && RebuildInterval - time.GetElapsedTime(last) is var wait && wait > TimeSpan.Zero)
                    await Task.Delay(wait, time);
                Interlocked.Exchange(ref _lastRebuild, time.GetTimestamp());
                await RebuildAsync();
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Building the in-memory search index failed; searches read the database until it is built");
            }
            finally
            {
                Volatile.Write(ref _rebuilding, 0);
            }
        });
    }

    private async Task RebuildAsync()
    {
        // What the index will be current for is taken before anything is read: a change after this point makes it stale again.
        long foreignAt = version.ForeignEdits, unknownAt = Interlocked.Read(ref _unknown), countsAt = version.Counts,
            countsForeignAt = version.ForeignCounts, countsReadAt = time.GetTimestamp();
        long buildTicket;
        lock (_tickets)
        {
            buildTicket = ++_ticket;
            (_dirtySongs, _dirtyAlbums) = ([], []);
        }

        var started = time.GetTimestamp();
        var catalog = new MemoryCatalog(buildTicket);
        try
        {
            var (songs, albums) = await source!.ReadAllAsync(CancellationToken.None);
            foreach (var song in songs) catalog.SetSong(song);
            foreach (var album in albums) catalog.SetAlbum(album);
            // The first build (at start-up) leaves ~150 MiB of young objects that the garbage collector would otherwise
            // promote piecemeal, in long pauses under the first load (measured: p99 400 ms in a list benchmark's first
            // window, 55 ms without the index). One compacting collection now, before the index is published, settles
            // them in the oldest generation while the service has little to do. Later rebuilds (after edits this instance
            // cannot have seen) are left to the collector's own pace.
            if (Volatile.Read(ref _catalog) is null)
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);

            // The rows this instance's writes touched while it read are read again, until none is left; then it is published
            // (a write that takes its ticket after that applies to it).
            while (true)
            {
                HashSet<int> songIds, albumIds;
                long ticket;
                lock (_tickets)
                {
                    (songIds, albumIds, ticket) = (_dirtySongs!, _dirtyAlbums!, ++_ticket);
                    (_dirtySongs, _dirtyAlbums) = ([], []);
                }
                if (songIds.Count > 0 || albumIds.Count > 0)
                {
                    catalog.Apply(ticket, songIds, albumIds, await source.ReadAsync(songIds, albumIds, CancellationToken.None));
                    continue;
                }

                _lock.EnterWriteLock();
                try
                {
                    lock (_tickets)
                    {
                        if (_dirtySongs.Count > 0 || _dirtyAlbums.Count > 0) continue;
                        (_dirtySongs, _dirtyAlbums) = (null, null);
                    }
                    (_catalog, _foreignAt, _unknownAt) = (catalog, foreignAt, unknownAt);
                    (_countsAt, _countsReadAt, _countsForeignAt) = (countsAt, countsReadAt, countsForeignAt);
                    break;
                }
                finally
                {
                    _lock.ExitWriteLock();
                }
            }
        }
        finally
        {
            lock (_tickets) (_dirtySongs, _dirtyAlbums) = (null, null);
        }
        logger.LogInformation("In-memory search index built: {Songs} songs in {Elapsed} ms", catalog.SongCount,
            (long)time.GetElapsedTime(started).TotalMilliseconds);
    }

    private void StartReadingCounts()
    {
        if (Interlocked.CompareExchange(ref _readingCounts, 1, 0) != 0) return;
        _ = Task.Run(async () =>
        {
            var applied = false;
            try
            {
                // Taken in this order: a write names its songs before it moves the version, so every move counted in
                // countsAt has its songs among those taken (or among those an earlier read took).
                long countsAt = version.Counts, foreignAt = version.ForeignCounts, readAt = time.GetTimestamp();
                var songIds = TakeMoved();
                bool every;
                _lock.EnterReadLock();
                try
                {
                    every = songIds is null || foreignAt != _countsForeignAt;
                }
                finally
                {
                    _lock.ExitReadLock();
                }
                var counts = await source!.ReadCountsAsync(every ? null : songIds, CancellationToken.None);
                _lock.EnterWriteLock();
                try
                {
                    // A rebuild published meanwhile read its counts later than these: keep them (they hold these songs' too).
                    if (_catalog is { } catalog && readAt > _countsReadAt)
                    {
                        foreach (var song in counts) catalog.SetCounts(song);
                        (_countsAt, _countsReadAt, _countsForeignAt) = (countsAt, readAt, foreignAt);
                    }
                    applied = _catalog is not null;
                }
                finally
                {
                    _lock.ExitWriteLock();
                }
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Reading like and play counts for the in-memory search index failed");
            }
            finally
            {
                if (!applied) CountsMovedAnywhere();
                Volatile.Write(ref _readingCounts, 0);
            }
        });
    }

    public void Dispose() => _lock.Dispose();
}
