using MusicPlayer.Application.Common.Security;
using MusicPlayer.Infrastructure.Security;

namespace MusicPlayer.Api.Security;

/// <summary>The caller as the bearer token describes them.</summary>
internal sealed class HttpCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    public int? UserId =>
        accessor.HttpContext?.User is { Identity.IsAuthenticated: true } user
        && int.TryParse(user.FindFirst(ClaimNames.Subject)?.Value, out var id)
            ? id
            : null;

    public bool IsInRole(string role) => accessor.HttpContext?.User.HasClaim(ClaimNames.Role, role) == true;
}
