using MusicPlayer.Application.Common.Observability;

namespace MusicPlayer.Infrastructure.Persistence;

/// <summary>One caller's like or unlike, waiting for its group commit.</summary>
internal sealed record LikeWrite(int UserId, int SongId, LikeChange Change, DateTime At);

/// <summary>What a like or unlike did: changed the like, found it as asked already, or found no user or no song.</summary>
internal enum LikeWriteOutcome
{
    Changed,
    Unchanged,
    NoSuchUser,
    NoSuchSong,
}

/// <summary>
/// A batch of likes and unlikes resolved against what the database holds at the start of its transaction: each
/// write's outcome exactly as if the writes had run one after another in arrival order, and the net change that
/// has that effect (rows to delete, rows to insert, each song's counter delta). A like, unlike and like of one
/// pair in one batch ends with one row carrying the last like's time; the counter deltas add up to the change
/// in rows, so a counter always equals its rows.
/// </summary>
internal sealed class LikeBatchPlan
{
    private LikeBatchPlan(LikeWriteOutcome[] outcomes, List<(int UserId, int SongId)> deletes,
        List<(int UserId, int SongId, DateTime At)> inserts, List<(int SongId, int Delta)> counterDeltas)
    {
        Outcomes = outcomes;
        Deletes = deletes;
        Inserts = inserts;
        CounterDeltas = counterDeltas;
    }

    /// <summary>Each write's outcome, in the writes' order.</summary>
    public IReadOnlyList<LikeWriteOutcome> Outcomes { get; }

    /// <summary>Rows there before the batch that a write took away (a pair liked again later is also in <see cref="Inserts"/>).</summary>
    public IReadOnlyList<(int UserId, int SongId)> Deletes { get; }

    /// <summary>Rows there after the batch that it created, with the time of the like that created each.</summary>
    public IReadOnlyList<(int UserId, int SongId, DateTime At)> Inserts { get; }

    /// <summary>Each song's net counter change, none zero, in song id order.</summary>
    public IReadOnlyList<(int SongId, int Delta)> CounterDeltas { get; }

    /// <param name="writes">The batch, in arrival order.</param>
    /// <param name="users">Which of the writes' users exist.</param>
    /// <param name="songs">Which of the writes' songs exist.</param>
    /// <param name="liked">Which of the writes' (user, song) pairs have a like row.</param>
    public static LikeBatchPlan Resolve(IReadOnlyList<LikeWrite> writes, IReadOnlySet<int> users, IReadOnlySet<int> songs,
        IReadOnlySet<(int UserId, int SongId)> liked)
    {
        var outcomes = new LikeWriteOutcome[writes.Count];
        var pairs = new Dictionary<(int UserId, int SongId), PairState>();
        var deltas = new Dictionary<int, int>();
        for (var i = 0; i < writes.Count; i++)
        {
            var write = writes[i];
            if (!users.Contains(write.UserId))
            {
                outcomes[i] = LikeWriteOutcome.NoSuchUser;
                continue;
            }
            if (!songs.Contains(write.SongId))
            {
                outcomes[i] = LikeWriteOutcome.NoSuchSong;
                continue;
            }

            var key = (write.UserId, write.SongId);
            var state = pairs.TryGetValue(key, out var known) ? known : new PairState(liked.Contains(key), null, OriginalGone: false);
            var like = write.Change == LikeChange.Like;
            if (state.Liked == like)
            {
                outcomes[i] = LikeWriteOutcome.Unchanged;
                continue;
            }

            // An unlike takes away whichever row there is: the one from before the batch, or one this batch added.
            pairs[key] = like
                ? state with { Liked = true, NewLikeAt = write.At }
                : new PairState(Liked: false, NewLikeAt: null, OriginalGone: state.OriginalGone || state.NewLikeAt is null);
            deltas[write.SongId] = deltas.GetValueOrDefault(write.SongId) + (like ? 1 : -1);
            outcomes[i] = LikeWriteOutcome.Changed;
        }

        var deletes = pairs.Where(p => p.Value.OriginalGone).Select(p => p.Key).ToList();
        var inserts = pairs.Where(p => p.Value.NewLikeAt is not null)
            .Select(p => (p.Key.UserId, p.Key.SongId, At: p.Value.NewLikeAt!.Value)).ToList();
        var counterDeltas = deltas.Where(d => d.Value != 0).OrderBy(d => d.Key).Select(d => (d.Key, d.Value)).ToList();
        return new LikeBatchPlan(outcomes, deletes, inserts, counterDeltas);
    }

    /// <param name="Liked">Whether the pair has a like now.</param>
    /// <param name="NewLikeAt">When the like this batch added was made, if the pair's like is one this batch added.</param>
    /// <param name="OriginalGone">Whether the row from before the batch was taken away.</param>
    private readonly record struct PairState(bool Liked, DateTime? NewLikeAt, bool OriginalGone);
}
