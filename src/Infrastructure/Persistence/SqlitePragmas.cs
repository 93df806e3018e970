using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MusicPlayer.Infrastructure.Persistence;

/// <summary>
/// SQLite settings for a server: write-ahead logging (readers never wait for the writer; set once,
/// it stays in the file) and, with it, synchronous=NORMAL (a commit no longer waits for fsync; a
/// power cut can lose the last commits but never corrupts the database). synchronous is a
/// per-connection setting, so it is applied whenever a connection opens.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    public static readonly SqlitePragmas Instance = new();

    private const string PerConnection = "PRAGMA synchronous=NORMAL;";

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
