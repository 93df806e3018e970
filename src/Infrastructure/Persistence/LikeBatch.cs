using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace MusicPlayer.Infrastructure.Persistence;

/// <summary>
/// Applies a batch of likes and unlikes on SQLite inside the caller's transaction, with a few set-based
/// statements whatever the batch's size: which users, songs and like rows exist (three reads), then the
/// deletes, the inserts and one UPDATE of the counters (see <see cref="LikeBatchPlan"/>). A missing user or
/// song is one write's outcome, not the batch's failure.
/// SQLite's transactions are serialised (the write transaction holds the database's write lock from its
/// BEGIN IMMEDIATE to its commit), so nothing changes between the reads and the writes: no row locks needed.
/// Ids are integers and go into the statements as they are; the times are parameters.
/// </summary>
internal static class LikeBatch
{
    public static async Task<IReadOnlyList<LikeWriteOutcome>> ApplyAsync(MusicPlayerDbContext context, IReadOnlyList<LikeWrite> writes,
        CancellationToken cancellationToken)
    {
        var transaction = context.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("A like batch runs inside a transaction.");
        var connection = context.Database.GetDbConnection();

        var users = await ReadIdsAsync("Users", writes.Select(w => w.UserId));
        var songs = await ReadIdsAsync("Songs", writes.Select(w => w.SongId));
        var pairs = writes.Where(w => users.Contains(w.UserId) && songs.Contains(w.SongId))
            .Select(w => (w.UserId, w.SongId)).Distinct().ToList();
        var liked = await ReadLikedAsync(pairs);
        var plan = LikeBatchPlan.Resolve(writes, users, songs, liked);

        if (plan.Deletes.Count > 0)
            await ExecuteAsync($@"DELETE FROM ""UserLikes"" WHERE rowid IN ({Matching(plan.Deletes, "l.rowid")})", []);
        if (plan.Inserts.Count > 0)
        {
            var rows = string.Join(", ", plan.Inserts.Select((r, i) => Invariant($"({r.UserId}, {r.SongId}, @t{i})")));
            await ExecuteAsync($@"INSERT INTO ""UserLikes"" (""UserId"", ""SongId"", ""LikedAt"") VALUES {rows}",
                plan.Inserts.Select(r => (object)r.At).ToList());
        }
        if (plan.CounterDeltas.Count > 0)
        {
            var cases = string.Join(" ", plan.CounterDeltas.Select(d => Invariant($"WHEN {d.SongId} THEN {d.Delta}")));
            var ids = string.Join(", ", plan.CounterDeltas.Select(d => Invariant($"{d.SongId}")));
            await ExecuteAsync($@"UPDATE ""Songs"" SET ""LikeCount"" = ""LikeCount"" + CASE ""Id"" {cases} END WHERE ""Id"" IN ({ids})", []);
        }
        return plan.Outcomes;

        async Task<HashSet<int>> ReadIdsAsync(string table, IEnumerable<int> ids)
        {
            var found = new HashSet<int>();
            await using var command = Command($@"SELECT ""Id"" FROM ""{table}"" WHERE ""Id"" IN ({string.Join(", ", ids.Distinct().Select(Invariant))})", []);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) found.Add(reader.GetInt32(0));
            return found;
        }

        async Task<HashSet<(int UserId, int SongId)>> ReadLikedAsync(List<(int UserId, int SongId)> candidates)
        {
            var found = new HashSet<(int, int)>();
            if (candidates.Count == 0) return found;
            await using var command = Command(Matching(candidates, @"l.""UserId"", l.""SongId"""), []);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) found.Add((reader.GetInt32(0), reader.GetInt32(1)));
            return found;
        }

        async Task ExecuteAsync(string sql, IReadOnlyList<object> times)
        {
            await using var command = Command(sql, times);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        // Plain ADO.NET on the transaction's connection: each batch's statement is new text, which EF would
        // compile and cache as a query of its own; this runs it as it is.
        DbCommand Command(string sql, IReadOnlyList<object> times)
        {
            var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            for (var i = 0; i < times.Count; i++)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = Invariant($"@t{i}");
                parameter.Value = times[i];
                command.Parameters.Add(parameter);
            }
            return command;
        }
    }

    /// <summary>
    /// SELECTs <paramref name="columns"/> of the like rows of these pairs: a join from a VALUES list, which searches the
    /// primary key once a pair (a row-value <c>IN (VALUES …)</c> would scan the whole table).
    /// </summary>
    private static string Matching(IEnumerable<(int UserId, int SongId)> pairs, string columns)
    {
        var values = new StringBuilder();
        foreach (var (userId, songId) in pairs)
            values.Append(values.Length == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture, $"({userId}, {songId})");
        return $@"WITH p (""UserId"", ""SongId"") AS (VALUES {values})
                  SELECT {columns} FROM p JOIN ""UserLikes"" AS l ON l.""UserId"" = p.""UserId"" AND l.""SongId"" = p.""SongId""";
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
