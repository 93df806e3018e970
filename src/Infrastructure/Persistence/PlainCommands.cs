using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace MusicPlayer.Infrastructure.Persistence;

/// <summary>One hand-written statement on a context's connection (in its transaction, if one is open), without EF Core's query pipeline.</summary>
internal static class PlainCommands
{
    /// <summary>Runs <paramref name="sql"/> with the parameters <paramref name="bind"/> sets and hands its rows to <paramref name="read"/>.</summary>
    public static async Task<T> ReadAsync<T>(this DatabaseFacade database, string sql, Action<DbCommand> bind,
        Func<DbDataReader, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        await database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = database.GetDbConnection().CreateCommand();
            command.CommandText = sql;
            command.Transaction = database.CurrentTransaction?.GetDbTransaction();
            bind(command);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await read(reader, cancellationToken);
        }
        finally
        {
            await database.CloseConnectionAsync();
        }
    }
}
