using MusicPlayer.Application.Common.Audio;

namespace MusicPlayer.Infrastructure.Audio;

/// <summary>
/// One container format's reader. <see cref="AudioInspector"/> offers a file to each reader whose
/// <see cref="Matches"/> accepts its first bytes; the reader then reads what it needs through the
/// source (bounded by its length) and throws <see cref="UnsupportedAudioException"/> for anything
/// it cannot vouch for.
/// </summary>
internal interface IFormatReader
{
    /// <summary>True when <paramref name="head"/> (the first up to <see cref="AudioInspector.HeadBytes"/> bytes) starts like this format.</summary>
    bool Matches(ReadOnlySpan<byte> head);

    Task<AudioInspection> ReadAsync(IByteSource source, CancellationToken cancellationToken);
}
