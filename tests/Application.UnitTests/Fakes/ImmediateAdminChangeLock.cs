using MusicPlayer.Application.Features.Users;

namespace MusicPlayer.Application.UnitTests.Fakes;

/// <summary>Runs the change at once: in memory nothing runs concurrently.</summary>
public sealed class ImmediateAdminChangeLock : IAdminChangeLock
{
    public Task<T> RunAsync<T>(int userId, Func<Task<T>> change, CancellationToken cancellationToken) => change();
}
