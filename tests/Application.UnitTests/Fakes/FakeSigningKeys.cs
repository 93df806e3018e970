using MusicPlayer.Application.Features.Tokens;

namespace MusicPlayer.Application.UnitTests.Fakes;

/// <summary>Signing keys that publish one made-up key and count rotations (each makes the next key id).</summary>
public sealed class FakeSigningKeys(TimeProvider clock) : ISigningKeys
{
    public int Rotations { get; private set; }

    public Task<JsonWebKeySetDto> PublishedAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new JsonWebKeySetDto([new JsonWebKeyDto { Kty = "EC", Kid = $"key-{Rotations}", Alg = "ES256", Crv = "P-256", X = "x", Y = "y" }]));

    public Task<SigningKeyDto> RotateAsync(CancellationToken cancellationToken)
    {
        Rotations++;
        return Task.FromResult(new SigningKeyDto($"key-{Rotations}", "ES256", clock.GetUtcNow().UtcDateTime));
    }
}
