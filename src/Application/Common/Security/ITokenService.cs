using MusicPlayer.Domain.Users;

namespace MusicPlayer.Application.Common.Security;

/// <summary>Mints signed access tokens and knows the token lifetimes.</summary>
public interface ITokenService
{
    /// <summary>An access token of <paramref name="user"/>'s current session and of the login <paramref name="loginId"/> (the refresh token family).</summary>
    AccessToken CreateAccessToken(User user, Guid loginId);

    TimeSpan RefreshTokenLifetime { get; }
}

public sealed record AccessToken(string Token, int ExpiresInSeconds);
