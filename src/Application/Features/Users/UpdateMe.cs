using MusicPlayer.Application.Common.Mapping;
using MusicPlayer.Application.Common.Persistence;
using MusicPlayer.Application.Common.Security;
using MusicPlayer.Application.Common.Validation;
using MusicPlayer.Application.Features.Auth;
using MusicPlayer.Domain.Users;

namespace MusicPlayer.Application.Features.Users;

/// <summary>Changes the caller's username and names (not the email, not the role).</summary>
public static class UpdateMe
{
    [Authorize]
    public sealed record Command(string? Username, string? FirstName, string? LastName = null) : IRequest<UserDto>;

    public sealed class Validator : RequestValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Username).Username();
            this.ProfileRules(c => c.FirstName, c => c.LastName);
        }
    }

    internal sealed class Handler(IRepository<User> users, ICurrentUser currentUser, TimeProvider clock) : IRequestHandler<Command, UserDto>
    {
        public async Task<UserDto> Handle(Command request, CancellationToken cancellationToken)
        {
            var user = await Accounts.LoadAsync(users, currentUser.RequiredUserId, cancellationToken);
            await UniqueAccount.EnsureAsync(users, request.Username, null, user.Id, cancellationToken);
            user.SetProfile(request.Username, user.Email, request.FirstName, request.LastName, clock.GetUtcNow().UtcDateTime);
            await users.SaveChangesAsync(cancellationToken);
            return Mappings.Map<User, UserDto>(user);
        }
    }
}
