using Microsoft.Data.Sqlite;
using Npgsql;

namespace MusicPlayer.Api.IntegrationTests.Support;

/// <summary>
/// One throwaway database for one app or test: a temporary SQLite file by default, or a fresh
/// database on the PostgreSQL server named by the environment (as .ci/run does):
/// <c>MUSICPLAYER_TEST_DATABASE=PostgreSql</c> and <c>MUSICPLAYER_TEST_CONNECTION=Host=...;Port=...;Username=...</c>.
/// Disposing it deletes the file or drops the database.
/// </summary>
public sealed class TestDatabase : IDisposable
{
    public const string Sqlite = "Sqlite";
    public const string PostgreSql = "PostgreSql";

    /// <summary>The provider the HTTP tests run on in this process.</summary>
    public static string Provider { get; } = Environment.GetEnvironmentVariable("MUSICPLAYER_TEST_DATABASE") switch
    {
        null or "" => Sqlite,
        var p when p.Equals(Sqlite, StringComparison.OrdinalIgnoreCase) => Sqlite,
        var p when p.Equals(PostgreSql, StringComparison.OrdinalIgnoreCase) => PostgreSql,
        var p => throw new InvalidOperationException($"MUSICPLAYER_TEST_DATABASE={p}: the HTTP tests know Sqlite and PostgreSql."),
    };

    private static string ServerConnection =>
        Environment.GetEnvironmentVariable("MUSICPLAYER_TEST_CONNECTION") is { Length: > 0 } connection
            ? connection
            : throw new InvalidOperationException("MUSICPLAYER_TEST_DATABASE=PostgreSql needs MUSICPLAYER_TEST_CONNECTION (Host=...;Username=...).");

    private bool _disposed;

    public TestDatabase(string provider)
    {
        ProviderName = provider;
        var name = $"musicplayer_test_{Guid.NewGuid():N}";
        if (provider == PostgreSql)
        {
            Name = name;
            ConnectionString = new NpgsqlConnectionStringBuilder(ServerConnection) { Database = name }.ConnectionString;
        }
        else
        {
            Name = Path.Combine(Path.GetTempPath(), name + ".db");
            ConnectionString = $"Data Source={Name}";
        }
    }

    /// <summary>A database on the provider of this test run.</summary>
    public TestDatabase() : this(Provider)
    {
    }

    /// <summary><c>Sqlite</c> or <c>PostgreSql</c>, as <c>Database:Provider</c> spells it.</summary>
    public string ProviderName { get; }

    public bool IsSqlite => ProviderName == Sqlite;

    /// <summary>The SQLite file path, or the PostgreSQL database name.</summary>
    public string Name { get; }

    public string ConnectionString { get; }

    /// <summary>Makes the database unreachable for the app: the file becomes a directory, or the database is dropped.</summary>
    public void Break()
    {
        Drop();
        if (IsSqlite) Directory.CreateDirectory(Name);
    }

    /// <summary>
    /// Makes the database briefly unavailable until the result is disposed, the way it fails in
    /// production: on SQLite another connection holds the write lock (writes time out busy); on
    /// PostgreSQL the server is stopped at once (<c>pg_ctl stop -m immediate</c>) and started again.
    /// PostgreSQL needs <c>MUSICPLAYER_TEST_PG_CTL</c>, the pg_ctl command line of the test server
    /// (with -D; .ci/run sets it), and callers must not run beside other tests of the server.
    /// </summary>
    public async Task<IAsyncDisposable> BeginOutageAsync()
    {
        if (IsSqlite)
        {
            var holder = new SqliteConnection(ConnectionString + ";Pooling=False");
            await holder.OpenAsync();
            var transaction = (SqliteTransaction)await holder.BeginTransactionAsync(System.Data.IsolationLevel.Serializable);
            await using (var write = holder.CreateCommand())
            {
                // Holding the write lock: every other writer finds the database busy.
                write.Transaction = transaction;
                write.CommandText = "CREATE TABLE outage_lock (id INTEGER)";
                await write.ExecuteNonQueryAsync();
            }
            return new Outage(async () =>
            {
                await transaction.RollbackAsync();
                await holder.DisposeAsync();
            });
        }

        var pgCtl = Environment.GetEnvironmentVariable("MUSICPLAYER_TEST_PG_CTL") is { Length: > 0 } command
            ? command
            : throw new InvalidOperationException("A PostgreSQL outage needs MUSICPLAYER_TEST_PG_CTL, the pg_ctl command line of the test server (see .ci/run).");
        await RunAsync($"{pgCtl} stop -m immediate");
        return new Outage(() => RunAsync($"{pgCtl} start -w"));
    }

    private static async Task RunAsync(string commandLine)
    {
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("/bin/sh", ["-c", commandLine])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"'{commandLine}' failed ({process.ExitCode}): {output}");
    }

    private sealed class Outage(Func<Task> end) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await end();
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        Drop();
    }

    private void Drop()
    {
        if (IsSqlite)
        {
            SqliteConnection.ClearPool(new SqliteConnection(ConnectionString));
            foreach (var suffix in new[] { "", "-journal", "-wal", "-shm" })
            {
                var path = Name + suffix;
                if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
                else if (File.Exists(path)) File.Delete(path);
            }

            return;
        }

        NpgsqlConnection.ClearPool(new NpgsqlConnection(ConnectionString));
        using var server = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ServerConnection) { Database = "postgres", Pooling = false }.ConnectionString);
        server.Open();
        using var command = server.CreateCommand();
        command.CommandText = $"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)";
        command.ExecuteNonQuery();
    }
}
