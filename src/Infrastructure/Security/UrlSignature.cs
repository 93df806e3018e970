using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;

namespace MusicPlayer.Infrastructure.Security;

/// <summary>
/// HMAC-SHA256 signatures of URLs the service hands out (base64url, compared in constant time). The key is
/// the setting named by the signer when it is set, else derived from <c>Jwt:SigningKey</c> with HKDF and
/// the signer's own purpose label: a signature for one purpose is never valid for another, nor a token's.
/// </summary>
internal sealed class UrlSignature
{
    /// <summary>The longest base64url text of a 32-byte MAC is 43 characters; anything much longer is not one.</summary>
    private const int MaxSignatureChars = 88;

    private readonly byte[] _key;

    public UrlSignature(IConfiguration configuration, JwtOptions jwt, string keySetting, string purpose)
    {
        var secret = configuration[keySetting] is { Length: > 0 } own ? own : jwt.SigningKey!;
        var bytes = Encoding.UTF8.GetBytes(secret);
        if (bytes.Length < JwtOptions.MinimumKeyBytes)
            throw new InvalidOperationException($"{keySetting} must be at least {JwtOptions.MinimumKeyBytes} bytes.");
        _key = HKDF.DeriveKey(HashAlgorithmName.SHA256, bytes, 32, salt: [], info: Encoding.ASCII.GetBytes(purpose));
    }

    public string Sign(string message) => Base64Url.EncodeToString(Mac(message));

    public bool IsValid(string message, string signature)
    {
        Span<byte> given = stackalloc byte[64];
        return signature.Length <= MaxSignatureChars
               && Base64Url.IsValid(signature)
               && Base64Url.TryDecodeFromChars(signature, given, out var length)
               && CryptographicOperations.FixedTimeEquals(given[..length], Mac(message));
    }

    private byte[] Mac(string message) => HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(message));
}
