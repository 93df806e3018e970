using MusicPlayer.Application.Common.Errors;
using MusicPlayer.Application.Common.Security;

namespace MusicPlayer.Application.Features.Auth;

/// <summary>Revokes one of the caller's refresh tokens. Unknown tokens are already as good as revoked.</summary>
public static class Logout
{
    [SecurityEvent("logout")]
    [Authorize]
    public sealed record Command(string? RefreshToken) : IRequest;

    public sealed class Validator : Common.Validation.RequestValidator<Command>
    {
        public Validator() => RuleFor(c => c.RefreshToken).NotEmpty().WithMessage("'refreshToken' is required.");
    }

    internal sealed class Handler(IRefreshTokenStore tokens, ICurrentUser currentUser, TimeProvider clock) : AsyncRequestHandler<Command>
    {
        protected override async Task Handle(Command request, CancellationToken cancellationToken)
        {
            var token = await tokens.FindByHashAsync(RefreshSecrets.Hash(request.RefreshToken!), cancellationToken);
            if (token is null) return;
            if (token.UserId != currentUser.UserId) throw new ForbiddenException("That refresh token belongs to another user.");
            await tokens.RevokeAsync(token.Id, clock.GetUtcNow().UtcDateTime, cancellationToken);
        }
    }
}
