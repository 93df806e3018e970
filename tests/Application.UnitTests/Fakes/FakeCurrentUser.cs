using MusicPlayer.Application.Common.Security;
using AppRoles = MusicPlayer.Application.Common.Security.Roles;

namespace MusicPlayer.Application.UnitTests.Fakes;

/// <summary>A caller of the test's choosing: anonymous, or a user id with roles.</summary>
public sealed class FakeCurrentUser : ICurrentUser
{
    public int? UserId { get; set; }

    public HashSet<string> Roles { get; } = [];

    public bool IsInRole(string role) => Roles.Contains(role);

    public static FakeCurrentUser Anonymous() => new();

    public static FakeCurrentUser WithRoles(int userId, params string[] roles)
    {
        var user = new FakeCurrentUser { UserId = userId };
        user.Roles.UnionWith(roles);
        return user;
    }

    public static FakeCurrentUser User(int userId = 7) => WithRoles(userId, AppRoles.User);

    public static FakeCurrentUser Admin(int userId = 1) => WithRoles(userId, AppRoles.User, AppRoles.Admin);
}
