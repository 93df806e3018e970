using System.Buffers.Binary;
using MusicPlayer.Application.Common.Audio;

namespace MusicPlayer.Infrastructure.Audio;

/// <summary>
/// FLAC: "fLaC", then metadata blocks (STREAMINFO first: sample rate, channels, total samples;
/// VORBIS_COMMENT; PICTURE), each length checked against the file, then audio frames, whose first
/// sync code must follow the last block. A leading ID3v2 tag (some taggers write one) is skipped.
/// </summary>
internal sealed class FlacReader : IFormatReader
{
    /// <summary>More metadata blocks than any real file has: a walk past this is refused.</summary>
    private const int MaxBlocks = 1024;

    private const int StreamInfo = 0, VorbisComment = 4, Picture = 6, Invalid = 127;

    public bool Matches(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("fLaC"u8)) return true;
        // ID3-prefixed FLAC is recognised only when "fLaC" is visible in the head; other ID3 files are the MP3 reader's.
        var start = Id3v2Size(head);
        return start > 0 && start <= head.Length - 4 && head[(int)start..].StartsWith("fLaC"u8);
    }

    /// <summary>The length of an ID3v2 tag at the start of <paramref name="head"/> (header, footer included), or 0 when there is none.</summary>
    internal static long Id3v2Size(ReadOnlySpan<byte> head)
    {
        if (head.Length < 10 || !head.StartsWith("ID3"u8) || head[3] == 0xFF || head[4] == 0xFF) return 0;
        long size = 0;
        for (var i = 6; i < 10; i++)
        {
            if (head[i] >= 0x80) return 0; // not a syncsafe integer
            size = size << 7 | head[i];
        }
        return 10 + size + ((head[5] & 0x10) != 0 ? 10 : 0);
    }

    public async Task<AudioInspection> ReadAsync(IByteSource source, CancellationToken cancellationToken)
    {
        var start = Id3v2Size(await source.ReadUpToAsync(0, 10, cancellationToken));
        var magic = await source.ReadExactlyAsync(start, 4, 4, cancellationToken);
        if (!magic.AsSpan().SequenceEqual("fLaC"u8)) throw new UnsupportedAudioException("The file is not FLAC.");

        var position = start + 4;
        int? sampleRate = null, channels = null;
        long totalSamples = 0;
        var tags = AudioTags.None;
        List<FlacPicture> pictures = [];
        for (var index = 0; ; index++)
        {
            if (index >= MaxBlocks) throw new UnsupportedAudioException("The FLAC file has too many metadata blocks.");
            var header = await source.ReadExactlyAsync(position, 4, 4, cancellationToken);
            var last = (header[0] & 0x80) != 0;
            var type = header[0] & 0x7F;
            var length = header[1] << 16 | header[2] << 8 | header[3];
            var body = position + 4;
            if (length > source.Length - body) throw new UnsupportedAudioException("A FLAC metadata block runs past the end of the file.");
            if (index == 0 && type != StreamInfo) throw new UnsupportedAudioException("The FLAC file does not start with STREAMINFO.");
            switch (type)
            {
                case StreamInfo when index == 0:
                    if (length < 34) throw new UnsupportedAudioException("The FLAC STREAMINFO block is too short.");
                    var info = await source.ReadExactlyAsync(body, 34, 34, cancellationToken);
                    // Bits 80..99 sample rate, 100..102 channels - 1, 103..107 bits per sample - 1, 108..143 total samples.
                    var packed = BinaryPrimitives.ReadUInt64BigEndian(info.AsSpan(10));
                    sampleRate = (int)(packed >> 44);
                    channels = (int)(packed >> 41 & 0x7) + 1;
                    totalSamples = (long)(packed & 0xF_FFFF_FFFF);
                    if (sampleRate == 0) throw new UnsupportedAudioException("The FLAC STREAMINFO has no sample rate.");
                    break;
                case StreamInfo:
                    throw new UnsupportedAudioException("The FLAC file has a second STREAMINFO block.");
                case VorbisComment when ReferenceEquals(tags, AudioTags.None):
                    if (length > VorbisComments.MaxBytes) break; // larger than any cover we keep: ignored, not read
                    tags = VorbisComments.Parse(await source.ReadExactlyAsync(body, length, VorbisComments.MaxBytes, cancellationToken)).Tags;
                    break;
                case Picture when length <= EmbeddedPicture.MaxBytes + 64 * 1024:
                    if (FlacPicture.Parse(await source.ReadExactlyAsync(body, length, length, cancellationToken)) is { } picture)
                        pictures.Add(picture);
                    break;
                case Invalid:
                    throw new UnsupportedAudioException("The FLAC file has an invalid metadata block.");
            }
            position = body + length;
            if (last) break;
        }

        // Metadata alone is not audio: the first frame's sync code (14 bits of 1, then 0, then the blocking strategy) must follow.
        var sync = await source.ReadUpToAsync(position, 2, cancellationToken);
        if (sync.Length < 2 || sync[0] != 0xFF || (sync[1] & 0xFE) != 0xF8)
            throw new UnsupportedAudioException("The FLAC file has no audio frames.");

        var cover = pictures.FirstOrDefault(p => p.Type == FlacPicture.FrontCover) ?? pictures.FirstOrDefault();
        if (cover is not null) tags = tags with { FrontCover = cover.Picture };
        var duration = (double)totalSamples / sampleRate!.Value;
        int? bitrate = duration > 0 ? (int)Math.Min(int.MaxValue, Math.Round((source.Length - position) * 8 / duration)) : null;
        return new AudioInspection(AudioFormat.Flac, "audio/flac", "flac", duration, bitrate, sampleRate, channels, tags);
    }
}
