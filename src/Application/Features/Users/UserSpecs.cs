using MusicPlayer.Application.Common.Persistence;
using MusicPlayer.Domain.Users;

namespace MusicPlayer.Application.Features.Users;

/// <summary>One user as <see cref="UserDto"/>, by id.</summary>
public sealed class UserDtoSpec : Specification<User, UserDto>
{
    public UserDtoSpec(int id) => Where(u => u.Id == id);
}

/// <summary>The user with this email (compared case-insensitively), tracked for changes.</summary>
public sealed class UserByEmailSpec : Specification<User>
{
    public UserByEmailSpec(string email)
    {
        Tracked = true;
        var normalized = User.Normalize(email);
        Where(u => u.NormalizedEmail == normalized);
    }
}

/// <summary>Another user (not <paramref name="exceptId"/>) already has this username or email.</summary>
public sealed class UserTakenSpec : Specification<User>
{
    public UserTakenSpec(string? username, string? email, int exceptId = 0)
    {
        var name = username is null ? null : User.Normalize(username);
        var mail = email is null ? null : User.Normalize(email);
        Where(u => u.Id != exceptId && (u.NormalizedUsername == name || u.NormalizedEmail == mail));
    }
}

/// <summary>The users with the admin role.</summary>
public sealed class AdminsSpec : Specification<User>
{
    public AdminsSpec() => Where(u => u.Role == Common.Security.Roles.Admin);
}
