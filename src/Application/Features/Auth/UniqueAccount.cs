using MusicPlayer.Application.Common.Errors;
using MusicPlayer.Application.Common.Persistence;
using MusicPlayer.Application.Features.Users;
using MusicPlayer.Domain.Users;

namespace MusicPlayer.Application.Features.Auth;

/// <summary>Usernames and emails are unique, ignoring case.</summary>
internal static class UniqueAccount
{
    public static async Task EnsureAsync(IReadRepository<User> users, string? username, string? email, int exceptId,
        CancellationToken cancellationToken)
    {
        if (await users.AnyAsync(new UserTakenSpec(username, null, exceptId), cancellationToken))
            throw new ConflictException("That username is taken.");
        if (email is not null && await users.AnyAsync(new UserTakenSpec(null, email, exceptId), cancellationToken))
            throw new ConflictException("That email is already registered.");
    }
}
