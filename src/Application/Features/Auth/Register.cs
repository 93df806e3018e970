using MusicPlayer.Application.Common.Mapping;
using MusicPlayer.Application.Common.Persistence;
using MusicPlayer.Application.Common.Security;
using MusicPlayer.Application.Common.Validation;
using MusicPlayer.Application.Features.Users;
using MusicPlayer.Domain.Users;

namespace MusicPlayer.Application.Features.Auth;

/// <summary>Creates an account with the user role. Public.</summary>
public static class Register
{
    public sealed record Command(string? Username, string? Email, string? Password, string? FirstName, string? LastName = null)
        : IRequest<UserDto>;

    public sealed class Validator : RequestValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Username).Username();
            RuleFor(c => c.Email).Email();
            RuleFor(c => c.Password).Password();
            this.ProfileRules(c => c.FirstName, c => c.LastName);
        }
    }

    internal sealed class Handler(IRepository<User> users, IPasswordHasher hasher, TimeProvider clock)
        : IRequestHandler<Command, UserDto>
    {
        public async Task<UserDto> Handle(Command request, CancellationToken cancellationToken)
        {
            await UniqueAccount.EnsureAsync(users, request.Username, request.Email, 0, cancellationToken);
            var hash = await hasher.HashAsync(request.Password!, cancellationToken);
            var user = User.Create(request.Username, request.Email, request.FirstName, request.LastName,
                Roles.User, hash, clock.GetUtcNow().UtcDateTime);
            users.Add(user);
            await users.SaveChangesAsync(cancellationToken);
            return Mappings.Map<User, UserDto>(user);
        }
    }
}
