using System.Globalization;
using BCrypt.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using MusicPlayer.Application.Common.Security;
using MusicPlayer.Domain.Users;

namespace MusicPlayer.Infrastructure.Security;

/// <summary>
/// bcrypt (BCrypt.Net-Next) in its enhanced form: the password is pre-hashed with SHA-384, so every
/// byte of a long password counts (plain bcrypt ignores everything after byte 72). The work factor
/// comes from <c>Passwords:BcryptWorkFactor</c>. Hashes written before bcrypt (ASP.NET Core Identity's
/// PBKDF2 format) and bcrypt hashes with a lower work factor still verify, and ask to be rehashed, so
/// the login upgrades them. The service reaches it only through <see cref="PasswordHashingGate"/>,
/// which bounds how many hashes run at once.
/// </summary>
public sealed class PasswordHasher
{
    public const string WorkFactorKey = "Passwords:BcryptWorkFactor";

    /// <summary>The production work factor: about 260 ms of one core per hash on our 2-core machines (README, Accounts).</summary>
    public const int DefaultWorkFactor = 12;

    /// <summary>The iteration count of the PBKDF2 hashes this service wrote before bcrypt.</summary>
    public const int LegacyPbkdf2Iterations = 210_000;

    private const HashType PreHash = HashType.SHA384;

    private readonly PasswordHasher<User> _legacy =
        new(Options.Create(new PasswordHasherOptions { IterationCount = LegacyPbkdf2Iterations }));

    // Identity's hasher never looks at the user; it only needs a value of the type.
    private static readonly User Nobody = User.Create("nobody", "nobody@invalid", "nobody", null, Roles.User, "-", DateTime.UnixEpoch);

    public PasswordHasher(int workFactor = DefaultWorkFactor)
    {
        // bcrypt's own limits; below 4 or above 31 the library refuses to hash.
        if (workFactor is < 4 or > 31)
            throw new InvalidOperationException($"{WorkFactorKey} must be between 4 and 31 (default {DefaultWorkFactor}); it is {workFactor}.");
        WorkFactor = workFactor;
    }

    public static PasswordHasher From(IConfiguration configuration) =>
        new(configuration.GetValue(WorkFactorKey, DefaultWorkFactor));

    public int WorkFactor { get; }

    public string Hash(string password) => BCrypt.Net.BCrypt.EnhancedHashPassword(password, PreHash, WorkFactor);

    public PasswordCheck Verify(string hash, string password)
    {
        if (TryReadBcryptWorkFactor(hash, out var workFactor))
        {
            bool matches;
            try
            {
                matches = BCrypt.Net.BCrypt.EnhancedVerify(password, hash, PreHash);
            }
            catch (Exception e) when (e is SaltParseException or BcryptAuthenticationException or ArgumentException or FormatException)
            {
                return PasswordCheck.Failed;
            }

            if (!matches) return PasswordCheck.Failed;
            return workFactor < WorkFactor ? PasswordCheck.SuccessRehashNeeded : PasswordCheck.Success;
        }

        // Not bcrypt: a PBKDF2 hash from before (any iteration count Identity understands), or garbage.
        try
        {
            return _legacy.VerifyHashedPassword(Nobody, hash, password) is PasswordVerificationResult.Failed
                ? PasswordCheck.Failed
                : PasswordCheck.SuccessRehashNeeded;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or IndexOutOfRangeException)
        {
            return PasswordCheck.Failed;
        }
    }

    /// <summary>The cost of a bcrypt hash (<c>$2a$12$...</c>, <c>$2b$</c>, <c>$2x$</c>, <c>$2y$</c>); false when it is no bcrypt hash.</summary>
    public static bool TryReadBcryptWorkFactor(string hash, out int workFactor)
    {
        workFactor = 0;
        return hash.Length == 60 && hash[0] == '$' && hash[1] == '2' && hash[2] is 'a' or 'b' or 'x' or 'y' && hash[3] == '$' && hash[6] == '$'
               && int.TryParse(hash.AsSpan(4, 2), NumberStyles.None, CultureInfo.InvariantCulture, out workFactor);
    }
}
