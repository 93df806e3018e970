using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;
using MusicPlayer.Application.Features.Uploads;

namespace MusicPlayer.Infrastructure.Security;

/// <summary>
/// HMAC-SHA256 signatures of upload URLs. The key is <c>Uploads:SigningKey</c> when set, else derived from
/// <c>Jwt:SigningKey</c> with HKDF (its own purpose label, so a URL signature is never a token signature).
/// </summary>
internal sealed class UploadUrlSigner : IUploadUrlSigner
{
    public const string SigningKeySetting = "Uploads:SigningKey";
    private static readonly byte[] Purpose = "musicplayer upload session url v1"u8.ToArray();

    private readonly byte[] key;

    public UploadUrlSigner(IConfiguration configuration, JwtOptions jwt)
    {
        var secret = configuration[SigningKeySetting] is { Length: > 0 } own ? own : jwt.SigningKey!;
        var bytes = Encoding.UTF8.GetBytes(secret);
        if (bytes.Length < JwtOptions.MinimumKeyBytes)
            throw new InvalidOperationException($"{SigningKeySetting} must be at least {JwtOptions.MinimumKeyBytes} bytes.");
        key = HKDF.DeriveKey(HashAlgorithmName.SHA256, bytes, 32, salt: [], info: Purpose);
    }

    public string Sign(int sessionId, long expires) => Base64UrlEncode(Mac(sessionId, expires));

    public bool IsValid(int sessionId, long expires, string signature)
    {
        Span<byte> given = stackalloc byte[64];
        return TryBase64UrlDecode(signature, given, out var length)
               && CryptographicOperations.FixedTimeEquals(given[..length], Mac(sessionId, expires));
    }

    private byte[] Mac(int sessionId, long expires) =>
        HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(
            string.Create(CultureInfo.InvariantCulture, $"upload-session:{sessionId}:{expires}")));

    private static string Base64UrlEncode(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);

    private static bool TryBase64UrlDecode(string text, Span<byte> destination, out int length)
    {
        length = 0;
        if (text.Length > 88) return false;
        return System.Buffers.Text.Base64Url.IsValid(text) && System.Buffers.Text.Base64Url.TryDecodeFromChars(text, destination, out length);
    }
}
