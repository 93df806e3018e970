using System.Security.Cryptography;
using System.Text;

namespace MusicPlayer.Application.Common.Security;

/// <summary>Refresh token secrets: 256 random bits, kept by the store only as a SHA-256 hash.</summary>
public static class RefreshSecrets
{
    public static string New() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
