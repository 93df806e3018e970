namespace MusicPlayer.Domain.Users;

/// <summary>
/// When wrong passwords lock an account, and for how long: the one statement of the rule.
/// <see cref="User.TryReserveLoginAttempt"/> applies it to an entity; the login failure store applies
/// the same values in one atomic UPDATE (a test keeps the two in step).
/// <para>
/// Every password check (a login, or the current password of a password change) is counted as a
/// failure <em>before</em> the password is checked, and the count is cleared when it turns out right;
/// so parallel guesses cannot get more checks than <see cref="MaxFailedLogins"/> before the lock.
/// The <see cref="MaxFailedLogins"/>th attempt in a row locks the account. Lockouts are progressive:
/// the first lasts <see cref="Durations"/>[0], each further one in a row the next duration, up to the
/// last, which is the cap. The progression is forgotten after a correct password, and after
/// <see cref="ForgetAfter"/> without a lockout, so an owner is not punished for old attacks.
/// </para>
/// </summary>
public static class LockoutPolicy
{
    /// <summary>Wrong passwords in a row that lock the account; the count then starts again.</summary>
    public const int MaxFailedLogins = 5;

    /// <summary>How long the 1st, 2nd, 3rd, 4th and every later lockout in a row lasts, from the attempt that caused it.</summary>
    public static readonly IReadOnlyList<TimeSpan> Durations =
        [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(60)];

    /// <summary>A lockout that ended longer ago than this no longer makes the next one longer.</summary>
    public static readonly TimeSpan ForgetAfter = TimeSpan.FromHours(24);

    /// <summary>
    /// The step (1 = first) of a lockout that starts at <paramref name="now"/>, after <paramref name="lockouts"/>
    /// lockouts in a row of which the last ended at <paramref name="lastLockedUntil"/>.
    /// </summary>
    public static int NextStep(int lockouts, DateTime? lastLockedUntil, DateTime now) =>
        lastLockedUntil > now - ForgetAfter ? Math.Min(lockouts + 1, Durations.Count) : 1;

    /// <summary>How long the lockout of <paramref name="step"/> (1 = first) lasts.</summary>
    public static TimeSpan DurationOf(int step) => Durations[Math.Clamp(step, 1, Durations.Count) - 1];
}
