namespace MusicPlayer.Application.Common.Security;

/// <summary>Hashes and checks passwords (bcrypt in production).</summary>
public interface IPasswordHasher
{
    string Hash(string password);

    PasswordCheck Verify(string hash, string password);
}

public enum PasswordCheck
{
    Failed,
    Success,

    /// <summary>Correct, but the hash uses weaker parameters than today's; store a fresh one.</summary>
    SuccessRehashNeeded,
}
