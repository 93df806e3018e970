using MusicPlayer.Application.Common.Mapping;
using MusicPlayer.Application.Common.Persistence;
using MusicPlayer.Application.Common.Security;
using MusicPlayer.Application.Common.Validation;
using MusicPlayer.Application.Features.Auth;
using MusicPlayer.Domain.Users;

namespace MusicPlayer.Application.Features.Users;

/// <summary>Changes any user's username, email and names. Admins only.</summary>
public static class UpdateUser
{
    [SecurityEvent("user update")]
    [Authorize(Roles = Roles.Admin)]
    public sealed record Command(int Id, UserInput User) : IRequest<UserDto>;

    public sealed record UserInput(string? Username, string? Email, string? FirstName, string? LastName = null);

    public sealed class Validator : RequestValidator<Command>
    {
        public Validator() => RuleFor(c => c.User).NotNull().SetValidator(new UserInputValidator());
    }

    public sealed class UserInputValidator : RequestValidator<UserInput>
    {
        public UserInputValidator()
        {
            RuleFor(u => u.Username).Username();
            RuleFor(u => u.Email).Email();
            this.ProfileRules(u => u.FirstName, u => u.LastName);
        }
    }

    internal sealed class Handler(IRepository<User> users, TimeProvider clock) : IRequestHandler<Command, UserDto>
    {
        public async Task<UserDto> Handle(Command request, CancellationToken cancellationToken)
        {
            var input = request.User;
            var user = await Accounts.LoadAsync(users, request.Id, cancellationToken);
            await UniqueAccount.EnsureAsync(users, input.Username, input.Email, user.Id, cancellationToken);
            user.SetProfile(input.Username, input.Email, input.FirstName, input.LastName, clock.GetUtcNow().UtcDateTime);
            await users.SaveChangesAsync(cancellationToken);
            return Mappings.Map<User, UserDto>(user);
        }
    }
}
