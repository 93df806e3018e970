namespace MusicPlayer.Application.Features.Streaming;

/// <summary>
/// Signs and checks the expiring stream URL of a song: an HMAC-SHA256 over the song's id and the
/// expiry, with a key only the service holds, compared in constant time.
/// </summary>
public interface IStreamUrlSigner
{
    /// <summary>The signature (base64url) of song <paramref name="songId"/>'s stream URL expiring at <paramref name="expires"/> (Unix seconds).</summary>
    string Sign(int songId, long expires);

    /// <summary>True when <paramref name="signature"/> is the signature of that song and expiry.</summary>
    bool IsValid(int songId, long expires, string signature);
}

/// <summary>
/// How songs are streamed: the lifetime of signed URLs (<c>Streaming:SignedUrlMinutes</c>), whether a
/// store that can presign answers with a redirect to it (<c>Storage:S3:RedirectStreams</c>) and how many
/// streams may be open at once (<c>Streaming:MaxOpenStreams</c>; beyond it a 503 with Retry-After).
/// </summary>
public sealed record StreamingOptions(
    int SignedUrlMinutes = StreamingOptions.DefaultSignedUrlMinutes,
    bool RedirectToStore = true,
    int MaxOpenStreams = StreamingOptions.DefaultMaxOpenStreams)
{
    public const int DefaultSignedUrlMinutes = 60;
    public const int DefaultMaxOpenStreams = 512;

    /// <summary>A redirect to the store lives at most this long: a leaked one is soon useless.</summary>
    public static readonly TimeSpan MaxRedirectLifetime = TimeSpan.FromMinutes(5);

    public TimeSpan SignedUrlLifetime => TimeSpan.FromMinutes(SignedUrlMinutes);

    /// <summary>Refuses settings that would make every URL expired or no stream possible.</summary>
    public StreamingOptions Validated() =>
        SignedUrlMinutes is < 1 or > 7 * 24 * 60
            ? throw new InvalidOperationException("Streaming:SignedUrlMinutes must be between 1 and 10080 (a week).")
            : MaxOpenStreams < 1
                ? throw new InvalidOperationException("Streaming:MaxOpenStreams must be at least 1.")
                : this;
}

/// <summary>A song's signed stream URL and when it stops working (UTC).</summary>
public sealed record StreamUrlDto(string Url, DateTime ExpiresAt);
