using MusicPlayer.Application.Common.Security;

namespace MusicPlayer.Application.UnitTests.Fakes;

/// <summary>
/// A deterministic hasher: today's hash of a password is "hashed:" + the password. A hash made by
/// <see cref="LegacyHash"/> verifies too but asks for a rehash, like a PBKDF2 hash with too few iterations.
/// Counts the checks it makes against each hash.
/// </summary>
public sealed class FakePasswordHasher : IPasswordHasher
{
    private const string Current = "hashed:";
    private const string Legacy = "legacy:";
    private readonly Dictionary<string, int> _checks = [];

    public static string HashOf(string password) => Current + password;

    public static string LegacyHash(string password) => Legacy + password;

    /// <summary>How many times a password was checked against <paramref name="hash"/>.</summary>
    public int ChecksAgainst(string hash) => _checks.GetValueOrDefault(hash);

    public Task<string> HashAsync(string password, CancellationToken cancellationToken) => Task.FromResult(HashOf(password));

    public Task<PasswordCheck> VerifyAsync(string hash, string password, CancellationToken cancellationToken)
    {
        _checks[hash] = ChecksAgainst(hash) + 1;
        return Task.FromResult(
            hash == HashOf(password) ? PasswordCheck.Success
            : hash == LegacyHash(password) ? PasswordCheck.SuccessRehashNeeded
            : PasswordCheck.Failed);
    }
}
