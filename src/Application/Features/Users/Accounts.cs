using MusicPlayer.Application.Common.Errors;
using MusicPlayer.Application.Common.Persistence;
using MusicPlayer.Application.Common.Security;
using MusicPlayer.Domain.Users;

namespace MusicPlayer.Application.Features.Users;

/// <summary>Steps several user slices share: load an account, keep the last admin.</summary>
internal static class Accounts
{
    /// <summary>The caller's or a named user's account, tracked; 404 when it does not exist.</summary>
    public static async Task<User> LoadAsync(IReadRepository<User> users, int id, CancellationToken cancellationToken) =>
        await users.GetByIdOrThrowAsync(id, cancellationToken);

    /// <summary>Refuses to take away the last admin.</summary>
    public static async Task EnsureNotLastAdminAsync(IReadRepository<User> users, User user, CancellationToken cancellationToken)
    {
        if (user.Role == Roles.Admin && await users.CountAsync(new AdminsSpec(), cancellationToken) <= 1)
            throw new ConflictException("This is the last admin; make another user admin first.");
    }
}
