using MusicPlayer.Application.Common.Audio;

namespace MusicPlayer.Infrastructure.Audio;

/// <summary>
/// Recognises the format from the first bytes, never from a name or a declared type, and lets that
/// format's reader do the rest. Whatever a hostile file makes a reader throw (a bad length, an
/// arithmetic overflow, an index past a buffer) comes out as <see cref="UnsupportedAudioException"/>.
/// </summary>
internal sealed class AudioInspector(IEnumerable<IFormatReader> readers) : IAudioInspector
{
    /// <summary>How much of the start of a file the readers' <see cref="IFormatReader.Matches"/> see.</summary>
    public const int HeadBytes = 64;

    public async Task<AudioInspection> InspectAsync(IByteSource source, CancellationToken cancellationToken)
    {
        var head = new byte[(int)Math.Min(HeadBytes, source.Length)];
        var read = await source.ReadAsync(0, head, cancellationToken);
        var reader = readers.FirstOrDefault(r => r.Matches(head.AsSpan(0, read)))
                     ?? throw new UnsupportedAudioException("The file is not audio in a supported format (MP3, FLAC, Ogg Vorbis, Ogg Opus, MP4/M4A, WAV).");
        try
        {
            return await reader.ReadAsync(source, cancellationToken);
        }
        catch (Exception ex) when (ex is not (UnsupportedAudioException or OperationCanceledException))
        {
            throw new UnsupportedAudioException("The audio file is damaged or truncated.");
        }
    }
}
