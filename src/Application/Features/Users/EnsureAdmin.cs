using MusicPlayer.Application.Common.Persistence;
using MusicPlayer.Application.Common.Security;
using MusicPlayer.Application.Common.Validation;
using MusicPlayer.Application.Features.Auth;
using MusicPlayer.Domain.Users;

namespace MusicPlayer.Application.Features.Users;

/// <summary>
/// Makes sure the configured admin account exists with the configured password and the admin
/// role: created when missing, promoted and given the password when present (which, like any
/// password change, ends the account's sessions). Idempotent; run at start-up.
/// </summary>
public static class EnsureAdmin
{
    public sealed record Command(string? Email, string? Password, string? Username) : IRequest;

    public sealed class Validator : RequestValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Email).Email();
            RuleFor(c => c.Password).Password();
            RuleFor(c => c.Username).Username();
        }
    }

    internal sealed class Handler(IRepository<User> users, IRefreshTokenStore tokens, IPasswordHasher hasher, TimeProvider clock)
        : AsyncRequestHandler<Command>
    {
        protected override async Task Handle(Command request, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var user = await users.FirstOrDefaultAsync(new UserByEmailSpec(request.Email!), cancellationToken);
            var passwordReset = false;
            if (user is null)
            {
                await UniqueAccount.EnsureAsync(users, request.Username, request.Email, 0, cancellationToken);
                users.Add(User.Create(request.Username, request.Email, "Admin", null, Roles.Admin,
                    await hasher.HashAsync(request.Password!, cancellationToken), now));
            }
            else
            {
                if (user.Role != Roles.Admin) user.SetRole(Roles.Admin, now);
                if (await hasher.VerifyAsync(user.PasswordHash, request.Password!, cancellationToken) == PasswordCheck.Failed)
                {
                    user.ChangePassword(await hasher.HashAsync(request.Password!, cancellationToken), now);
                    passwordReset = true;
                }
            }

            await users.SaveChangesAsync(cancellationToken);
            // A surviving refresh token would mint access tokens of the new session version (now as an admin).
            if (passwordReset) await tokens.RevokeAllOfUserAsync(user!.Id, now, cancellationToken);
        }
    }
}
