using MusicPlayer.Application.Common.Security;
using MusicPlayer.Domain.Users;

namespace MusicPlayer.Application.UnitTests.Fakes;

/// <summary>Counts password checks on the users of an in-memory repository, by the domain's rule.</summary>
public sealed class InMemoryLoginFailureStore(InMemoryRepository<User> users) : ILoginFailureStore
{
    public Task<bool> TryReserveLoginAttemptAsync(int userId, DateTime now, CancellationToken cancellationToken) =>
        Task.FromResult(users.Items.Single(u => u.Id == userId).TryReserveLoginAttempt(now));

    public Task RecordSuccessfulLoginAsync(int userId, CancellationToken cancellationToken)
    {
        users.Items.Single(u => u.Id == userId).RecordSuccessfulLogin();
        return Task.CompletedTask;
    }
}
