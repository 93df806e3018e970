using MusicPlayer.Application.Common.Persistence;
using MusicPlayer.Domain.Users;

namespace MusicPlayer.Application.Features.Auth;

/// <summary>The <see cref="UserSession"/> of one user, by id.</summary>
public sealed class UserSessionSpec : Specification<User, UserSession>
{
    public UserSessionSpec(int userId) : base(u => new UserSession(u.Role, u.SessionVersion)) => Where(u => u.Id == userId);
}
