using MusicPlayer.Domain.Users;

namespace MusicPlayer.Application.Common.Security;

/// <summary>Mints signed access tokens and knows the token lifetimes.</summary>
public interface ITokenService
{
    AccessToken CreateAccessToken(User user);

    TimeSpan RefreshTokenLifetime { get; }
}

public sealed record AccessToken(string Token, int ExpiresInSeconds);
