using MusicPlayer.Application.Common.Security;
using MusicPlayer.Domain.Users;

namespace MusicPlayer.Application.Features.Auth;

/// <summary>What login and refresh answer with.</summary>
public sealed record TokenResponse(string AccessToken, string TokenType, int ExpiresIn, string RefreshToken, int UserId, string Role);

/// <summary>
/// Issues an access token and a new refresh token of the given family (the login): both carry the login's id
/// and the user's session version, so ending the login or the session ends both.
/// </summary>
public sealed class SessionTokens(ITokenService tokens, IRefreshTokenStore refreshTokens, TimeProvider clock)
{
    public const string InvalidCredentials = "Invalid email or password.";

    public async Task<TokenResponse> IssueAsync(User user, Guid familyId, CancellationToken cancellationToken)
    {
        var access = tokens.CreateAccessToken(user, familyId);
        var secret = RefreshSecrets.New();
        await refreshTokens.AddAsync(RefreshToken.Issue(user.Id, familyId, user.SessionVersion, RefreshSecrets.Hash(secret),
            clock.GetUtcNow().UtcDateTime, tokens.RefreshTokenLifetime), cancellationToken);
        return new TokenResponse(access.Token, "Bearer", access.ExpiresInSeconds, secret, user.Id, user.Role);
    }
}
