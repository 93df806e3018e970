using System.Globalization;
using Microsoft.Extensions.Configuration;
using MusicPlayer.Application.Features.Streaming;

namespace MusicPlayer.Infrastructure.Security;

/// <summary>
/// HMAC-SHA256 signatures of stream URLs, over the song id and the expiry. The key is
/// <c>Streaming:SigningKey</c> when set, else derived from <c>Jwt:SigningKey</c> with HKDF under its own
/// purpose label (so a stream signature is neither an upload URL's nor a token's).
/// </summary>
internal sealed class StreamUrlSigner(IConfiguration configuration, JwtOptions jwt) : IStreamUrlSigner
{
    public const string SigningKeySetting = "Streaming:SigningKey";

    private readonly UrlSignature _signature = new(configuration, jwt, SigningKeySetting, "musicplayer song stream url v1");

    public string Sign(int songId, long expires) => _signature.Sign(Message(songId, expires));

    public bool IsValid(int songId, long expires, string signature) => _signature.IsValid(Message(songId, expires), signature);

    private static string Message(int songId, long expires) => string.Create(CultureInfo.InvariantCulture, $"song-stream:{songId}:{expires}");
}
