using System.Globalization;
using Microsoft.Extensions.Configuration;
using MusicPlayer.Application.Features.Uploads;

namespace MusicPlayer.Infrastructure.Security;

/// <summary>
/// HMAC-SHA256 signatures of upload URLs. The key is <c>Uploads:SigningKey</c> when set, else derived from
/// <c>Jwt:SigningKey</c> with HKDF (its own purpose label, so a URL signature is never a token signature).
/// </summary>
internal sealed class UploadUrlSigner(IConfiguration configuration, JwtOptions jwt) : IUploadUrlSigner
{
    public const string SigningKeySetting = "Uploads:SigningKey";

    private readonly UrlSignature _signature = new(configuration, jwt, SigningKeySetting, "musicplayer upload session url v1");

    public string Sign(int sessionId, long expires) => _signature.Sign(Message(sessionId, expires));

    public bool IsValid(int sessionId, long expires, string signature) => _signature.IsValid(Message(sessionId, expires), signature);

    private static string Message(int sessionId, long expires) =>
        string.Create(CultureInfo.InvariantCulture, $"upload-session:{sessionId}:{expires}");
}
