using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using MusicPlayer.Application.Common.Errors;
using MusicPlayer.Application.Features.History;
using MusicPlayer.Domain.History;

namespace MusicPlayer.Infrastructure.Persistence;

/// <summary>
/// Records plays, the songs' <c>PlayCount</c>, the hourly aggregate and the chart windows in one transaction. Each batch
/// first locks the user's row (as <see cref="LikeStore"/> does: a user's deletion waits for it, or it finds no
/// user), then the batch's songs in id order (none can be deleted half-way, and two batches sharing songs
/// queue instead of deadlocking). Duplicates are ignored by the database itself, against the unique index on
/// (user, client key): <c>INSERT … ON CONFLICT DO NOTHING RETURNING</c> on SQLite and PostgreSQL, and on SQL
/// Server an <c>INSERT … OUTPUT … WHERE NOT EXISTS</c> under a key-range lock (UPDLOCK, HOLDLOCK). Only the
/// rows actually inserted move the counters, by set-based UPDATEs and an upsert of the aggregate.
/// </summary>
internal sealed class PlayStore(MusicPlayerDbContext context, SqliteWriteGate gate, ChartWindowCounters windows) : IPlayStore
{
    // Seven values a row, at most two of them parameters: well under SQL Server's 2,100 parameters a command.
    private const int RowsPerInsert = 500;

    public Task<PlayBatchResult> RecordAsync(int userId, IReadOnlyList<NewPlay> plays, CancellationToken cancellationToken) =>
        gate.RunAsync(context, () => context.InTransactionAsync(async () =>
        {
            context.ChangeTracker.Clear();
            if (await context.LockUserAsync(userId, cancellationToken) == 0)
                throw new UnauthenticatedException("The account no longer exists.");
            var songIds = plays.Select(p => p.SongId).Distinct().Order().ToArray();
            var durations = await LockSongsAsync(songIds, cancellationToken);
            var unknown = songIds.Where(id => !durations.ContainsKey(id)).ToList();
            if (unknown.Count > 0) return PlayBatchResult.Unknown(unknown);

            // A key repeated within the batch is a duplicate like any other: the first one is the play.
            var keys = new HashSet<string>(StringComparer.Ordinal);
            var candidates = plays.Where(p => p.ClientPlayId is null || keys.Add(p.ClientPlayId)).ToList();
            var inserted = new List<InsertedPlay>();
            foreach (var chunk in candidates.Chunk(RowsPerInsert))
                inserted.AddRange(await InsertNewAsync(userId, chunk, durations, cancellationToken));
            await AddUserHoursAsync(userId, inserted, cancellationToken);
            await CountAsync(inserted.Where(p => p.Counted).ToList(), cancellationToken);
            return new PlayBatchResult(inserted.Count, plays.Count - inserted.Count, []);
        }, cancellationToken), cancellationToken);

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

    /// <summary>Inserts the plays whose client key this user has not recorded yet; returns those inserted.</summary>
    private async Task<List<InsertedPlay>> InsertNewAsync(int userId, NewPlay[] plays, Dictionary<int, int?> durations, CancellationToken cancellationToken)
    {
        var sqlServer = context.Database.IsSqlServer();
        var parameters = new List<object>();
        var rows = new StringBuilder();
        foreach (var play in plays)
        {
            var counted = PlayRules.IsCounted(play.SecondsPlayed, durations[play.SongId]);
            if (rows.Length > 0) rows.Append(",\n");
            rows.Append(CultureInfo.InvariantCulture, $"({userId}, {play.SongId}, @p{parameters.Count}, {PlayRules.MinuteOf(play.PlayedAt)}, {play.SecondsPlayed}, ");
            parameters.Add(play.PlayedAt);
            rows.Append(sqlServer ? (counted ? "CAST(1 AS bit)" : "CAST(0 AS bit)") : (counted ? "TRUE" : "FALSE")).Append(", ");
            if (play.ClientPlayId is null) rows.Append(sqlServer ? "CAST(NULL AS nvarchar(64))" : "NULL");
            else
            {
                rows.Append(CultureInfo.InvariantCulture, $"@p{parameters.Count}");
                parameters.Add(play.ClientPlayId);
            }
            rows.Append(')');
        }

        const string columns = @"""UserId"", ""SongId"", ""PlayedAt"", ""PlayedMinute"", ""SecondsPlayed"", ""Counted"", ""ClientPlayId""";
        var sql = sqlServer
            ? $@"INSERT INTO ""Plays"" ({columns})
                 OUTPUT INSERTED.""SongId"", INSERTED.""Counted"", INSERTED.""PlayedMinute"", INSERTED.""SecondsPlayed""
                 SELECT {columns} FROM (VALUES {rows}) AS v ({columns})
                 WHERE v.""ClientPlayId"" IS NULL OR NOT EXISTS (SELECT 1 FROM ""Plays"" AS p WITH (UPDLOCK, HOLDLOCK)
                     WHERE p.""UserId"" = v.""UserId"" AND p.""ClientPlayId"" = v.""ClientPlayId"")"
            : $@"INSERT INTO ""Plays"" ({columns}) VALUES {rows}
                 ON CONFLICT DO NOTHING
                 RETURNING ""SongId"", ""Counted"", ""PlayedMinute"", ""SecondsPlayed""";
        // Plain ADO.NET on the transaction's connection: every batch's statement is new text, which EF would compile
        // and keep as a query of its own; this runs it as it is.
        await using var command = context.Database.GetDbConnection().CreateCommand();
        command.Transaction = context.Database.CurrentTransaction!.GetDbTransaction();
        command.CommandText = sql;
        for (var i = 0; i < parameters.Count; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = $"@p{i}";
            parameter.Value = parameters[i];
            command.Parameters.Add(parameter);
        }

        var inserted = new List<InsertedPlay>(plays.Length);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            inserted.Add(new InsertedPlay(reader.GetInt32(0), reader.GetBoolean(1), reader.GetInt64(2), reader.GetInt32(3)));
        return inserted;
    }

    /// <summary>Adds the plays to the user's hourly aggregate (counted plays, seconds of all plays): one upsert.</summary>
    private Task AddUserHoursAsync(int userId, List<InsertedPlay> inserted, CancellationToken cancellationToken)
    {
        if (inserted.Count == 0) return Task.CompletedTask;
        var hours = inserted.GroupBy(p => p.PlayedMinute / 60).OrderBy(g => g.Key).Select(g => string.Create(CultureInfo.InvariantCulture,
            $"({userId}, {g.Key}, {g.Count(p => p.Counted)}, {g.Sum(p => (long)p.SecondsPlayed)})"));
        return context.UpsertAddAsync("UserPlayHours", ["UserId", "Hour"], ["Plays", "Seconds"], "VALUES " + string.Join(", ", hours), cancellationToken);
    }

    /// <summary>Adds counted plays to their songs' PlayCount, the hourly aggregate and the chart windows: one UPDATE and two upserts.</summary>
    private async Task CountAsync(List<InsertedPlay> counted, CancellationToken cancellationToken)
    {
        if (counted.Count == 0) return;
        var perSong = counted.GroupBy(p => p.SongId).OrderBy(g => g.Key).Select(g => (SongId: g.Key, Plays: g.Count())).ToList();
        var increments = string.Join(" ", perSong.Select(s => string.Create(CultureInfo.InvariantCulture, $"WHEN {s.SongId} THEN {s.Plays}")));
        var ids = string.Join(", ", perSong.Select(s => s.SongId.ToString(CultureInfo.InvariantCulture)));
        var update = $@"UPDATE ""Songs"" SET ""PlayCount"" = ""PlayCount"" + CASE ""Id"" {increments} END WHERE ""Id"" IN ({ids})";
        await context.Database.ExecuteSqlRawAsync(update, cancellationToken);

        var hours = counted.GroupBy(p => (p.SongId, Hour: p.PlayedMinute / 60)).OrderBy(g => g.Key)
            .Select(g => (g.Key.SongId, g.Key.Hour, Plays: g.Count())).ToList();
        await context.UpsertAddAsync("SongPlayHours", ["SongId", "Hour"], ["Plays"], "VALUES " + string.Join(", ",
            hours.Select(h => string.Create(CultureInfo.InvariantCulture, $"({h.SongId}, {h.Hour}, {h.Plays})"))), cancellationToken);
        await windows.AddAsync(hours, await windows.LockStartsAsync(cancellationToken), cancellationToken);
    }

    private sealed class SongDuration
    {
        public int Id { get; init; }
        public int? Duration { get; init; }
    }

    private sealed record InsertedPlay(int SongId, bool Counted, long PlayedMinute, int SecondsPlayed);
}
