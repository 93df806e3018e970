using MusicPlayer.Application.Common.Errors;
using MusicPlayer.Application.Common.Persistence;
using MusicPlayer.Application.Common.Security;
using MusicPlayer.Domain.Users;

namespace MusicPlayer.Application.Features.Users;

/// <summary>The caller's own profile.</summary>
public static class GetMe
{
    [Authorize]
    public sealed record Query : IRequest<UserDto>;

    internal sealed class Handler(IReadRepository<User> users, ICurrentUser currentUser) : IRequestHandler<Query, UserDto>
    {
        public async Task<UserDto> Handle(Query request, CancellationToken cancellationToken) =>
            await users.FirstOrDefaultAsync(new UserDtoSpec(currentUser.RequiredUserId), cancellationToken)
            ?? throw new UnauthenticatedException("The account no longer exists.");
    }
}
