namespace MusicPlayer.Application.Common.Audio;

/// <summary>
/// Recognises an audio file from its bytes and reads its tags and stream properties, reading only
/// what it needs (headers and the tail). Every file is treated as hostile: anything that is not one
/// of the supported formats with decodable audio frames, or whose structure is broken (lengths past
/// the end, loops, truncation), throws <see cref="UnsupportedAudioException"/>, never anything else.
/// </summary>
public interface IAudioInspector
{
    Task<AudioInspection> InspectAsync(IByteSource source, CancellationToken cancellationToken);
}

public enum AudioFormat
{
    Mp3,
    Flac,
    OggVorbis,
    OggOpus,
    Mp4,
    Wav,
}

/// <summary>What an audio file is: its format, the stream's own properties, and its tags.</summary>
/// <param name="Codec">For MP4: <c>aac</c> or <c>alac</c>; otherwise the format's codec (<c>mp3</c>, <c>flac</c>, <c>vorbis</c>, <c>opus</c>, <c>pcm</c>).</param>
/// <param name="DurationSeconds">From the stream, not from tags: exact where the format says it, else estimated from frames.</param>
/// <param name="Bitrate">Average bits per second, when known.</param>
public sealed record AudioInspection(
    AudioFormat Format,
    string MimeType,
    string Codec,
    double DurationSeconds,
    int? Bitrate,
    int? SampleRate,
    int? Channels,
    AudioTags Tags);

/// <summary>The tags of a file, as written (trimmed; missing fields null). Several artists are kept apart.</summary>
public sealed record AudioTags(
    string? Title = null,
    IReadOnlyList<string>? Artists = null,
    string? Album = null,
    string? AlbumArtist = null,
    int? TrackNumber = null,
    int? TrackTotal = null,
    int? DiscNumber = null,
    string? Date = null,
    string? Genre = null,
    EmbeddedPicture? FrontCover = null)
{
    public static readonly AudioTags None = new();
}

/// <summary>An embedded picture (the front cover), its bytes bounded by the reader.</summary>
public sealed record EmbeddedPicture(string MimeType, byte[] Data)
{
    /// <summary>Readers ignore larger pictures rather than allocate for them.</summary>
    public const int MaxBytes = 5 * 1024 * 1024;
}

/// <summary>The bytes are not audio the service takes (415).</summary>
public sealed class UnsupportedAudioException(string message) : Errors.AppException(message);
