using MusicPlayer.Application.Common.Persistence;
using MusicPlayer.Domain.Users;
using MusicPlayer.Infrastructure.Security;

namespace MusicPlayer.Infrastructure.Persistence;

/// <summary>
/// <see cref="ITransactions"/> on the request's context. Every user the transaction touched is evicted from the
/// session cache again after the commit: the eviction on save happens before the commit, and a request in
/// between would have cached what the database still said.
/// </summary>
internal sealed class Transactions(MusicPlayerDbContext context, UserSessionCache sessions) : ITransactions
{
    public async Task RunAsync(Func<Task> work, CancellationToken cancellationToken)
    {
        await context.InTransactionAsync(async () =>
        {
            await work();
            return true;
        }, cancellationToken);
        foreach (var user in context.ChangeTracker.Entries<User>()) sessions.Evict(user.Entity.Id);
    }
}
