using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace MusicPlayer.Bench.Seed;

/// <summary>
/// Inserts rows into one table through a single prepared INSERT whose parameters are reused,
/// committing every <see cref="BatchSize"/> rows. The table's secondary indexes are dropped
/// first and rebuilt from their original SQL at the end (one sort instead of a million random
/// B-tree inserts), so the schema ends exactly as the migrations made it.
/// </summary>
internal sealed class BulkTable : IDisposable
{
    private const int BatchSize = 50_000;

    private readonly SqliteConnection _connection;
    private readonly string _table;
    private readonly long _expected;
    private readonly SqliteCommand _insert;
    private readonly List<string> _indexSql = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private SqliteTransaction _transaction;
    private long _rows;
    private long _lastReport;

    public BulkTable(SqliteConnection connection, string table, long expected, params string[] columns)
    {
        (_connection, _table, _expected) = (connection, table, expected);

        using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = $table AND sql IS NOT NULL ORDER BY name";
            read.Parameters.AddWithValue("$table", table);
            var names = new List<string>();
            using (var reader = read.ExecuteReader())
                while (reader.Read()) { names.Add(reader.GetString(0)); _indexSql.Add(reader.GetString(1)); }
            foreach (var name in names) Execute($"DROP INDEX \"{name}\"");
        }

        _transaction = connection.BeginTransaction();
        _insert = connection.CreateCommand();
        _insert.Transaction = _transaction;
        _insert.CommandText =
            $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) " +
            $"VALUES ({string.Join(", ", columns.Select(c => "$" + c))})";
        Parameters = columns.Select(c => _insert.Parameters.Add(new SqliteParameter("$" + c, null))).ToArray();
        _insert.Prepare();
    }

    /// <summary>The INSERT's parameters, in column order: set their values, then call <see cref="Add"/>.</summary>
    public SqliteParameter[] Parameters { get; }

    public void Add()
    {
        _insert.ExecuteNonQuery();
        if (++_rows % BatchSize != 0) return;
        _transaction.Commit();
        _transaction.Dispose();
        _transaction = _connection.BeginTransaction();
        _insert.Transaction = _transaction;
        if (_rows < _expected && _clock.ElapsedMilliseconds - _lastReport >= 1000)
        {
            _lastReport = _clock.ElapsedMilliseconds;
            Report("");
        }
    }

    /// <summary>Commits the rest, rebuilds the indexes and prints the table's figures.</summary>
    public void Complete()
    {
        _transaction.Commit();
        var inserted = _clock.Elapsed;
        foreach (var sql in _indexSql) Execute(sql);
        var indexed = _clock.Elapsed - inserted;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {_table,-11} {_rows,12:N0} rows in {Fmt(_clock.Elapsed.TotalSeconds)} s: insert {Fmt(inserted.TotalSeconds)} s " +
            $"({_rows / Math.Max(inserted.TotalSeconds, 1e-9):N0} rows/s), {_indexSql.Count} index(es) {Fmt(indexed.TotalSeconds)} s"));
    }

    public void Dispose()
    {
        _insert.Dispose();
        _transaction.Dispose();
    }

    private void Report(string suffix)
    {
        var seconds = Math.Max(_clock.Elapsed.TotalSeconds, 1e-9);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {_table,-11} {_rows,12:N0} / {_expected:N0}  {_rows / seconds,10:N0} rows/s{suffix}"));
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string Fmt(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
