using Microsoft.EntityFrameworkCore;

namespace MusicPlayer.Infrastructure.Persistence;

internal static class TransactionExtensions
{
    /// <summary>
    /// Runs <paramref name="work"/> in a transaction that commits when it returns, through the provider's
    /// execution strategy, so a retrying strategy (SQL Server) replays the whole transaction.
    /// </summary>
    public static Task<T> InTransactionAsync<T>(this DbContext context, Func<Task<T>> work, CancellationToken cancellationToken) =>
        context.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
            var result = await work();
            await transaction.CommitAsync(cancellationToken);
            return result;
        });
}
