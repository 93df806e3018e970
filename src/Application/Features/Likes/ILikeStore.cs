namespace MusicPlayer.Application.Features.Likes;

/// <summary>
/// Likes and the songs' like counters, changed together and atomically: the counter moves in
/// the same transaction as the like row, by an UPDATE in the store, never read-modify-write here.
/// </summary>
public interface ILikeStore
{
    /// <summary>Adds the like unless it exists; false when it already did. Throws NotFound for a missing song.</summary>
    Task<bool> LikeAsync(int userId, int songId, DateTime now, CancellationToken cancellationToken);

    /// <summary>Removes the like if it exists; false when there was none. Throws NotFound for a missing song.</summary>
    Task<bool> UnlikeAsync(int userId, int songId, CancellationToken cancellationToken);

    /// <summary>Removes every like of a user (who is about to be deleted), taking each off its song's count.</summary>
    Task RemoveAllOfUserAsync(int userId, CancellationToken cancellationToken);
}
