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
            _gate.Release();
        }
    }
}
