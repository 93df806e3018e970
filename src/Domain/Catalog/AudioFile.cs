using MusicPlayer.Domain.Common;

namespace MusicPlayer.Domain.Catalog;

/// <summary>
/// A song's stored audio: where its bytes are (a content-addressed storage key), what they are (format
/// and MIME type, recognised from the bytes) and the stream's own properties. Immutable: replacing a
/// song's audio replaces the whole value.
/// </summary>
public sealed class AudioFile
{
    public const int StorageKeyMaxLength = 100;
    public const int FormatMaxLength = 20;
    public const int MimeTypeMaxLength = 50;
    public const int Sha256Length = 64;

    private AudioFile() { }

    /// <param name="durationSeconds">The exact duration; kept to the millisecond.</param>
    public AudioFile(string storageKey, string format, string mimeType, long size, string sha256, double durationSeconds,
        int? bitrate, int? sampleRate, int? channels)
    {
        StorageKey = Stored.Key(storageKey, StorageKeyMaxLength);
        Format = Text.Required(format, "format", FormatMaxLength);
        MimeType = Text.Required(mimeType, "mimeType", MimeTypeMaxLength);
        Size = size > 0 ? size : throw new DomainException("size", "An audio file is not empty.");
        Sha256 = Stored.Sha256(sha256);
        DurationSeconds = double.IsFinite(durationSeconds) && durationSeconds >= 0
            ? Math.Round(durationSeconds, 3, MidpointRounding.AwayFromZero)
            : throw new DomainException("duration", "The duration of an audio file is a finite number of seconds.");
        Bitrate = bitrate is null or > 0 ? bitrate : null;
        SampleRate = sampleRate is null or > 0 ? sampleRate : null;
        Channels = channels is null or > 0 ? channels : null;
    }

    public string StorageKey { get; private set; } = "";
    public string Format { get; private set; } = "";
    public string MimeType { get; private set; } = "";
    public long Size { get; private set; }
    public string Sha256 { get; private set; } = "";

    /// <summary>The exact duration in seconds, to the millisecond.</summary>
    public double DurationSeconds { get; private set; }

    public int? Bitrate { get; private set; }
    public int? SampleRate { get; private set; }
    public int? Channels { get; private set; }

    /// <summary>
    /// The duration in whole seconds as songs carry it: rounded, at least 1 (a sub-second clip still
    /// lasts), and refused beyond the catalog's longest song.
    /// </summary>
    public int WholeSeconds
    {
        get
        {
            var seconds = Math.Max(CatalogRules.MinDurationSeconds, (long)Math.Round(DurationSeconds, MidpointRounding.AwayFromZero));
            return seconds <= CatalogRules.MaxDurationSeconds
                ? (int)seconds
                : throw new DomainException("duration",
                    $"'duration' must be between {CatalogRules.MinDurationSeconds} and {CatalogRules.MaxDurationSeconds} seconds.");
        }
    }
}

/// <summary>A stored cover image of a song or an album (JPEG, PNG or WebP, recognised from its bytes).</summary>
public sealed class CoverImage
{
    public const int MimeTypeMaxLength = 50;

    /// <summary>Covers are small: larger images are refused.</summary>
    public const int MaxBytes = 5 * 1024 * 1024;

    public static readonly IReadOnlyList<string> MimeTypes = new[] { "image/jpeg", "image/png", "image/webp" };

    private CoverImage() { }

    public CoverImage(string storageKey, string mimeType, long size, string sha256)
    {
        StorageKey = Stored.Key(storageKey, AudioFile.StorageKeyMaxLength);
        MimeType = MimeTypes.Contains(mimeType)
            ? mimeType
            : throw new DomainException("mimeType", "A cover is a JPEG, PNG or WebP image.");
        Size = size is > 0 and <= MaxBytes ? size : throw new DomainException("size", $"A cover holds 1 to {MaxBytes} bytes.");
        Sha256 = Stored.Sha256(sha256);
    }

    public string StorageKey { get; private set; } = "";
    public string MimeType { get; private set; } = "";
    public long Size { get; private set; }
    public string Sha256 { get; private set; } = "";
}

internal static class Stored
{
    public static string Key(string? key, int maxLength) =>
        Text.Required(key, "storageKey", maxLength) is var k && !Text.HasForbiddenCharacters(k)
            ? k
            : throw new DomainException("storageKey", "A storage key is plain text.");

    public static string Sha256(string? value) =>
        value is { Length: AudioFile.Sha256Length } && value.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f')
            ? value
            : throw new DomainException("sha256", "A SHA-256 is 64 lower-case hex digits.");
}
