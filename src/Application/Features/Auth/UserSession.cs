namespace MusicPlayer.Application.Features.Auth;

/// <summary>
/// What every authenticated request checks about its user: that they still exist, their session version and
/// current role, and which of their logins have recently ended (logout, refresh token reuse).
/// </summary>
public sealed record UserSession(string Role, int SessionVersion)
{
    private static readonly IReadOnlySet<Guid> None = new HashSet<Guid>();

    /// <summary>Logins ended recently enough that access tokens of theirs may still be unexpired.</summary>
    public IReadOnlySet<Guid> EndedLogins { get; init; } = None;
}
