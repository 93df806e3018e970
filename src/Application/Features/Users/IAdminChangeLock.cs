namespace MusicPlayer.Application.Features.Users;

/// <summary>
/// Runs the changes that could take away the last admin (a role change, a deletion) one at a time:
/// while one runs, no other can change or delete an admin, so "another admin exists", checked inside,
/// stays true until the change is saved. Without it, two admins demoting or deleting each other at
/// the same moment both see the other and leave none.
/// </summary>
public interface IAdminChangeLock
{
    /// <summary>
    /// Runs <paramref name="change"/> to user <paramref name="userId"/> (which loads, checks and saves) under the
    /// lock; all of it or nothing is kept, and what is kept applies to that user's next request.
    /// </summary>
    Task<T> RunAsync<T>(int userId, Func<Task<T>> change, CancellationToken cancellationToken);
}

public static class AdminChangeLockExtensions
{
    /// <summary><see cref="IAdminChangeLock.RunAsync{T}"/> for a change that answers nothing.</summary>
    public static Task RunAsync(this IAdminChangeLock adminLock, int userId, Func<Task> change, CancellationToken cancellationToken) =>
        adminLock.RunAsync(userId, async () =>
        {
            await change();
            return true;
        }, cancellationToken);
}
