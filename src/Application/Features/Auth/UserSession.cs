using MusicPlayer.Application.Common.Persistence;
using MusicPlayer.Domain.Users;

namespace MusicPlayer.Application.Features.Auth;

/// <summary>What every authenticated request checks about its user: that they still exist, their session version and current role.</summary>
public sealed record UserSession(string Role, int SessionVersion);

public sealed class UserSessionSpec : Specification<User, UserSession>
{
    public UserSessionSpec(int userId) : base(u => new UserSession(u.Role, u.SessionVersion)) => Where(u => u.Id == userId);
}
