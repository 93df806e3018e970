using MusicPlayer.Application.Common.Caching;
using MusicPlayer.Application.Common.Persistence;
using MusicPlayer.Application.Common.Security;
using MusicPlayer.Application.Features.History;
using MusicPlayer.Application.Features.Likes;
using MusicPlayer.Domain.Users;

namespace MusicPlayer.Application.Features.Users;

/// <summary>Deletes a user with their likes, plays and tokens; the last admin cannot be deleted. Admins only.</summary>
public static class DeleteUser
{
    [SecurityEvent("user deletion")]
    [Authorize(Roles = Roles.Admin)]
    public sealed record Command(int Id) : IRequest, IChangesUnnamedCounts;

    internal sealed class Handler(IRepository<User> users, ILikeStore likes, IPlayStore plays, IAdminChangeLock adminLock) : AsyncRequestHandler<Command>
    {
        protected override Task Handle(Command request, CancellationToken cancellationToken) =>
            adminLock.RunAsync(request.Id, async () =>
            {
                var user = await Accounts.LoadAsync(users, request.Id, cancellationToken);
                await Accounts.EnsureNotLastAdminAsync(users, user, cancellationToken);
                // The database would drop the like and play rows with the user, but not the songs' counts.
                await likes.RemoveAllOfUserAsync(user.Id, cancellationToken);
                await plays.RemoveAllOfUserAsync(user.Id, cancellationToken);
                users.Remove(user);
                await users.SaveChangesAsync(cancellationToken);
            }, cancellationToken);
    }
}
