using Microsoft.EntityFrameworkCore;
using MusicPlayer.Application.Common.Errors;
using MusicPlayer.Application.Features.History;

namespace MusicPlayer.Infrastructure.Persistence;

/// <summary>
/// Records plays, the songs' <c>PlayCount</c>, the hourly aggregate and the chart windows in one transaction. Each batch
/// first locks the user's row (as <see cref="LikeStore"/> does: a user's deletion waits for it, or it finds no
/// user), then the batch's songs in id order (none can be deleted half-way, and two batches sharing songs
/// queue instead of deadlocking). Duplicates are ignored by the database itself, against the unique index on
/// (user, client key): <c>INSERT … ON CONFLICT DO NOTHING RETURNING</c> on SQLite and PostgreSQL, and on SQL
/// Server an <c>INSERT … OUTPUT … WHERE NOT EXISTS</c> under a key-range lock (UPDLOCK, HOLDLOCK). Only the
/// rows actually inserted move the counters, by set-based UPDATEs and upserts of the aggregates (<see cref="PlayBatch"/>).
/// On SQLite, which runs one write transaction at a time, batches go through <see cref="PlayCommitter"/> instead: those
/// that arrive together share one transaction, and no row locks are needed.
/// </summary>
internal sealed class PlayStore(MusicPlayerDbContext context, PlayCommitter committer, ChartWindowCounters windows) : IPlayStore
{
    public async Task<PlayBatchResult> RecordAsync(int userId, IReadOnlyList<NewPlay> plays, CancellationToken cancellationToken)
    {
        if (!context.Database.IsSqlite()) return await RecordLockedAsync(userId, plays, cancellationToken);
        var outcome = await committer.WriteAsync(new PlayWrite(userId, plays), cancellationToken);
        return outcome.UserFound ? outcome.Result : throw NoUser();
    }

    private Task<PlayBatchResult> RecordLockedAsync(int userId, IReadOnlyList<NewPlay> plays, CancellationToken cancellationToken) =>
        context.InTransactionAsync(async () =>
        {
            context.ChangeTracker.Clear();
            if (await context.LockUserAsync(userId, cancellationToken) == 0) throw NoUser();
            var songIds = plays.Select(p => p.SongId).Distinct().Order().ToArray();
            var durations = await LockSongsAsync(songIds, cancellationToken);
            var unknown = PlayBatch.UnknownSongs(plays, durations);
            if (unknown.Count > 0) return PlayBatchResult.Unknown(unknown);

            var inserted = await PlayBatch.InsertNewAsync(context, userId, plays, durations, cancellationToken);
            await PlayBatch.CountAsync(context, windows, inserted, cancellationToken);
            return new PlayBatchResult(inserted.Count, plays.Count - inserted.Count, []);
        }, cancellationToken);

    private static UnauthenticatedException NoUser() => new("The account no longer exists.");

    // Deleting a user calls this inside its own transaction (see AdminChangeLock), which it joins.
    public Task RemoveAllOfUserAsync(int userId, CancellationToken cancellationToken) =>
        context.InTransactionAsync(() => RemoveAllOfUserInTransactionAsync(userId, cancellationToken), cancellationToken);

    private async Task<int> RemoveAllOfUserInTransactionAsync(int userId, CancellationToken cancellationToken)
    {
        // Once the user's row is locked, no batch of theirs is half-way: each either committed or waits and then finds no user.
        await context.LockUserAsync(userId, cancellationToken);
        var counted = context.Plays.Where(p => p.UserId == userId && p.Counted);
        var songs = counted.Select(p => p.SongId);
        await context.Songs.Where(s => songs.Contains(s.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.PlayCount, x => x.PlayCount - counted.Count(p => p.SongId == x.Id)), cancellationToken);
        await context.SongPlayHours.Where(h => songs.Contains(h.SongId))
            .ExecuteUpdateAsync(s => s.SetProperty(h => h.Plays,
                h => h.Plays - counted.Count(p => p.SongId == h.SongId && p.PlayedMinute / 60 == h.Hour)), cancellationToken);
        await context.SongPlayHours.Where(h => h.Plays <= 0 && songs.Contains(h.SongId)).ExecuteDeleteAsync(cancellationToken);
        await windows.RemoveUserAsync(userId, await windows.LockStartsAsync(cancellationToken), cancellationToken);
        await context.UserPlayHours.Where(h => h.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        return await context.Plays.Where(p => p.UserId == userId).ExecuteDeleteAsync(cancellationToken);
    }

    // Deleting a song calls this inside its transaction, before the song's row (and so its plays) go.
    public Task RemoveAllOfSongAsync(int songId, CancellationToken cancellationToken) =>
        context.InTransactionAsync(async () =>
        {
            // Once the song's row is locked no batch with it is half-way: each either committed or waits and then finds no song.
            await LockSongsAsync([songId], cancellationToken);
            var plays = context.Plays.Where(p => p.SongId == songId);
            var users = plays.Select(p => p.UserId);
            await context.UserPlayHours.Where(h => users.Contains(h.UserId))
                .ExecuteUpdateAsync(s => s
                    .SetProperty(h => h.Plays, h => h.Plays - plays.Count(p => p.UserId == h.UserId && p.Counted && p.PlayedMinute / 60 == h.Hour))
                    .SetProperty(h => h.Seconds, h => h.Seconds - plays.Where(p => p.UserId == h.UserId && p.PlayedMinute / 60 == h.Hour)
                        .Sum(p => (long)p.SecondsPlayed)), cancellationToken);
            return await context.UserPlayHours.Where(h => h.Plays == 0 && h.Seconds == 0 && users.Contains(h.UserId)).ExecuteDeleteAsync(cancellationToken);
        }, cancellationToken);

    /// <summary>The songs' durations, their rows locked in id order until the transaction ends (SQLite: the write gate already serialises).</summary>
    private async Task<Dictionary<int, int?>> LockSongsAsync(int[] songIds, CancellationToken cancellationToken)
    {
        // Ids are integers: written into the statement as they are.
        var sqlServerLock = $"SELECT [Id], [Duration] FROM [Songs] WITH (UPDLOCK, ROWLOCK) WHERE [Id] IN ({string.Join(", ", songIds)}) ORDER BY [Id]";
        var songs = context.Database.IsNpgsql()
            ? context.Database.SqlQuery<SongDuration>(
                $@"SELECT ""Id"", ""Duration"" FROM ""Songs"" WHERE ""Id"" = ANY({songIds}) ORDER BY ""Id"" FOR NO KEY UPDATE")
            : context.Database.IsSqlServer()
                ? context.Database.SqlQueryRaw<SongDuration>(sqlServerLock)
                : context.Songs.Where(s => songIds.Contains(s.Id)).Select(s => new SongDuration { Id = s.Id, Duration = s.Duration });
        return (await songs.ToListAsync(cancellationToken)).ToDictionary(s => s.Id, s => s.Duration);
    }

    private sealed class SongDuration
    {
        public int Id { get; init; }
        public int? Duration { get; init; }
    }
}
