using MusicPlayer.Application.Common.Security;

namespace MusicPlayer.Application.UnitTests.Fakes;

/// <summary>
/// A deterministic hasher: today's hash of a password is "hashed:" + the password. A hash made by
/// <see cref="LegacyHash"/> verifies too but asks for a rehash, like a PBKDF2 hash with too few iterations.
/// </summary>
public sealed class FakePasswordHasher : IPasswordHasher
{
    private const string Current = "hashed:";
    private const string Legacy = "legacy:";

    public static string HashOf(string password) => Current + password;

    public static string LegacyHash(string password) => Legacy + password;

    public string Hash(string password) => HashOf(password);

    public PasswordCheck Verify(string hash, string password) =>
        hash == HashOf(password) ? PasswordCheck.Success
        : hash == LegacyHash(password) ? PasswordCheck.SuccessRehashNeeded
        : PasswordCheck.Failed;
}
