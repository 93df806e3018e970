using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MusicPlayer.Infrastructure.Persistence;

/// <summary>
/// SQLite settings for a server: write-ahead logging (readers never wait for the writer; set once,
/// it stays in the file) and, with it, synchronous=NORMAL (a commit no longer waits for fsync; a
/// power cut can lose the last commits but never corrupts the database), and a busy timeout.
/// synchronous and busy_timeout belong to the native connection, which the driver pools and reuses
/// across opens: they are applied the first time each native connection is seen, not on every open. Checkpoints are
/// left to <see cref="SqliteCheckpointer"/>, off the request path.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    public static readonly SqlitePragmas Instance = new();

    // busy_timeout: a writer that finds the database locked waits in SQLite's own handler (1, 2, 5, 10 ms...)
    // instead of failing to the ADO.NET driver, whose retry loop sleeps 150 ms at a time.
    // wal_autocheckpoint: SQLite's own checkpoint, run by the commit that takes the WAL past it with the write gate held,
    // is only the backstop; SqliteCheckpointer checkpoints in the background long before (the default is 1,000 pages).
    internal static readonly string PerConnection =
        $"PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000; PRAGMA wal_autocheckpoint={AutoCheckpointPages};";

    /// <summary>The WAL's size in pages at which a commit checkpoints it itself.</summary>
    public const int AutoCheckpointPages = 20_000;

    public const string Persistent = "PRAGMA journal_mode=WAL;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private readonly ConditionalWeakTable<sqlite3, object> _configured = new();

    private void Apply(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle } && !_configured.TryAdd(handle, handle)) return;
        using var command = connection.CreateCommand();
        command.CommandText = PerConnection;
        command.ExecuteNonQuery();
    }
}
