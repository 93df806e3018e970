using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using MusicPlayer.Application.Common.Security;
using MusicPlayer.Domain.Users;

namespace MusicPlayer.Infrastructure.Security;

/// <summary>
/// Signs access tokens (with the current key of <see cref="SigningKeyRing"/>, whose id goes in the header as <c>kid</c>)
/// with sub, role, jti, iat, exp, issuer, audience, the session version and the login id.
/// </summary>
internal sealed class TokenService(JwtOptions options, SigningKeyRing keys, TimeProvider clock) : ITokenService
{
    private readonly JsonWebTokenHandler _handler = new();

    public TimeSpan RefreshTokenLifetime => TimeSpan.FromDays(options.RefreshTokenDays);

    public AccessToken CreateAccessToken(User user, Guid loginId)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var lifetime = TimeSpan.FromMinutes(options.AccessTokenMinutes);
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Issuer,
            Audience = options.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            SigningCredentials = keys.SigningCredentials,
            Claims = new Dictionary<string, object>
            {
                [ClaimNames.Subject] = user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                [ClaimNames.Role] = user.Role,
                [ClaimNames.TokenId] = Guid.NewGuid().ToString("N"),
                [ClaimNames.SessionVersion] = user.SessionVersion,
                [ClaimNames.LoginId] = loginId.ToString("N"),
            },
        });
        return new AccessToken(token, (int)lifetime.TotalSeconds);
    }
}
