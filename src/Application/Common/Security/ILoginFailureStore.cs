using MusicPlayer.Domain.Users;

namespace MusicPlayer.Application.Common.Security;

/// <summary>
/// Counts failed logins in the store, atomically: wrong passwords sent at the same moment are each
/// counted, so a burst of parallel guesses locks the account just as the same guesses one by one would.
/// </summary>
public interface ILoginFailureStore
{
    /// <summary>Counts one failure of the user's by <see cref="LockoutPolicy"/>, exactly as <see cref="User.RecordFailedLogin"/> does.</summary>
    Task RecordFailedLoginAsync(int userId, DateTime now, CancellationToken cancellationToken);
}
