namespace MusicPlayer.Application.Common.Security;

/// <summary>
/// Hashes and checks passwords (bcrypt in production). Hashing is deliberately expensive, so the service
/// runs only a bounded number at a time: when too many wait, these throw
/// <see cref="Errors.TooBusyException"/> rather than pile up.
/// </summary>
public interface IPasswordHasher
{
    Task<string> HashAsync(string password, CancellationToken cancellationToken);

    Task<PasswordCheck> VerifyAsync(string hash, string password, CancellationToken cancellationToken);
}

public enum PasswordCheck
{
    Failed,
    Success,

    /// <summary>Correct, but the hash uses weaker parameters than today's; store a fresh one.</summary>
    SuccessRehashNeeded,
}

/// <summary>
/// A check that costs what checking a real password costs, for the answers that must not reveal
/// whether an account exists or is locked.
/// </summary>
public static class DecoyPassword
{
    private static string? _hash;

    /// <summary>Checks <paramref name="password"/> against a real hash of a random password, and throws the result away.</summary>
    public static async Task CheckAsync(this IPasswordHasher hasher, string password, CancellationToken cancellationToken) =>
        await hasher.VerifyAsync(_hash ??= await hasher.HashAsync(RefreshSecrets.New(), cancellationToken), password, cancellationToken);
}
