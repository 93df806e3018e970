using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using MusicPlayer.Application.Common.Persistence;
using MusicPlayer.Application.Common.Security;
using MusicPlayer.Application.Features.Auth;
using MusicPlayer.Domain.Users;
using MusicPlayer.Infrastructure.Security;

namespace MusicPlayer.Api.Security;

/// <summary>
/// Runs after a token's signature and lifetime check out: the user must still exist, the token must
/// come from their current session (a password change ends older ones), and its login (claim
/// <c>lid</c>, the refresh token family) must not have ended (logout, refresh token reuse). The role is
/// taken from the database, so a role change applies on the user's next request. The look-up goes
/// through <see cref="UserSessionCache"/>, which every saved change to a user and every revocation of
/// their refresh tokens on this instance evicts; another instance sees them within the cache lifetime.
/// Tokens without a login id (none are issued any more) are checked by session only.
/// </summary>
internal static class TokenSessionCheck
{
    public static async Task ValidateAsync(TokenValidatedContext context)
    {
        var identity = context.Principal?.Identity as ClaimsIdentity;
        if (identity is null
            || !int.TryParse(identity.FindFirst(ClaimNames.Subject)?.Value, out var userId)
            || !int.TryParse(identity.FindFirst(ClaimNames.SessionVersion)?.Value, out var sessionVersion))
        {
            context.Fail("The token does not name a user session.");
            return;
        }

        Guid? loginId = Guid.TryParseExact(identity.FindFirst(ClaimNames.LoginId)?.Value, "N", out var lid) ? lid : null;

        var services = context.HttpContext.RequestServices;
        var session = await services.GetRequiredService<UserSessionCache>().GetAsync(userId, () => LoadAsync(services, userId, context.HttpContext.RequestAborted));
        if (session is null || session.SessionVersion != sessionVersion || (loginId is { } login && session.EndedLogins.Contains(login)))
        {
            context.Fail("The token's session has ended.");
            return;
        }

        foreach (var claim in identity.FindAll(ClaimNames.Role).ToList()) identity.RemoveClaim(claim);
        identity.AddClaim(new Claim(ClaimNames.Role, session.Role));
    }

    /// <summary>The user's session, with the logins ended within an access token's lifetime (older ones' tokens have expired).</summary>
    private static async Task<UserSession?> LoadAsync(IServiceProvider services, int userId, CancellationToken cancellationToken)
    {
        var session = await services.GetRequiredService<IReadRepository<User>>().FirstOrDefaultAsync(new UserSessionSpec(userId), cancellationToken);
        if (session is null) return null;
        var jwt = services.GetRequiredService<JwtOptions>();
        var since = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime
                    - TimeSpan.FromMinutes(jwt.AccessTokenMinutes) - JwtOptions.ClockSkew;
        var ended = await services.GetRequiredService<IRefreshTokenStore>().EndedLoginsAsync(userId, since, cancellationToken);
        return ended.Count == 0 ? session : session with { EndedLogins = ended.ToHashSet() };
    }
}
