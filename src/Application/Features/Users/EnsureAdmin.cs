using MusicPlayer.Application.Common.Persistence;
using MusicPlayer.Application.Common.Security;
using MusicPlayer.Application.Common.Validation;
using Microsoft.Extensions.Logging;
using MusicPlayer.Domain.Users;

namespace MusicPlayer.Application.Features.Users;

/// <summary>
/// Makes sure the configured admin account exists with the configured password and the admin
/// role: created when missing, promoted and given the password when present (which, like any
/// password change, ends the account's sessions). Idempotent; run at start-up. When someone
/// else already has the configured username, the admin gets the first free variant of it
/// ("admin-2", "admin-3", ...) and a warning says so: start-up must not depend on what strangers
/// registered.
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

    internal sealed class Handler(IRepository<User> users, IRefreshTokenStore tokens, IPasswordHasher hasher, TimeProvider clock,
        ILogger<Handler> logger)
        : AsyncRequestHandler<Command>
    {
        protected override async Task Handle(Command request, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var user = await users.FirstOrDefaultAsync(new UserByEmailSpec(request.Email!), cancellationToken);
            var passwordReset = false;
            if (user is null)
            {
                var username = await FreeUsernameAsync(request.Username!, cancellationToken);
                if (username != request.Username)
                    logger.LogWarning("The configured admin username {Configured} belongs to another account; the admin {Email} is created as {Username}",
                        request.Username, request.Email, username);
                users.Add(User.Create(username, request.Email, "Admin", null, Roles.Admin,
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

        /// <summary>The username itself when free, else the first free "name-2", "name-3", ... that fits the length limit.</summary>
        private async Task<string> FreeUsernameAsync(string username, CancellationToken cancellationToken)
        {
            var name = username.Trim();
            var candidate = name;
            for (var n = 2; await users.AnyAsync(new UserTakenSpec(candidate, null), cancellationToken); n++)
            {
                var suffix = $"-{n}";
                candidate = name[..Math.Min(name.Length, User.UsernameMaxLength - suffix.Length)] + suffix;
            }
            return candidate;
        }
    }
}
