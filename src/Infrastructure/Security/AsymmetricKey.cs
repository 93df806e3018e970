using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;
using MusicPlayer.Application.Features.Tokens;

namespace MusicPlayer.Infrastructure.Security;

/// <summary>
/// An RS256 (RSA, at least 2048 bits) or ES256 (ECDSA P-256) key: generated, or read from a PEM, a stored
/// public key (SubjectPublicKeyInfo) or a decrypted private key (PKCS#8); with its public JWK and its key id,
/// the RFC 7638 thumbprint of that JWK (the same key always has the same id, on every instance).
/// </summary>
internal sealed class AsymmetricKey
{
    public const string Rs256 = SecurityAlgorithms.RsaSha256;
    public const string Es256 = SecurityAlgorithms.EcdsaSha256;
    private const int MinimumRsaBits = 2048;
    private const string P256Oid = "1.2.840.10045.3.1.7";

    private readonly AsymmetricAlgorithm _key;

    private AsymmetricKey(string algorithm, AsymmetricAlgorithm key)
    {
        Algorithm = algorithm;
        _key = key;
        if (key is RSA rsa)
        {
            var p = rsa.ExportParameters(false);
            Jwk = new JsonWebKeyDto { Kty = "RSA", Alg = algorithm, N = Base64UrlEncoder.Encode(p.Modulus), E = Base64UrlEncoder.Encode(p.Exponent) };
            Kid = Thumbprint($"{{\"e\":\"{Jwk.E}\",\"kty\":\"RSA\",\"n\":\"{Jwk.N}\"}}");
            SecurityKey = new RsaSecurityKey(rsa) { KeyId = Kid };
        }
        else
        {
            var ecdsa = (ECDsa)key;
            var p = ecdsa.ExportParameters(false);
            Jwk = new JsonWebKeyDto { Kty = "EC", Alg = algorithm, Crv = "P-256", X = Base64UrlEncoder.Encode(p.Q.X), Y = Base64UrlEncoder.Encode(p.Q.Y) };
            Kid = Thumbprint($"{{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"{Jwk.X}\",\"y\":\"{Jwk.Y}\"}}");
            SecurityKey = new ECDsaSecurityKey(ecdsa) { KeyId = Kid };
        }
        Jwk = Jwk with { Kid = Kid };
    }

    public string Algorithm { get; }
    public string Kid { get; }
    public JsonWebKeyDto Jwk { get; }

    /// <summary>The key for signing (when it holds the private key) and verifying, carrying <see cref="Kid"/>.</summary>
    public SecurityKey SecurityKey { get; }

    public static bool IsSupported(string algorithm) => algorithm is Rs256 or Es256;

    public static AsymmetricKey Generate(string algorithm) =>
        new(algorithm, algorithm == Rs256 ? RSA.Create(MinimumRsaBits) : ECDsa.Create(ECCurve.NamedCurves.nistP256));

    public static AsymmetricKey FromPublicKey(string algorithm, byte[] subjectPublicKeyInfo) =>
        Checked(algorithm, key => key.ImportSubjectPublicKeyInfo(subjectPublicKeyInfo, out _), "stored public key");

    public static AsymmetricKey FromPrivateKey(string algorithm, byte[] pkcs8) =>
        Checked(algorithm, key => key.ImportPkcs8PrivateKey(pkcs8, out _), "stored private key");

    /// <summary>The private key of a PEM (PKCS#8 "PRIVATE KEY", or "RSA PRIVATE KEY"/"EC PRIVATE KEY"); a clear start-up error otherwise.</summary>
    public static AsymmetricKey FromPem(string algorithm, string pem)
    {
        var key = Checked(algorithm, k => k.ImportFromPem(pem), "Jwt:SigningKeyPem");
        try
        {
            key.ExportPrivateKey();
        }
        catch (CryptographicException)
        {
            throw new InvalidOperationException("Jwt:SigningKeyPem holds a public key; it must be the private key that signs the tokens.");
        }
        return key;
    }

    public byte[] ExportPublicKey() => _key.ExportSubjectPublicKeyInfo();

    public byte[] ExportPrivateKey() => _key.ExportPkcs8PrivateKey();

    private static AsymmetricKey Checked(string algorithm, Action<AsymmetricAlgorithm> import, string source)
    {
        AsymmetricAlgorithm key = algorithm == Rs256 ? RSA.Create() : ECDsa.Create();
        try
        {
            import(key);
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            key.Dispose();
            throw new InvalidOperationException($"{source} is not an {(algorithm == Rs256 ? "RSA" : "ECDSA P-256")} key, which Jwt:Algorithm {algorithm} needs.", e);
        }

        if (key is RSA { KeySize: < MinimumRsaBits })
            throw new InvalidOperationException($"{source} is an RSA key of {key.KeySize} bits; RS256 needs at least {MinimumRsaBits}.");
        if (key is ECDsa ecdsa && ecdsa.ExportParameters(false).Curve.Oid?.Value != P256Oid
                               && ecdsa.ExportParameters(false).Curve.Oid?.FriendlyName is not ("nistP256" or "ECDSA_P256"))
            throw new InvalidOperationException($"{source} is not on the P-256 curve, which ES256 needs.");
        return new AsymmetricKey(algorithm, key);
    }

    private static string Thumbprint(string canonicalJwk) =>
        Base64UrlEncoder.Encode(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalJwk)));
}
