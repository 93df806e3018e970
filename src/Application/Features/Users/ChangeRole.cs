using MusicPlayer.Application.Common.Mapping;
using MusicPlayer.Application.Common.Persistence;
using MusicPlayer.Application.Common.Security;
using MusicPlayer.Application.Common.Validation;
using MusicPlayer.Domain.Users;

namespace MusicPlayer.Application.Features.Users;

/// <summary>Makes a user an admin or a plain user; the last admin cannot be demoted. Admins only.</summary>
public static class ChangeRole
{
    [SecurityEvent("role change")]
    [Authorize(Roles = Roles.Admin)]
    public sealed record Command(int Id, string? Role) : IRequest<UserDto>;

    public sealed class Validator : RequestValidator<Command>
    {
        public Validator() =>
            RuleFor(c => c.Role).Must(r => r is not null && Roles.All.Contains(r))
                .WithMessage($"'role' must be one of: {string.Join(", ", Roles.All)}.");
    }

    internal sealed class Handler(IRepository<User> users, IAdminChangeLock adminLock, TimeProvider clock) : IRequestHandler<Command, UserDto>
    {
        public Task<UserDto> Handle(Command request, CancellationToken cancellationToken) =>
            adminLock.RunAsync(request.Id, async () =>
            {
                var user = await Accounts.LoadAsync(users, request.Id, cancellationToken);
                if (user.Role == request.Role) return Mappings.Map<User, UserDto>(user);
                await Accounts.EnsureNotLastAdminAsync(users, user, cancellationToken);
                user.SetRole(request.Role!, clock.GetUtcNow().UtcDateTime);
                await users.SaveChangesAsync(cancellationToken);
                return Mappings.Map<User, UserDto>(user);
            }, cancellationToken);
    }
}
