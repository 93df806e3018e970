using MusicPlayer.Domain.Users;

namespace MusicPlayer.Application.Common.Security;

/// <summary>
/// Counts password checks in the store, atomically and before the check: a burst of parallel guesses
/// reserves its attempts one by one, so no more than <see cref="LockoutPolicy.MaxFailedLogins"/> of them are
/// checked before the account locks, however many arrive at the same moment.
/// </summary>
public interface ILoginFailureStore
{
    /// <summary>
    /// Reserves one password check of the user's by <see cref="LockoutPolicy"/>, exactly as
    /// <see cref="User.TryReserveLoginAttempt"/> does, in one statement; false when the account is locked
    /// (nothing is counted then).
    /// </summary>
    Task<bool> TryReserveLoginAttemptAsync(int userId, DateTime now, CancellationToken cancellationToken);

    /// <summary>The password was right: clears the count, the lock and the progression, as <see cref="User.RecordSuccessfulLogin"/>.</summary>
    Task RecordSuccessfulLoginAsync(int userId, CancellationToken cancellationToken);
}
