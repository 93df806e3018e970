using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using MusicPlayer.Application.Features.History;
using MusicPlayer.Domain.History;

namespace MusicPlayer.Infrastructure.Persistence;

/// <summary>One caller's batch of plays, waiting for its group commit.</summary>
internal sealed record PlayWrite(int UserId, IReadOnlyList<NewPlay> Plays);

/// <summary>What a batch did once its group committed; <see cref="UserFound"/> false: the user no longer exists and nothing was recorded.</summary>
internal sealed record PlayWriteOutcome(bool UserFound, PlayBatchResult Result);

/// <summary>A play row the database actually inserted (not a duplicate), with what the counters need of it.</summary>
internal sealed record InsertedPlay(int UserId, int SongId, bool Counted, long PlayedMinute, int SecondsPlayed);

/// <summary>
/// The statements that record plays, shared by <see cref="PlayStore"/> (one batch a transaction, under row locks) and
/// <see cref="PlayCommitter"/> (on SQLite: many callers' batches in one transaction). The play rows go in one INSERT per
/// batch that skips duplicates itself; what they add to the counters (the songs' <c>PlayCount</c>, the hourly aggregates
/// and the chart windows) goes in one statement per table for everything the transaction inserted, each key once.
/// Ids and counts are integers and go into the statements as they are; times and client keys are parameters.
/// </summary>
internal static class PlayBatch
{
    // Seven values a row, at most two of them parameters: well under SQL Server's 2,100 parameters a command.
    private const int RowsPerInsert = 500;

    /// <summary>
    /// Records the batches of a group on SQLite inside the caller's transaction, in arrival order: each gets the outcome it
    /// would have had alone (no user; unknown songs, recording nothing; or its plays and duplicates, a play whose key an
    /// earlier batch of the group recorded being a duplicate too). SQLite runs one write transaction at a time, so nothing
    /// changes between the reads and the writes: no row locks needed.
    /// </summary>
    public static async Task<IReadOnlyList<PlayWriteOutcome>> ApplyAsync(MusicPlayerDbContext context, ChartWindowCounters windows,
        IReadOnlyList<PlayWrite> writes, CancellationToken cancellationToken)
    {
        var userIds = writes.Select(w => w.UserId).Distinct().ToList();
        var users = (await context.Users.Where(u => userIds.Contains(u.Id)).Select(u => u.Id).ToListAsync(cancellationToken)).ToHashSet();
        var songIds = writes.Where(w => users.Contains(w.UserId)).SelectMany(w => w.Plays.Select(p => p.SongId)).Distinct().ToArray();
        var durations = await context.Songs.Where(s => songIds.Contains(s.Id)).Select(s => new { s.Id, s.Duration })
            .ToDictionaryAsync(s => s.Id, s => s.Duration, cancellationToken);

        var outcomes = new List<PlayWriteOutcome>(writes.Count);
        var inserted = new List<InsertedPlay>();
        foreach (var write in writes)
        {
            if (!users.Contains(write.UserId))
            {
                outcomes.Add(new PlayWriteOutcome(false, PlayBatchResult.Unknown([])));
                continue;
            }
            var unknown = UnknownSongs(write.Plays, durations);
            if (unknown.Count > 0)
            {
                outcomes.Add(new PlayWriteOutcome(true, PlayBatchResult.Unknown(unknown)));
                continue;
            }
            var added = await InsertNewAsync(context, write.UserId, write.Plays, durations, cancellationToken);
            inserted.AddRange(added);
            outcomes.Add(new PlayWriteOutcome(true, new PlayBatchResult(added.Count, write.Plays.Count - added.Count, [])));
        }
        await CountAsync(context, windows, inserted, cancellationToken);
        return outcomes;
    }

    /// <summary>The batch's songs that are not in <paramref name="durations"/>, in id order.</summary>
    public static List<int> UnknownSongs(IEnumerable<NewPlay> plays, IReadOnlyDictionary<int, int?> durations) =>
        plays.Select(p => p.SongId).Distinct().Where(id => !durations.ContainsKey(id)).Order().ToList();

    /// <summary>
    /// Inserts the plays of one batch whose client key the user has not recorded yet (a key repeated within the batch is a
    /// duplicate like any other: the first one is the play); returns those inserted.
    /// </summary>
    public static async Task<List<InsertedPlay>> InsertNewAsync(MusicPlayerDbContext context, int userId, IReadOnlyList<NewPlay> plays,
        IReadOnlyDictionary<int, int?> durations, CancellationToken cancellationToken)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var inserted = new List<InsertedPlay>(plays.Count);
        foreach (var chunk in plays.Where(p => p.ClientPlayId is null || keys.Add(p.ClientPlayId)).Chunk(RowsPerInsert))
            inserted.AddRange(await InsertChunkAsync(context, userId, chunk, durations, cancellationToken));
        return inserted;
    }

    private static async Task<List<InsertedPlay>> InsertChunkAsync(MusicPlayerDbContext context, int userId, NewPlay[] plays,
        IReadOnlyDictionary<int, int?> durations, CancellationToken cancellationToken)
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
            inserted.Add(new InsertedPlay(userId, reader.GetInt32(0), reader.GetBoolean(1), reader.GetInt64(2), reader.GetInt32(3)));
        return inserted;
    }

    /// <summary>
    /// Adds inserted plays to everything derived from them: the users' hourly aggregate (counted plays, seconds of all
    /// plays), and for counted plays their songs' PlayCount, the songs' hourly aggregate and the chart windows. One
    /// statement per table, each key once, in key order.
    /// </summary>
    public static async Task CountAsync(MusicPlayerDbContext context, ChartWindowCounters windows, List<InsertedPlay> inserted,
        CancellationToken cancellationToken)
    {
        if (inserted.Count == 0) return;
        var userHours = inserted.GroupBy(p => (p.UserId, Hour: p.PlayedMinute / 60)).OrderBy(g => g.Key).Select(g => string.Create(
            CultureInfo.InvariantCulture, $"({g.Key.UserId}, {g.Key.Hour}, {g.Count(p => p.Counted)}, {g.Sum(p => (long)p.SecondsPlayed)})"));
        await context.UpsertAddAsync("UserPlayHours", ["UserId", "Hour"], ["Plays", "Seconds"], "VALUES " + string.Join(", ", userHours), cancellationToken);

        var counted = inserted.Where(p => p.Counted).ToList();
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
}
