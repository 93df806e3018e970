using MusicPlayer.Application.Common.Errors;
using MusicPlayer.Application.Common.Persistence;
using MusicPlayer.Application.Common.Security;
using MusicPlayer.Application.Common.Validation;
using MusicPlayer.Domain.Users;

namespace MusicPlayer.Application.Features.Users;

/// <summary>
/// Changes the caller's password and ends every session they have. A wrong current password counts
/// towards the login lockout (<see cref="LockoutPolicy"/>): a stolen access token is no password oracle.
/// </summary>
public static class ChangePassword
{
    [SecurityEvent("password change")]
    [Authorize]
    public sealed record Command(string? CurrentPassword, string? NewPassword) : IRequest;

    public sealed class Validator : RequestValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.CurrentPassword).NotEmpty().WithMessage("'currentPassword' is required.");
            RuleFor(c => c.NewPassword).Password();
        }
    }

    internal sealed class Handler(IRepository<User> users, IRefreshTokenStore tokens, ILoginFailureStore failures,
        IPasswordHasher hasher, ITransactions transactions, ICurrentUser currentUser, TimeProvider clock) : AsyncRequestHandler<Command>
    {
        protected override async Task Handle(Command request, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var user = await Accounts.LoadAsync(users, currentUser.RequiredUserId, cancellationToken);

            // The current password is guessed at like a login's: counted first, by the same lockout, and a
            // locked account hears what a wrong password hears, after the same hashing work.
            if (!await failures.TryReserveLoginAttemptAsync(user.Id, now, cancellationToken))
            {
                await hasher.CheckAsync(request.CurrentPassword!, cancellationToken);
                throw WrongCurrentPassword();
            }

            if (await hasher.VerifyAsync(user.PasswordHash, request.CurrentPassword!, cancellationToken) == PasswordCheck.Failed)
                throw WrongCurrentPassword();
            await failures.RecordSuccessfulLoginAsync(user.Id, cancellationToken);

            var hash = await hasher.HashAsync(request.NewPassword!, cancellationToken);

            // The new password and the end of every old session are kept together or not at all, and a client that
            // hangs up now does not stop it half-way. Should the revocation ever be missed, the refresh tokens still
            // carry the old session version, which refresh refuses.
            user.ChangePassword(hash, now);
            await transactions.RunAsync(async () =>
            {
                await users.SaveChangesAsync(CancellationToken.None);
                await tokens.RevokeAllOfUserAsync(user.Id, now, CancellationToken.None);
            }, CancellationToken.None);
        }

        private static RequestValidationException WrongCurrentPassword() =>
            RequestValidationException.For("currentPassword", "The current password is wrong.");
    }
}
