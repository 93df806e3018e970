using MusicPlayer.Application.Common.Errors;
using MusicPlayer.Application.Common.Observability;
using MusicPlayer.Application.Common.Persistence;
using MusicPlayer.Application.Common.Security;
using MusicPlayer.Application.Common.Validation;
using MusicPlayer.Application.Features.Users;
using MusicPlayer.Domain.Users;

namespace MusicPlayer.Application.Features.Auth;

/// <summary>
/// Exchanges email and password for tokens. Unknown email, wrong password and a locked account
/// all get the same answer after the same amount of hashing work, so none reveals an account.
/// Every attempt on an account is counted before its password is checked (see <see cref="LockoutPolicy"/>),
/// and each answered login is counted as a success or a failure (<see cref="IServiceMetrics"/>); a request
/// refused by validation never reaches the handler and is not a login attempt.
/// </summary>
public static class Login
{
    [SecurityEvent("login")]
    public sealed record Command(string? Email, string? Password) : IRequest<TokenResponse>;

    public sealed class Validator : RequestValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Email).RequiredText(User.EmailMaxLength);
            RuleFor(c => c.Password).NotEmpty().WithMessage("'password' is required.");
        }
    }

    internal sealed class Handler(IRepository<User> users, ILoginFailureStore failures, IPasswordHasher hasher, SessionTokens sessions,
        TimeProvider clock, IServiceMetrics metrics)
        : IRequestHandler<Command, TokenResponse>
    {
        public async Task<TokenResponse> Handle(Command request, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var user = await users.FirstOrDefaultAsync(new UserByEmailSpec(request.Email!), cancellationToken);

            // The attempt is counted before the password is checked (LockoutPolicy): parallel guesses cannot outrun the lock.
            if (user is null || !await failures.TryReserveLoginAttemptAsync(user.Id, now, cancellationToken))
            {
                await hasher.CheckAsync(request.Password!, cancellationToken);
                metrics.LoginAttempted(LoginOutcome.Failure);
                throw new UnauthenticatedException(SessionTokens.InvalidCredentials);
            }

            var check = await hasher.VerifyAsync(user.PasswordHash, request.Password!, cancellationToken);
            if (check == PasswordCheck.Failed)
            {
                metrics.LoginAttempted(LoginOutcome.Failure);
                throw new UnauthenticatedException(SessionTokens.InvalidCredentials);
            }

            await failures.RecordSuccessfulLoginAsync(user.Id, cancellationToken);
            if (check == PasswordCheck.SuccessRehashNeeded)
            {
                user.UpgradePasswordHash(await hasher.HashAsync(request.Password!, cancellationToken));
                await users.SaveChangesAsync(cancellationToken);
            }

            var tokens = await sessions.IssueAsync(user, Guid.NewGuid(), cancellationToken);
            metrics.LoginAttempted(LoginOutcome.Success);
            return tokens;
        }
    }
}
