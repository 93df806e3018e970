using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace MusicPlayer.Infrastructure.Persistence;

/// <summary>
/// Open SQLite connections kept for the hot read paths (<see cref="SqlCatalogReads"/>), each with its commands
/// prepared once. Opening a connection per request through EF Core, as every other read does, costs more than the
/// indexed reads themselves: the pool hand-over, the registration of EF Core's SQL functions at every open and
/// close, and SQLite compiling each statement anew (Microsoft.Data.Sqlite keeps a command's statements only while
/// the command and its connection live; docs/performance.md has the profile). A kept connection holds no lock
/// between reads: each statement is reset when its reader is disposed, so in WAL mode every read sees the last
/// commit, exactly as a fresh connection would.
/// </summary>
internal sealed class SqliteReadConnections(string connectionString) : IDisposable
{
    /// <summary>How many idle connections are kept; more are opened under a burst and closed when returned.</summary>
    public static readonly int MaxIdle = Math.Max(4, Environment.ProcessorCount * 2);

    /// <summary>
    /// Reads through a memory map of the database file rather than read() calls copying each page into the
    /// connection's own small page cache: random songs of a large catalog miss that cache on almost every read.
    /// Up to 256 MiB of the file; pages beyond are read as before.
    /// </summary>
    private const string ReadPragmas = " PRAGMA mmap_size=268435456;";

    private readonly ConcurrentBag<Lease> _idle = [];
    private int _idleCount;
    private bool _disposed;

    /// <summary>An open connection for one read; dispose it to give it back (or <see cref="Lease.Discard"/> it after a failure).</summary>
    public Lease Rent()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_idle.TryTake(out var lease))
        {
            Interlocked.Decrement(ref _idleCount);
            return lease;
        }

        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            using var pragmas = connection.CreateCommand();
            pragmas.CommandText = SqlitePragmas.PerConnection + ReadPragmas;
            pragmas.ExecuteNonQuery();
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        return new Lease(this, connection);
    }

    private void Return(Lease lease)
    {
        if (!_disposed && Interlocked.Increment(ref _idleCount) <= MaxIdle)
        {
            _idle.Add(lease);
            // Disposed meanwhile: whatever is idle now is closed here or by Dispose, never kept.
            if (_disposed) CloseIdle();
            return;
        }

        Interlocked.Decrement(ref _idleCount);
        lease.Close();
    }

    public void Dispose()
    {
        _disposed = true;
        CloseIdle();
    }

    private void CloseIdle()
    {
        while (_idle.TryTake(out var lease))
        {
            Interlocked.Decrement(ref _idleCount);
            lease.Close();
        }
    }

    internal sealed class Lease(SqliteReadConnections owner, SqliteConnection connection) : IDisposable
    {
        private readonly Dictionary<string, SqliteCommand> _commands = [];
        private bool _broken;

        /// <summary>The command for <paramref name="sql"/>, prepared on this connection at its first use and kept with it.</summary>
        public SqliteCommand Command(string sql)
        {
            if (!_commands.TryGetValue(sql, out var command))
            {
                command = connection.CreateCommand();
                command.CommandText = sql;
                _commands.Add(sql, command);
            }

            return command;
        }

        /// <summary>The read failed: the connection is closed rather than given back.</summary>
        public void Discard() => _broken = true;

        public void Dispose()
        {
            if (_broken) Close();
            else owner.Return(this);
        }

        internal void Close()
        {
            foreach (var command in _commands.Values) command.Dispose();
            _commands.Clear();
            connection.Dispose();
        }
    }
}
