using MusicPlayer.Domain.Common;

namespace MusicPlayer.Domain.Uploads;

/// <summary>
/// An upload in three steps: an admin declares a file (name, size, optionally its SHA-256), sends its
/// bytes to a signed URL until <see cref="ExpiresAt"/>, then completes it into a song. The bytes, once
/// received whole, are remembered by their storage key; a completed session remembers its song.
/// </summary>
public sealed class UploadSession : Entity
{
    public const int FileNameMaxLength = 255;
    public const int Sha256Length = 64;
    public const int StorageKeyMaxLength = Catalog.AudioFile.StorageKeyMaxLength;

    private UploadSession() { }

    public string FileName { get; private set; } = "";
    /// <summary>The declared size in bytes: exactly this many must arrive.</summary>
    public long Size { get; private set; }
    /// <summary>The declared SHA-256 (lower-case hex), if any.</summary>
    public string? Sha256 { get; private set; }
    public int CreatedBy { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime ExpiresAt { get; private set; }
    /// <summary>Where the received bytes are stored; null until they arrived whole.</summary>
    public string? StoredKey { get; private set; }
    /// <summary>The received bytes' SHA-256 (lower-case hex); null until they arrived whole.</summary>
    public string? StoredSha256 { get; private set; }
    public DateTime? CompletedAt { get; private set; }
    /// <summary>The song the session became (or the one that already held its bytes).</summary>
    public int? SongId { get; private set; }

    public static UploadSession Create(string fileName, long size, string? sha256, int createdBy, DateTime now, TimeSpan lifetime)
    {
        if (size <= 0) throw new DomainException("size", "The size must be at least one byte.");
        if (lifetime <= TimeSpan.Zero) throw new DomainException("lifetime", "A session must live for some time.");
        return new UploadSession
        {
            FileName = Text.Required(fileName, "fileName", FileNameMaxLength),
            Size = size,
            Sha256 = sha256 is null ? null : IsSha256(sha256) ? sha256.ToLowerInvariant() : throw new DomainException("sha256", "Not a SHA-256 in hex."),
            CreatedBy = createdBy,
            CreatedAt = now,
            ExpiresAt = now + lifetime,
        };
    }

    /// <summary>64 hexadecimal digits.</summary>
    public static bool IsSha256(string value) => value.Length == Sha256Length && value.All(char.IsAsciiHexDigit);

    public bool IsExpired(DateTime now) => ExpiresAt <= now;

    public bool IsCompleted => CompletedAt is not null;

    /// <summary>Records the bytes that arrived (exactly <see cref="Size"/> of them, with the declared hash if any).</summary>
    public void Receive(string storedKey, long size, string sha256)
    {
        if (IsCompleted) throw new InvalidOperationException("A completed session takes no more bytes.");
        if (size != Size) throw new InvalidOperationException("Received bytes must be as many as declared.");
        if (Sha256 is not null && !string.Equals(Sha256, sha256, StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException("Received bytes must have the declared hash.");
        StoredKey = storedKey;
        StoredSha256 = sha256.ToLowerInvariant();
    }

    public void Complete(int songId, DateTime now)
    {
        if (StoredKey is null) throw new InvalidOperationException("A session completes once its bytes arrived.");
        SongId = songId;
        CompletedAt ??= now;
    }
}
