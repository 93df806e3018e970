namespace MusicPlayer.Application.Features.Tokens;

/// <summary>The keys that sign and verify access tokens, as far as clients and admins see them.</summary>
public interface ISigningKeys
{
    /// <summary>The public keys other services verify our tokens with: the current key and every previous one whose tokens may not have expired yet.</summary>
    Task<JsonWebKeySetDto> PublishedAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Makes a new key the signing key; the previous one keeps verifying (and stays published) until the last
    /// token it signed has expired. A conflict when the keys come from configuration (HS256, or a configured PEM).
    /// </summary>
    Task<SigningKeyDto> RotateAsync(CancellationToken cancellationToken);
}
