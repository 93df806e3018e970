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

    public async Task<T> RunAsync<T>(DbContext context, Func<Task<T>> write, CancellationToken cancellationToken)
    {
        if (!context.Database.IsSqlite()) return await write();
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
