using MusicPlayer.Application.Common.Persistence;
using MusicPlayer.Application.Common.Security;
using MusicPlayer.Domain.Users;

namespace MusicPlayer.Application.Features.Users;

/// <summary>A user's profile: everything for the user themself and admins, the public part for others.</summary>
public static class GetUser
{
    [Authorize]
    public sealed record Query(int Id) : IRequest<UserProfileDto>;

    internal sealed class Handler(IReadRepository<User> users, ICurrentUser currentUser) : IRequestHandler<Query, UserProfileDto>
    {
        public async Task<UserProfileDto> Handle(Query request, CancellationToken cancellationToken)
        {
            var user = await users.FirstOrThrowAsync(new UserDtoSpec(request.Id), request.Id, cancellationToken);
            var full = user.Id == currentUser.UserId || currentUser.IsInRole(Roles.Admin);
            // By hand, not Mapster: what others may see depends on the caller, and listing it field by field means
            // a field added to both DTOs stays hidden from others until someone decides otherwise.
            return new UserProfileDto
            {
                Id = user.Id,
                Username = user.Username,
                FirstName = user.FirstName,
                LastName = user.LastName,
                CreatedAt = user.CreatedAt,
                Email = full ? user.Email : null,
                Role = full ? user.Role : null,
                UpdatedAt = full ? user.UpdatedAt : null,
            };
        }
    }
}
