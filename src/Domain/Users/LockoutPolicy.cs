namespace MusicPlayer.Domain.Users;

/// <summary>
/// When wrong passwords lock an account, and for how long: the one statement of the rule.
/// <see cref="User.RecordFailedLogin"/> applies it to an entity; the login failure store applies
/// the same values in one atomic UPDATE (a test keeps the two in step).
/// </summary>
public static class LockoutPolicy
{
    /// <summary>Wrong passwords in a row that lock the account; the count then starts again.</summary>
    public const int MaxFailedLogins = 5;

    /// <summary>How long a lockout lasts, from the failure that caused it.</summary>
    public static readonly TimeSpan Duration = TimeSpan.FromMinutes(5);
}
