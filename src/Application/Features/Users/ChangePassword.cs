using MusicPlayer.Application.Common.Errors;
using MusicPlayer.Application.Common.Persistence;
using MusicPlayer.Application.Common.Security;
using MusicPlayer.Application.Common.Validation;
using MusicPlayer.Domain.Users;

namespace MusicPlayer.Application.Features.Users;

/// <summary>Changes the caller's password and ends every session they have.</summary>
public static class ChangePassword
{
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

    internal sealed class Handler(IRepository<User> users, IRefreshTokenStore tokens, IPasswordHasher hasher,
        ICurrentUser currentUser, TimeProvider clock) : AsyncRequestHandler<Command>
    {
        protected override async Task Handle(Command request, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var user = await Accounts.LoadAsync(users, currentUser.RequiredUserId, cancellationToken);
            if (hasher.Verify(user.PasswordHash, request.CurrentPassword!) == PasswordCheck.Failed)
                throw RequestValidationException.For("currentPassword", "The current password is wrong.");
            user.ChangePassword(hasher.Hash(request.NewPassword!), now);
            await users.SaveChangesAsync(cancellationToken);
            await tokens.RevokeAllOfUserAsync(user.Id, now, cancellationToken);
        }
    }
}
