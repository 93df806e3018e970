namespace MusicPlayer.Application.Features.Tokens;

/// <summary>The JSON Web Key Set of our access tokens' public keys (empty with HS256, whose key is a shared secret). Public.</summary>
public static class GetJwks
{
    public sealed record Query : IRequest<JsonWebKeySetDto>;

    internal sealed class Handler(ISigningKeys keys) : IRequestHandler<Query, JsonWebKeySetDto>
    {
        public Task<JsonWebKeySetDto> Handle(Query request, CancellationToken cancellationToken) => keys.PublishedAsync(cancellationToken);
    }
}
