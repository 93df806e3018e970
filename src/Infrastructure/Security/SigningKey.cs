using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MusicPlayer.Infrastructure.Security;

/// <summary>
/// An access token signing key the service generated (RS256 or ES256): the public key in the clear
/// (SubjectPublicKeyInfo, DER), the private key encrypted (<see cref="SigningKeyProtector"/>). The newest key
/// that is not retired signs; a retired one still verifies, and is published, until the tokens it signed have expired.
/// </summary>
public sealed class SigningKey
{
    public const int KidMaxLength = 64;
    public const int AlgorithmMaxLength = 10;

    private SigningKey() { }

    public SigningKey(string kid, string algorithm, byte[] publicKey, byte[] encryptedPrivateKey, DateTime createdAt)
    {
        Kid = kid;
        Algorithm = algorithm;
        PublicKey = publicKey;
        EncryptedPrivateKey = encryptedPrivateKey;
        CreatedAt = createdAt;
    }

    public int Id { get; private set; }
    public string Kid { get; private set; } = "";
    public string Algorithm { get; private set; } = "";
    public byte[] PublicKey { get; private set; } = [];
    public byte[] EncryptedPrivateKey { get; private set; } = [];
    public DateTime CreatedAt { get; private set; }

    /// <summary>When the key stopped signing (a newer one took over); null while it signs.</summary>
    public DateTime? RetiredAt { get; private set; }

    public void Retire(DateTime now) => RetiredAt ??= now;
}

internal sealed class SigningKeyConfiguration : IEntityTypeConfiguration<SigningKey>
{
    public void Configure(EntityTypeBuilder<SigningKey> e)
    {
        e.ToTable("SigningKeys");
        e.HasKey(k => k.Id);
        e.Property(k => k.Kid).HasMaxLength(SigningKey.KidMaxLength).IsRequired();
        e.Property(k => k.Algorithm).HasMaxLength(SigningKey.AlgorithmMaxLength).IsRequired();
        e.Property(k => k.PublicKey).IsRequired();
        e.Property(k => k.EncryptedPrivateKey).IsRequired();
        e.HasIndex(k => k.Kid).IsUnique();
    }
}
