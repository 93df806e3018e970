using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MusicPlayer.Infrastructure.Persistence;

/// <summary>
/// SQLite settings for a server: write-ahead logging (readers never wait for the writer; set once,
/// it stays in the file) and, with it, synchronous=NORMAL (a commit no longer waits for fsync; a
/// power cut can lose the last commits but never corrupts the database), and a busy timeout.
/// synchronous and busy_timeout are per-connection settings, so they are applied whenever a connection opens.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    public static readonly SqlitePragmas Instance = new();

    // busy_timeout: a writer that finds the database locked waits in SQLite's own handler (1, 2, 5, 10 ms...)
    // instead of failing to the ADO.NET driver, whose retry loop sleeps 150 ms at a time.
    private const string PerConnection = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;";

    public const string Persistent = "PRAGMA journal_mode=WAL;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private static void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = PerConnection;
        command.ExecuteNonQuery();
    }
}
