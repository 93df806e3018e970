using System.Globalization;
using Microsoft.Data.Sqlite;

namespace MusicPlayer.Infrastructure.Persistence;

/// <summary>
/// Applies groups of likes and unlikes on SQLite, each group in one transaction, with a few set-based statements whatever
/// the group's size: which users, songs and like rows exist (three reads), then the deletes, the inserts and one UPDATE
/// of the counters (see <see cref="LikeBatchPlan"/>). The statements' text never changes (the group comes in as JSON
/// parameters, which SQLite's json_each reads), so they are compiled once, on a connection of the committer's own that
/// stays open: compiling new SQL text for every group took about a third of a small group's CPU. A missing user or song
/// is one write's outcome, not the group's failure. SQLite's write transactions are serialised (BEGIN IMMEDIATE to
/// commit), so nothing changes between the reads and the writes. Not thread-safe: <see cref="LikeCommitter"/>'s single
/// loop is its only caller, inside the write gate.
/// </summary>
internal sealed class LikeBatch : IDisposable
{
    // The like rows of a JSON array of [user, song] pairs: a join from json_each, which searches the primary key once a pair.
    // (The ->> operator needs SQLite 3.38 or later; the e_sqlite3 the driver bundles is newer.)
    private const string LikedPairs = @"json_each($pairs) AS p JOIN ""UserLikes"" AS l ON l.""UserId"" = p.value ->> 0 AND l.""SongId"" = p.value ->> 1";

    // The text SQLite stores a DateTime parameter as (Microsoft.Data.Sqlite's format, which EF Core reads back).
    private const string StoredTime = @"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF";

    private readonly SqliteConnection _connection;
    private readonly Statement _users;
    private readonly Statement _songs;
    private readonly Statement _liked;
    private readonly Statement _delete;
    private readonly Statement _insert;
    private readonly Statement _count;

    public LikeBatch(string connectionString)
    {
        _connection = new SqliteConnection(connectionString);
        _connection.Open();
        try
        {
            using (var settings = _connection.CreateCommand())
            {
                settings.CommandText = SqlitePragmas.PerConnection + " PRAGMA foreign_keys=1;";
                settings.ExecuteNonQuery();
            }
            _users = new Statement(_connection, @"SELECT ""Id"" FROM ""Users"" WHERE ""Id"" IN (SELECT value FROM json_each($ids))", "$ids");
            _songs = new Statement(_connection, @"SELECT ""Id"" FROM ""Songs"" WHERE ""Id"" IN (SELECT value FROM json_each($ids))", "$ids");
            _liked = new Statement(_connection, $@"SELECT l.""UserId"", l.""SongId"" FROM {LikedPairs}", "$pairs");
            _delete = new Statement(_connection, $@"DELETE FROM ""UserLikes"" WHERE rowid IN (SELECT l.rowid FROM {LikedPairs})", "$pairs");
            _insert = new Statement(_connection,
                @"INSERT INTO ""UserLikes"" (""UserId"", ""SongId"", ""LikedAt"") SELECT value ->> 0, value ->> 1, value ->> 2 FROM json_each($rows)",
                "$rows");
            _count = new Statement(_connection,
                @"UPDATE ""Songs"" SET ""LikeCount"" = ""LikeCount"" + (d.value ->> 1) FROM json_each($deltas) AS d WHERE ""Songs"".""Id"" = d.value ->> 0",
                "$deltas");
        }
        catch
        {
            _connection.Dispose();
            throw;
        }
    }

    /// <summary>Applies the writes, in arrival order, in one transaction; returns each write's outcome once it committed.</summary>
    public IReadOnlyList<LikeWriteOutcome> Apply(IReadOnlyList<LikeWrite> writes)
    {
        using var transaction = _connection.BeginTransaction(deferred: false);
        var users = _users.ReadIds(transaction, Json(writes.Select(w => w.UserId).Distinct()));
        var songs = _songs.ReadIds(transaction, Json(writes.Select(w => w.SongId).Distinct()));
        var pairs = writes.Where(w => users.Contains(w.UserId) && songs.Contains(w.SongId)).Select(w => (w.UserId, w.SongId)).Distinct().ToList();
        var liked = pairs.Count == 0 ? [] : _liked.ReadPairs(transaction, Json(pairs));
        var plan = LikeBatchPlan.Resolve(writes, users, songs, liked);

        if (plan.Deletes.Count > 0)
            _delete.Execute(transaction, Json(plan.Deletes));
        if (plan.Inserts.Count > 0)
            _insert.Execute(transaction, Json(plan.Inserts.Select(r => Invariant($"[{r.UserId},{r.SongId},\"{r.At.ToString(StoredTime, CultureInfo.InvariantCulture)}\"]"))));
        if (plan.CounterDeltas.Count > 0)
            _count.Execute(transaction, Json(plan.CounterDeltas.Select(d => Invariant($"[{d.SongId},{d.Delta}]"))));
        transaction.Commit();
        return plan.Outcomes;
    }

    private static string Json(IEnumerable<int> values) => Json(values.Select(v => v.ToString(CultureInfo.InvariantCulture)));

    private static string Json(IEnumerable<(int UserId, int SongId)> pairs) => Json(pairs.Select(p => Invariant($"[{p.UserId},{p.SongId}]")));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Json(IEnumerable<string> elements) => $"[{string.Join(',', elements)}]";

    public void Dispose()
    {
        foreach (var statement in new[] { _users, _songs, _liked, _delete, _insert, _count }) statement.Dispose();
        _connection.Dispose();
    }

    /// <summary>One statement, compiled on its first run and kept, with its one parameter.</summary>
    private sealed class Statement : IDisposable
    {
        private readonly SqliteCommand _command;
        private readonly SqliteParameter _parameter;

        public Statement(SqliteConnection connection, string sql, string parameter)
        {
            _command = connection.CreateCommand();
            _command.CommandText = sql;
            _parameter = _command.Parameters.Add(new SqliteParameter { ParameterName = parameter });
        }

        public int Execute(SqliteTransaction transaction, string json) => Bind(transaction, json).ExecuteNonQuery();

        public HashSet<int> ReadIds(SqliteTransaction transaction, string json)
        {
            var found = new HashSet<int>();
            using var reader = Bind(transaction, json).ExecuteReader();
            while (reader.Read()) found.Add(reader.GetInt32(0));
            return found;
        }

        public HashSet<(int UserId, int SongId)> ReadPairs(SqliteTransaction transaction, string json)
        {
            var found = new HashSet<(int, int)>();
            using var reader = Bind(transaction, json).ExecuteReader();
            while (reader.Read()) found.Add((reader.GetInt32(0), reader.GetInt32(1)));
            return found;
        }

        private SqliteCommand Bind(SqliteTransaction transaction, string json)
        {
            _command.Transaction = transaction;
            _parameter.Value = json;
            return _command;
        }

        public void Dispose() => _command.Dispose();
    }
}
