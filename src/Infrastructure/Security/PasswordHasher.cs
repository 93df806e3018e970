using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using MusicPlayer.Application.Common.Security;
using MusicPlayer.Domain.Users;

namespace MusicPlayer.Infrastructure.Security;

/// <summary>
/// ASP.NET Core Identity's PBKDF2-HMAC-SHA512 hasher with the iteration count raised to the
/// OWASP 2023 figure. Hashes made with fewer iterations verify and are flagged for rehashing.
/// </summary>
internal sealed class PasswordHasher : IPasswordHasher
{
    public const int Iterations = 210_000;

    private readonly PasswordHasher<User> _inner =
        new(Options.Create(new PasswordHasherOptions { IterationCount = Iterations }));

    // Identity's hasher never looks at the user; it only needs a value of the type.
    private static readonly User Nobody = User.Create("nobody", "nobody@invalid", "nobody", null, Roles.User, "-", DateTime.UnixEpoch);

    public string Hash(string password) => _inner.HashPassword(Nobody, password);

    public PasswordCheck Verify(string hash, string password) =>
        _inner.VerifyHashedPassword(Nobody, hash, password) switch
        {
            PasswordVerificationResult.Success => PasswordCheck.Success,
            PasswordVerificationResult.SuccessRehashNeeded => PasswordCheck.SuccessRehashNeeded,
            _ => PasswordCheck.Failed,
        };
}
