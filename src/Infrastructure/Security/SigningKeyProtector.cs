using System.Security.Cryptography;
using System.Text;

namespace MusicPlayer.Infrastructure.Security;

/// <summary>
/// Encrypts generated private keys for the database with AES-256-GCM. The 256-bit key is derived with
/// HKDF-SHA256 from <c>Jwt:KeyEncryptionKey</c> when set, else from <c>Jwt:SigningKey</c> (a secret the
/// service already requires), so nothing readable from the database alone opens them. The key id is the
/// associated data: a ciphertext moved to another row does not decrypt. Layout: version (1) | nonce (12) | tag (16) | ciphertext.
/// </summary>
internal sealed class SigningKeyProtector
{
    private const byte Version = 1;
    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private static readonly byte[] Info = Encoding.UTF8.GetBytes("MusicPlayer signing key encryption v1");

    private readonly byte[] _key;

    public SigningKeyProtector(string secret) =>
        _key = HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret), 32, salt: [], info: Info);

    public static SigningKeyProtector From(JwtOptions options) => new(options.KeyEncryptionKey ?? options.SigningKey!);

    public byte[] Protect(ReadOnlySpan<byte> plaintext, string kid)
    {
        var output = new byte[1 + NonceBytes + TagBytes + plaintext.Length];
        output[0] = Version;
        var nonce = output.AsSpan(1, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagBytes);
        aes.Encrypt(nonce, plaintext, output.AsSpan(1 + NonceBytes + TagBytes), output.AsSpan(1 + NonceBytes, TagBytes), Encoding.UTF8.GetBytes(kid));
        return output;
    }

    /// <summary>The plaintext, or null when the data is not ours (another key encrypted it, or it was altered).</summary>
    public byte[]? Unprotect(byte[] data, string kid)
    {
        if (data.Length < 1 + NonceBytes + TagBytes || data[0] != Version) return null;
        var plaintext = new byte[data.Length - 1 - NonceBytes - TagBytes];
        try
        {
            using var aes = new AesGcm(_key, TagBytes);
            aes.Decrypt(data.AsSpan(1, NonceBytes), data.AsSpan(1 + NonceBytes + TagBytes), data.AsSpan(1 + NonceBytes, TagBytes), plaintext,
                Encoding.UTF8.GetBytes(kid));
            return plaintext;
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
    }
}
