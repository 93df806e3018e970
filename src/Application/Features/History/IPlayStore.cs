namespace MusicPlayer.Application.Features.History;

/// <summary>
/// Plays and what is derived from them (the songs' <c>PlayCount</c>, the hourly aggregates, the chart windows),
/// written together in one transaction by set-based statements in the database, never read-modify-write here.
/// </summary>
public interface IPlayStore
{
    /// <summary>
    /// Records a batch for a user: a play whose <see cref="NewPlay.ClientPlayId"/> this user already
    /// recorded (earlier, in this batch, or in a batch arriving at the same moment) is a duplicate and
    /// changes nothing. When any song is unknown nothing is recorded and the result names those songs.
    /// Throws <c>UnauthenticatedException</c> when the user no longer exists.
    /// </summary>
    Task<PlayBatchResult> RecordAsync(int userId, IReadOnlyList<NewPlay> plays, CancellationToken cancellationToken);

    /// <summary>Removes every play of a user (who is about to be deleted), taking them off the counters and the aggregate.</summary>
    Task RemoveAllOfUserAsync(int userId, CancellationToken cancellationToken);

    /// <summary>Takes the plays of a song (about to be deleted, which deletes them) off its listeners' hourly aggregates.</summary>
    Task RemoveAllOfSongAsync(int songId, CancellationToken cancellationToken);
}

/// <summary>One play to record; <paramref name="PlayedAt"/> is UTC.</summary>
public sealed record NewPlay(int SongId, DateTime PlayedAt, int SecondsPlayed, string? ClientPlayId);

/// <summary>What a batch did: plays recorded, duplicates ignored, or the unknown songs that stopped it.</summary>
public sealed record PlayBatchResult(int Accepted, int Duplicates, IReadOnlyList<int> UnknownSongIds)
{
    public static PlayBatchResult Unknown(IReadOnlyList<int> songIds) => new(0, 0, songIds);
}
