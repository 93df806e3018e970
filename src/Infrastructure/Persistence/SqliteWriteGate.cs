using Microsoft.EntityFrameworkCore;

namespace MusicPlayer.Infrastructure.Persistence;

/// <summary>
/// SQLite lets one transaction write at a time. Queueing the hot write path in the process (an
/// async wait) is far cheaper than letting many connections contend for the file lock and back off.
/// On server databases, which lock per row, the gate lets everything through.
/// </summary>
internal sealed class SqliteWriteGate
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private long _writes;

    /// <summary>How many writes have passed the gate (on SQLite): <see cref="SqliteCheckpointer"/> checkpoints when it moved.</summary>
    public long Writes => Interlocked.Read(ref _writes);

    public Task<T> RunAsync<T>(DbContext context, Func<Task<T>> write, CancellationToken cancellationToken) =>
        context.Database.IsSqlite() ? RunAsync(write, cancellationToken) : write();

    /// <summary>Runs <paramref name="write"/> once no other SQLite write runs in the process (for callers that write to SQLite only).</summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> write, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await write();
        }
        finally
        {
            Interlocked.Increment(ref _writes);
            _gate.Release();
        }
    }
}
