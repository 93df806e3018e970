using MusicPlayer.Application.Common.Security;

namespace MusicPlayer.Application.Features.Tokens;

/// <summary>Replaces the key that signs access tokens with a new one; tokens of the previous key keep working until they expire. Admins only.</summary>
public static class RotateSigningKey
{
    [SecurityEvent("signing key rotation")]
    [Authorize(Roles = Roles.Admin)]
    public sealed record Command : IRequest<SigningKeyDto>;

    internal sealed class Handler(ISigningKeys keys) : IRequestHandler<Command, SigningKeyDto>
    {
        public Task<SigningKeyDto> Handle(Command request, CancellationToken cancellationToken) => keys.RotateAsync(cancellationToken);
    }
}
