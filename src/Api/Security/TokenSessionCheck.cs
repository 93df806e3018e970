using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using MusicPlayer.Application.Common.Persistence;
using MusicPlayer.Application.Features.Auth;
using MusicPlayer.Domain.Users;
using MusicPlayer.Infrastructure.Security;

namespace MusicPlayer.Api.Security;

/// <summary>
/// Runs after a token's signature and lifetime check out: the user must still exist and the
/// token must come from their current session (a password change ends older ones). The role is
/// taken from the database, so a role change applies on the user's next request. The look-up goes
/// through <see cref="UserSessionCache"/>, which every saved change to a user on this instance evicts.
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

        var services = context.HttpContext.RequestServices;
        var session = await services.GetRequiredService<UserSessionCache>().GetAsync(userId, () =>
            services.GetRequiredService<IReadRepository<User>>()
                .FirstOrDefaultAsync(new UserSessionSpec(userId), context.HttpContext.RequestAborted));
        if (session is null || session.SessionVersion != sessionVersion)
        {
            context.Fail("The token's session has ended.");
            return;
        }

        foreach (var claim in identity.FindAll(ClaimNames.Role).ToList()) identity.RemoveClaim(claim);
        identity.AddClaim(new Claim(ClaimNames.Role, session.Role));
    }
}
