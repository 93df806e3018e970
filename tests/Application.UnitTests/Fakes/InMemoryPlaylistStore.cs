using System.Reflection;
using MusicPlayer.Application.Common.Errors;
using MusicPlayer.Application.Features.Playlists;
using MusicPlayer.Domain.Catalog;
using MusicPlayer.Domain.Common;
using MusicPlayer.Domain.Playlists;
using MusicPlayer.Domain.Users;

namespace MusicPlayer.Application.UnitTests.Fakes;

/// <summary>
/// Playlist writes over the repositories, as the real store makes them: the version moves on first (a stale
/// expected version changes nothing: 412), the aggregate plans the change, changed entries get sort keys between
/// their new neighbours (<see cref="PlaylistOrder"/>, renumbering the playlist when none fit), the kept count
/// follows, and entries are linked to their songs so projections through them work.
/// </summary>
public sealed class InMemoryPlaylistStore(
    InMemoryRepository<Playlist> playlists, InMemoryRepository<PlaylistEntry> entries, InMemoryRepository<Song> songs,
    InMemoryRepository<User>? users = null) : IPlaylistStore
{
    private static readonly PropertyInfo OwnerProperty = typeof(Playlist).GetProperty(nameof(Playlist.Owner))!;
    private static readonly PropertyInfo VersionProperty = typeof(Playlist).GetProperty(nameof(Playlist.Version))!;
    private static readonly PropertyInfo UpdatedAtProperty = typeof(Playlist).GetProperty(nameof(Playlist.UpdatedAt))!;
    private static readonly PropertyInfo SongCountProperty = typeof(Playlist).GetProperty(nameof(Playlist.SongCount))!;
    private static readonly PropertyInfo DurationProperty = typeof(Playlist).GetProperty(nameof(Playlist.DurationSeconds))!;
    private static readonly PropertyInfo SortKeyProperty = typeof(PlaylistEntry).GetProperty(nameof(PlaylistEntry.SortKey))!;
    private static readonly PropertyInfo SongProperty = typeof(PlaylistEntry).GetProperty(nameof(PlaylistEntry.Song))!;

    public async Task<int> CreateAsync(int ownerId, PlaylistDetails details, DateTime now, CancellationToken cancellationToken)
    {
        if (playlists.Items.Count(p => p.OwnerId == ownerId) >= PlaylistLimits.MaxPlaylistsPerUser)
            throw new DomainConflictException($"A user has at most {PlaylistLimits.MaxPlaylistsPerUser} playlists.");
        var playlist = Playlist.Create(ownerId, details, now);
        // Linked to its owner as EF would load it (a stand-in with the id when the test keeps no users).
        OwnerProperty.SetValue(playlist, users?.Items.SingleOrDefault(u => u.Id == ownerId)
                                         ?? TestData.User(username: "owner" + ownerId, email: $"owner{ownerId}@example.com", id: ownerId));
        playlists.Add(playlist);
        await playlists.SaveChangesAsync(cancellationToken);
        return playlist.Id;
    }

    public async Task AddAsync(int playlistId, int? expectedVersion, IReadOnlyList<int> songIds, int? position, DateTime now,
        CancellationToken cancellationToken)
    {
        var missing = songIds.Distinct().Where(id => songs.Items.All(s => s.Id != id)).ToList();
        if (missing.Count > 0)
            throw RequestValidationException.For("songIds", $"No song has the id {string.Join(", ", missing)}; nothing was added.");
        var playlist = Lock(playlistId, expectedVersion, now);
        var at = playlist.PlanInsert(songIds.Count, position);
        var keys = KeysAt(playlistId, at, songIds.Count, moving: null);
        var added = songIds.Select((songId, i) => new PlaylistEntry(playlistId, songId, keys[i], now)).ToList();
        foreach (var entry in added)
        {
            SongProperty.SetValue(entry, songs.Items.Single(s => s.Id == entry.SongId));
            entries.Add(entry);
        }
        await entries.SaveChangesAsync(cancellationToken);
        SongCountProperty.SetValue(playlist, playlist.SongCount + songIds.Count);
        Relink(playlist);
    }

    public Task MoveAsync(int playlistId, int? expectedVersion, int entryId, int position, DateTime now, CancellationToken cancellationToken)
    {
        var playlist = Lock(playlistId, expectedVersion, now);
        playlist.EnsureManual();
        var moving = Entry(playlistId, entryId);
        playlist.PlanMove(position);
        SortKeyProperty.SetValue(moving, KeysAt(playlistId, position, 1, moving)[0]);
        return Task.CompletedTask;
    }

    public async Task RemoveAsync(int playlistId, int? expectedVersion, int entryId, DateTime now, CancellationToken cancellationToken)
    {
        var playlist = Lock(playlistId, expectedVersion, now);
        playlist.EnsureManual();
        var removed = Entry(playlistId, entryId);
        entries.Remove(removed);
        await entries.SaveChangesAsync(cancellationToken);
        SongCountProperty.SetValue(playlist, playlist.SongCount - 1);
        Relink(playlist);
    }

    public async Task DeleteAsync(int playlistId, int? expectedVersion, CancellationToken cancellationToken)
    {
        var playlist = Find(playlistId, expectedVersion);
        foreach (var entry in Of(playlistId).ToList()) entries.Remove(entry);
        await entries.SaveChangesAsync(cancellationToken);
        playlists.Remove(playlist);
        await playlists.SaveChangesAsync(cancellationToken);
    }

    public async Task RemoveSongEverywhereAsync(int songId, DateTime now, CancellationToken cancellationToken)
    {
        foreach (var playlist in playlists.Items.Where(p => entries.Items.Any(e => e.PlaylistId == p.Id && e.SongId == songId)).ToList())
        {
            foreach (var gone in Of(playlist.Id).Where(e => e.SongId == songId).ToList()) entries.Remove(gone);
            await entries.SaveChangesAsync(cancellationToken);
            SongCountProperty.SetValue(playlist, Of(playlist.Id).Count());
            Bump(playlist, now);
            Relink(playlist);
        }
    }

    private Playlist Lock(int playlistId, int? expectedVersion, DateTime now)
    {
        var playlist = Find(playlistId, expectedVersion);
        Bump(playlist, now);
        return playlist;
    }

    private Playlist Find(int playlistId, int? expectedVersion)
    {
        var playlist = playlists.Items.SingleOrDefault(p => p.Id == playlistId) ?? throw new NotFoundException("Playlist", playlistId);
        return expectedVersion is { } v && v != playlist.Version ? throw new PreconditionFailedException() : playlist;
    }

    private static void Bump(Playlist playlist, DateTime now)
    {
        VersionProperty.SetValue(playlist, playlist.Version + 1);
        UpdatedAtProperty.SetValue(playlist, now);
    }

    public Task SongDurationChangedAsync(int songId, DateTime now, CancellationToken cancellationToken)
    {
        foreach (var playlist in playlists.Items.Where(p => entries.Items.Any(e => e.PlaylistId == p.Id && e.SongId == songId)))
        {
            Bump(playlist, now);
            Relink(playlist);
        }
        return Task.CompletedTask;
    }

    // The playlist's Entries navigation, as EF would load it for a query through it, and the kept totals of them.
    private void Relink(Playlist playlist)
    {
        DurationProperty.SetValue(playlist, Of(playlist.Id).Sum(e => (long)(e.Song.Duration ?? 0)));
        var list = (List<PlaylistEntry>)typeof(Playlist).GetField("_entries", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(playlist)!;
        list.Clear();
        list.AddRange(Of(playlist.Id));
    }

    private IEnumerable<PlaylistEntry> Of(int playlistId) => entries.Items.Where(e => e.PlaylistId == playlistId);

    /// <summary>The playlist's entries in order: by key, then id.</summary>
    public IReadOnlyList<PlaylistEntry> Ordered(int playlistId) => Of(playlistId).OrderBy(e => e.SortKey).ThenBy(e => e.Id).ToList();

    // Keys for count entries at rank (1-based) among the playlist's entries other than the moving one; renumbered first when none fit.
    private int[] KeysAt(int playlistId, int rank, int count, PlaylistEntry? moving)
    {
        (int? Before, int? After) Neighbours()
        {
            var others = Ordered(playlistId).Where(e => e != moving).ToList();
            return (rank >= 2 ? others[rank - 2].SortKey : null, rank <= others.Count ? others[rank - 1].SortKey : null);
        }

        var (before, after) = Neighbours();
        if (PlaylistOrder.Between(before, after, count) is { } keys) return keys;
        var ordered = Ordered(playlistId);
        for (var i = 0; i < ordered.Count; i++) SortKeyProperty.SetValue(ordered[i], PlaylistOrder.Renumbered(i + 1));
        (before, after) = Neighbours();
        return PlaylistOrder.Between(before, after, count) ?? throw new InvalidOperationException("No keys fit after renumbering.");
    }

    private PlaylistEntry Entry(int playlistId, int entryId) =>
        Of(playlistId).SingleOrDefault(e => e.Id == entryId) ?? throw new NotFoundException("Playlist entry", entryId);
}
