using MusicPlayer.Application.Common.Errors;
using MusicPlayer.Application.Common.Persistence;
using MusicPlayer.Application.Common.Security;
using MusicPlayer.Domain.Users;

namespace MusicPlayer.Application.Features.Auth;

/// <summary>
/// Trades a refresh token for a new pair. Each token works once; presenting one that was already
/// used (or revoked) revokes every token of its login, since one of the two holders is a thief.
/// A token issued before the user's last password change is refused, whether or not it was revoked.
/// </summary>
public static class Refresh
{
    [SecurityEvent("refresh")]
    public sealed record Command(string? RefreshToken) : IRequest<TokenResponse>;

    public sealed class Validator : Common.Validation.RequestValidator<Command>
    {
        public Validator() => RuleFor(c => c.RefreshToken).NotEmpty().WithMessage("'refreshToken' is required.");
    }

    internal sealed class Handler(IRefreshTokenStore tokens, IReadRepository<User> users, SessionTokens sessions, TimeProvider clock)
        : IRequestHandler<Command, TokenResponse>
    {
        public async Task<TokenResponse> Handle(Command request, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var token = await tokens.FindByHashAsync(RefreshSecrets.Hash(request.RefreshToken!), cancellationToken)
                        ?? throw Invalid();

            // Expired unused is merely invalid; a spent token presented again means one of its holders is a thief.
            if (!token.IsSpent && !token.IsActive(now)) throw Invalid();
            if (token.IsSpent || !await tokens.TryConsumeAsync(token.Id, now, cancellationToken))
            {
                await tokens.RevokeFamilyAsync(token.FamilyId, now, cancellationToken);
                throw Invalid();
            }

            // A reuse presented at the same moment may have revoked the login without reaching the
            // token issued to its other holder: a revoked ancestor ends the whole line.
            if (await tokens.IsFamilyRevokedAsync(token.FamilyId, cancellationToken))
            {
                await tokens.RevokeFamilyAsync(token.FamilyId, now, cancellationToken);
                throw Invalid();
            }

            var user = await users.FirstOrDefaultAsync(new EntityByIdSpec<User>(token.UserId), cancellationToken) ?? throw Invalid();
            if (!token.BelongsToSession(user.SessionVersion))
            {
                await tokens.RevokeFamilyAsync(token.FamilyId, now, cancellationToken);
                throw Invalid();
            }

            return await sessions.IssueAsync(user, token.FamilyId, cancellationToken);
        }

        private static UnauthenticatedException Invalid() => new("The refresh token is invalid, expired or already used.");
    }
}
