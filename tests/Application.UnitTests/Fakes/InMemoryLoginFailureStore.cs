using MusicPlayer.Application.Common.Security;
using MusicPlayer.Domain.Users;

namespace MusicPlayer.Application.UnitTests.Fakes;

/// <summary>Counts failed logins on the users of an in-memory repository, by the domain's rule.</summary>
public sealed class InMemoryLoginFailureStore(InMemoryRepository<User> users) : ILoginFailureStore
{
    public Task RecordFailedLoginAsync(int userId, DateTime now, CancellationToken cancellationToken)
    {
        users.Items.Single(u => u.Id == userId).RecordFailedLogin(now);
        return Task.CompletedTask;
    }
}
