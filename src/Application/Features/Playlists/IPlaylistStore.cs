using MusicPlayer.Domain.Playlists;

namespace MusicPlayer.Application.Features.Playlists;

/// <summary>
/// Playlist writes that move entries, set-based and atomic. Each write first moves the playlist's version on
/// (only from <c>expectedVersion</c> when one is given: otherwise <see cref="Common.Errors.PreconditionFailedException"/>),
/// which also locks the playlist row, so two writers of one playlist run one after the other and positions stay
/// 1..n without gaps; then the aggregate decides (<see cref="Playlist.PlanInsert"/>, <see cref="Playlist.PlanMove"/>),
/// and only the entries that change are written, with sort keys between their new neighbours
/// (<see cref="PlaylistOrder"/>; a set-based renumbering when none fit), in the same transaction.
/// </summary>
public interface IPlaylistStore
{
    /// <summary>Creates a playlist unless the owner already has the most a user may (a conflict).</summary>
    Task<int> CreateAsync(int ownerId, PlaylistDetails details, DateTime now, CancellationToken cancellationToken);

    /// <summary>Inserts the songs (in order, duplicates allowed) at <paramref name="position"/> or at the end; unknown songs are a 400 naming them.</summary>
    Task AddAsync(int playlistId, int? expectedVersion, IReadOnlyList<int> songIds, int? position, DateTime now, CancellationToken cancellationToken);

    /// <summary>Moves one entry to <paramref name="position"/>; the entries between shift by one rank (their rows stay as they are).</summary>
    Task MoveAsync(int playlistId, int? expectedVersion, int entryId, int position, DateTime now, CancellationToken cancellationToken);

    /// <summary>Removes one entry; the entries after it close up.</summary>
    Task RemoveAsync(int playlistId, int? expectedVersion, int entryId, DateTime now, CancellationToken cancellationToken);

    /// <summary>Deletes the playlist with its entries.</summary>
    Task DeleteAsync(int playlistId, int? expectedVersion, CancellationToken cancellationToken);

    /// <summary>
    /// Takes a song that is about to be deleted out of every playlist: the entries after each of its entries close up
    /// (by rank: their keys stay), counts drop, versions move on. Runs in the caller's transaction, which then deletes the song.
    /// </summary>
    Task RemoveSongEverywhereAsync(int songId, DateTime now, CancellationToken cancellationToken);

    /// <summary>
    /// Corrects the kept duration of every playlist holding a song whose duration was just changed (in the caller's
    /// transaction, after the song's save); their versions move on.
    /// </summary>
    Task SongDurationChangedAsync(int songId, DateTime now, CancellationToken cancellationToken);
}
