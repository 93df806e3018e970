using MusicPlayer.Application.Common.Security;
using MusicPlayer.Domain.Users;

namespace MusicPlayer.Application.UnitTests.Fakes;

/// <summary>Access tokens that say whose they are: "access:user=7;role=user;session=1".</summary>
public sealed class FakeTokenService : ITokenService
{
    public const int ExpiresInSeconds = 900;
    public static readonly TimeSpan DefaultRefreshTokenLifetime = TimeSpan.FromDays(14);

    public static string TokenFor(int userId, string role, int sessionVersion) =>
        $"access:user={userId};role={role};session={sessionVersion}";

    public TimeSpan RefreshTokenLifetime { get; set; } = DefaultRefreshTokenLifetime;

    /// <summary>The login of the last access token created.</summary>
    public Guid? LastLoginId { get; private set; }

    public AccessToken CreateAccessToken(User user, Guid loginId)
    {
        LastLoginId = loginId;
        return new AccessToken(TokenFor(user.Id, user.Role, user.SessionVersion), ExpiresInSeconds);
    }
}
