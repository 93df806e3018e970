using MusicPlayer.Domain.Common;

namespace MusicPlayer.Domain.Users;

/// <summary>
/// A person with an account: profile, role, password hash and the sign-in state
/// (lockout after repeated failures, and a session version that ends every session when bumped).
/// </summary>
public sealed class User : Entity
{
    public const int UsernameMinLength = 3;
    public const int UsernameMaxLength = 50;
    public const int EmailMaxLength = 254;
    public const int NameMaxLength = 50;

    private User() { }

    public string Username { get; private set; } = "";
    public string NormalizedUsername { get; private set; } = "";
    public string Email { get; private set; } = "";
    public string NormalizedEmail { get; private set; } = "";
    public string FirstName { get; private set; } = "";
    public string? LastName { get; private set; }
    public string Role { get; private set; } = "";

    /// <summary>bcrypt hash of the password (older ones: PBKDF2); never leaves the database.</summary>
    public string PasswordHash { get; private set; } = "";

    /// <summary>Bumped when every existing session must end (password change); access tokens carry it.</summary>
    public int SessionVersion { get; private set; } = 1;

    /// <summary>Password checks in a row that were not (yet) found right; see <see cref="LockoutPolicy"/>.</summary>
    public int FailedLoginCount { get; private set; }

    /// <summary>Until when password checks are refused; kept after it passes, to tell whether the next lockout follows on.</summary>
    public DateTime? LockedUntil { get; private set; }

    /// <summary>Lockouts in a row: the step of the last one, which makes the next one longer (<see cref="LockoutPolicy"/>).</summary>
    public int LockoutCount { get; private set; }

    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }

    public static User Create(string? username, string? email, string? firstName, string? lastName,
        string role, string passwordHash, DateTime now)
    {
        var user = new User { Role = role, PasswordHash = passwordHash, CreatedAt = now };
        user.SetProfile(username, email, firstName, lastName, now);
        return user;
    }

    /// <summary>The case-folded form under which usernames and emails are unique and looked up.</summary>
    public static string Normalize(string value) => Text.Normalize(value);

    /// <summary>Checks every field first and only then changes any.</summary>
    public void SetProfile(string? username, string? email, string? firstName, string? lastName, DateTime now)
    {
        var newUsername = Text.Required(username, "username", UsernameMaxLength);
        var newEmail = Text.Required(email, "email", EmailMaxLength);
        var newFirstName = Text.Required(firstName, "firstName", NameMaxLength);
        var newLastName = Text.Optional(lastName, "lastName", NameMaxLength);
        (Username, Email, FirstName, LastName) = (newUsername, newEmail, newFirstName, newLastName);
        NormalizedUsername = Normalize(Username);
        NormalizedEmail = Normalize(Email);
        UpdatedAt = now;
    }

    public void SetRole(string role, DateTime now)
    {
        Role = role;
        UpdatedAt = now;
    }

    /// <summary>Stores a new password hash and ends every existing session.</summary>
    public void ChangePassword(string passwordHash, DateTime now)
    {
        PasswordHash = passwordHash;
        SessionVersion++;
        UpdatedAt = now;
    }

    /// <summary>Replaces the hash with a stronger one of the same password; sessions stay.</summary>
    public void UpgradePasswordHash(string passwordHash) => PasswordHash = passwordHash;

    public bool IsLockedOut(DateTime now) => LockedUntil > now;

    /// <summary>
    /// Reserves one password check before it is made, counted as a failure until <see cref="RecordSuccessfulLogin"/>
    /// clears it: false while the account is locked. The <see cref="LockoutPolicy.MaxFailedLogins"/>th in a row
    /// locks the account for the duration of the next step of <see cref="LockoutPolicy"/> and starts the count again.
    /// </summary>
    public bool TryReserveLoginAttempt(DateTime now)
    {
        if (IsLockedOut(now)) return false;
        if (++FailedLoginCount < LockoutPolicy.MaxFailedLogins) return true;
        var step = LockoutPolicy.NextStep(LockoutCount, LockedUntil, now);
        FailedLoginCount = 0;
        LockoutCount = step;
        LockedUntil = now + LockoutPolicy.DurationOf(step);
        return true;
    }

    /// <summary>The password was right: the failures, the lock and the progression of lockouts are forgotten.</summary>
    public void RecordSuccessfulLogin()
    {
        FailedLoginCount = 0;
        LockedUntil = null;
        LockoutCount = 0;
    }
}
