namespace MusicPlayer.Application.Common.Caching;

/// <summary>
/// Numbers that change whenever anything a catalog list shows may have changed, so caches can key
/// their entries by them: <see cref="Edits"/> moves on every catalog edit (albums, songs, links,
/// audio, covers, user deletions), <see cref="Counts"/> on every change of the like and play counters
/// alone, and <see cref="Current"/> on either. <see cref="Playlists"/> moves on every playlist write
/// (playlists are not in catalog lists: it leaves those caches alone). A cache that must be exact keys by <see cref="Current"/>;
/// the public list cache keys by <see cref="Edits"/> and lets <see cref="Counts"/> lag within its bound.
/// Every change made here is also told to the <see cref="ICachePeers"/> (other instances on the same
/// database), when there are any; a change they report is applied with <see cref="Apply"/>.
/// </summary>
public sealed class CatalogVersion(ICachePeers? peers = null)
{
    private long _edits;
    private long _counts;
    private long _playlists;
    private long _foreignEdits;
    private long _foreignCounts;

    public long Edits => Interlocked.Read(ref _edits);

    public long Counts => Interlocked.Read(ref _counts);

    /// <summary>
    /// Whether other instances share the database: a change made there reaches this instance only as a move of
    /// <see cref="Edits"/> or <see cref="Counts"/>, so a cache keyed by something finer (one user's plays) cannot rely on it.
    /// </summary>
    public bool HasPeers => peers is not null;

    public long Playlists => Interlocked.Read(ref _playlists);

    /// <summary>
    /// Moves with the edits made elsewhere (or possibly missed), never with those made here: what a structure kept
    /// in step with this instance's own writes (the in-memory search index) cannot have seen.
    /// </summary>
    public long ForeignEdits => Interlocked.Read(ref _foreignEdits);

    /// <summary>
    /// Moves with the like and play counts changed elsewhere (or possibly missed): changes whose songs this instance
    /// was not told (<see cref="IChangesCountsOnly.CountedSongIds"/> names them for its own).
    /// </summary>
    public long ForeignCounts => Interlocked.Read(ref _foreignCounts);

    /// <summary>Moves on every change of either kind (both parts only grow, so their sum does too).</summary>
    public long Current => Edits + Counts;

    /// <summary>A catalog edit was made here.</summary>
    public void Bump() => Bump(CatalogChange.Edits);

    /// <summary>A change of <paramref name="change"/> was made here: moves the versions and tells the peers.</summary>
    public void Bump(CatalogChange change)
    {
        Move(change);
        peers?.CatalogChanged(change);
    }

    /// <summary>A change made elsewhere (or possibly missed): moves the versions here only.</summary>
    public void Apply(CatalogChange change)
    {
        if (change.HasFlag(CatalogChange.Edits)) Interlocked.Increment(ref _foreignEdits);
        if (change.HasFlag(CatalogChange.Counts)) Interlocked.Increment(ref _foreignCounts);
        Move(change);
    }

    private void Move(CatalogChange change)
    {
        if (change.HasFlag(CatalogChange.Edits)) Interlocked.Increment(ref _edits);
        if (change.HasFlag(CatalogChange.Counts)) Interlocked.Increment(ref _counts);
        if (change.HasFlag(CatalogChange.Playlists)) Interlocked.Increment(ref _playlists);
    }
}

/// <summary>What a catalog write changed, as far as caches are concerned.</summary>
[Flags]
public enum CatalogChange
{
    /// <summary>Rows, links, audio or covers: lists show it on the very next read.</summary>
    Edits = 1,

    /// <summary>Only like or play counters: public lists may show it up to a second late.</summary>
    Counts = 2,

    /// <summary>A playlist (its row or its entries): cached playlist reads show it on the very next read.</summary>
    Playlists = 4,

    All = Edits | Counts | Playlists,
}

/// <summary>Marks a command that changes what catalog lists show (fields, links, like and play counts).</summary>
public interface IChangesCatalog;

/// <summary>
/// Marks a catalog write whose only effect on lists is on the like and play counters (a like, a batch of
/// plays): it moves <see cref="CatalogVersion.Counts"/>, not <see cref="CatalogVersion.Edits"/>, so cached
/// public lists are not thrown away but re-read within a second.
/// </summary>
public interface IChangesCountsOnly : IChangesCatalog
{
    /// <summary>The songs whose counters it may change (a cache of counts reads those again, not every song's).</summary>
    IEnumerable<int> CountedSongIds();
}

/// <summary>
/// Marks a catalog edit that also moves the like or play counters of songs it does not name (deleting a user takes back
/// their likes and plays): it moves <see cref="CatalogVersion.Counts"/> with <see cref="CatalogVersion.Edits"/>, and a cache
/// of counts reads every song's again.
/// </summary>
public interface IChangesUnnamedCounts : IChangesCatalog;

/// <summary>
/// Marks a command that writes playlists (their rows or entries): it moves <see cref="CatalogVersion.Playlists"/>
/// once it is done. Catalog edits that reach into playlists (a song deleted or its duration changed, a user
/// deleted) are <see cref="IChangesCatalog"/> and move <see cref="CatalogVersion.Edits"/>, which playlist caches key by too.
/// </summary>
public interface IChangesPlaylists;

/// <summary>
/// The other instances that share this one's database. Caches here tell them what changed so theirs
/// follow within a second; with no other instance (SQLite, or none configured) there is nothing to tell
/// and no implementation is registered.
/// </summary>
public interface ICachePeers
{
    void CatalogChanged(CatalogChange change);

    /// <summary>The user's role, session or ended logins changed: their cached session check is stale.</summary>
    void SessionChanged(int userId);
}
