using Microsoft.EntityFrameworkCore;

namespace MusicPlayer.Infrastructure.Persistence;

internal static class TransactionExtensions
{
    /// <summary>
    /// Runs <paramref name="work"/> in a transaction that commits when it returns, through the provider's
    /// execution strategy, so a retrying strategy (SQL Server) replays the whole transaction. Inside a
    /// transaction already open on the context (a user deletion), the work joins it: the outer transaction
    /// commits it, and its strategy replays it.
    /// </summary>
    public static Task<T> InTransactionAsync<T>(this DbContext context, Func<Task<T>> work, CancellationToken cancellationToken)
    {
        if (context.Database.CurrentTransaction is not null) return work();
        return context.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
            var result = await work();
            await transaction.CommitAsync(cancellationToken);
            return result;
        });
    }
}
