using System.Buffers.Binary;
using MusicPlayer.Application.Common.Audio;

namespace MusicPlayer.Infrastructure.Audio;

/// <summary>
/// MP3: MPEG-1, MPEG-2 and MPEG-2.5 Layer III, with or without ID3v2 (at the start) and ID3v1 (at the
/// end; it fills what ID3v2 lacks). The audio is accepted only when several consecutive valid frames
/// follow the tags. Duration from a Xing/Info header (with LAME's encoder delay and padding) or a VBRI
/// header, else a frame scan streamed in chunks and bounded; when the scan stops at its bound, a
/// constant bitrate gives the duration from the size, and a varying one is extrapolated.
/// Reads the head (tags and the first frames) and the last 160 bytes; only a scan reads more.
/// </summary>
internal sealed class Mp3Reader : IFormatReader
{
    /// <summary>How far after the tags the first frame may start (some writers leave padding or junk).</summary>
    internal const int SyncSearchBytes = 64 * 1024;

    /// <summary>Consecutive valid frames needed to believe the stream is MP3.</summary>
    internal const int ConfirmFrames = 3;

    /// <summary>The frame scan reads this much for a constant bitrate to show, at most <see cref="ScanLimitBytes"/> in all.</summary>
    internal const int CbrProbeBytes = 256 * 1024;

    internal const long ScanLimitBytes = 8L * 1024 * 1024;
    private const int ScanChunkBytes = 64 * 1024;
    private const int MaxLeadingTags = 4;

    public bool Matches(ReadOnlySpan<byte> head) =>
        (head.Length >= 3 && head[0] == 'I' && head[1] == 'D' && head[2] == '3') || Frame.TryParse(head, out _);

    public async Task<AudioInspection> ReadAsync(IByteSource source, CancellationToken cancellationToken)
    {
        var length = source.Length;
        long audioStart = 0;
        var tags = AudioTags.None;
        var tagged = false;
        for (var i = 0; i < MaxLeadingTags; i++)
        {
            var headerBytes = await source.ReadUpToAsync(audioStart, Id3v2.HeaderBytes, cancellationToken);
            if (headerBytes.Length < 3 || headerBytes[0] != 'I' || headerBytes[1] != 'D' || headerBytes[2] != '3') break;
            var header = Id3v2.ReadHeader(headerBytes) ?? throw Unsupported("The ID3v2 header is not valid.");
            if (header.TotalSize > length - audioStart) throw Unsupported("The ID3v2 tag claims more bytes than the file has.");
            if (!tagged)
            {
                var body = await source.ReadExactlyAsync(audioStart + Id3v2.HeaderBytes, Math.Min(header.BodySize, Id3v2.ReadLimit),
                    Id3v2.ReadLimit, cancellationToken);
                tags = Id3v2.Parse(header, body);
                tagged = true;
            }
            audioStart += header.TotalSize;
        }

        // The tail: ID3v1 (128 bytes) and an APEv2 tag before it (ignored, but not audio).
        var audioEnd = length;
        var tail = await source.ReadUpToAsync(Math.Max(audioStart, length - 160), 160, cancellationToken);
        if (tail.Length >= Id3v1.Size && Id3v1.IsTag(tail.AsSpan(tail.Length - Id3v1.Size)))
        {
            var v1 = Id3v1.Parse(tail.AsSpan(tail.Length - Id3v1.Size));
            tags = tagged ? Id3v1.Merge(tags, v1) : v1;
            audioEnd -= Id3v1.Size;
        }
        var apeFooter = tail.Length - (length - audioEnd) - 32;
        if (apeFooter >= 0 && tail.AsSpan((int)apeFooter, 8).SequenceEqual("APETAGEX"u8))
        {
            long apeSize = BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan((int)apeFooter + 12));
            var hasHeader = (BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan((int)apeFooter + 20)) & 0x80000000) != 0;
            apeSize += hasHeader ? 32 : 0;
            if (apeSize <= audioEnd - audioStart) audioEnd -= apeSize;
        }
        if (audioEnd <= audioStart) throw Unsupported("The file has tags but no audio.");

        var window = await source.ReadUpToAsync(audioStart,
            (int)Math.Min(SyncSearchBytes + (ConfirmFrames + 1) * Frame.MaxLength, audioEnd - audioStart), cancellationToken);
        var (at, first) = FindFirstFrame(window, audioEnd - audioStart);
        var firstOffset = audioStart + at;
        var audioBytes = audioEnd - firstOffset;

        double duration;
        long? streamBytes = null;
        if (VbrHeader.Read(window.AsSpan(at, (int)Math.Min(first.Length, window.Length - at)), first) is { } vbr
            && vbr.Frames > 0 && (long)vbr.Frames * Frame.MinLength <= 2 * audioBytes)
        {
            var samples = (long)vbr.Frames * first.SamplesPerFrame - vbr.EncoderDelay - vbr.Padding;
            if (samples <= 0) samples = (long)vbr.Frames * first.SamplesPerFrame;
            duration = (double)samples / first.SampleRate;
            streamBytes = vbr.Bytes is > 0 && vbr.Bytes <= audioBytes ? vbr.Bytes : audioBytes;
        }
        else
        {
            duration = await ScanAsync(source, firstOffset, audioEnd, first, cancellationToken);
        }
        if (!(duration > 0)) throw Unsupported("The MP3 stream has no audio frames.");
        var bitrate = (int)Math.Round((streamBytes ?? audioBytes) * 8 / duration);
        return new AudioInspection(AudioFormat.Mp3, "audio/mpeg", "mp3", duration, bitrate, first.SampleRate, first.Channels, tags);
    }

    /// <summary>The first offset in <paramref name="window"/> where <see cref="ConfirmFrames"/> valid frames follow each other.</summary>
    private static (int At, Frame Frame) FindFirstFrame(byte[] window, long audioLength)
    {
        var limit = Math.Min(window.Length - 4, SyncSearchBytes);
        for (var at = 0; at <= limit; at++)
        {
            if (window[at] != 0xFF || !Frame.TryParse(window.AsSpan(at), out var frame)) continue;
            if (Confirmed(window, at, frame, audioLength)) return (at, frame);
        }
        throw Unsupported("No MPEG audio frames were found.");
    }

    private static bool Confirmed(byte[] window, int at, Frame first, long audioLength)
    {
        long position = at;
        for (var count = 1; ; count++)
        {
            var frame = count == 1 ? first : default;
            if (count > 1 && (position + 4 > window.Length || !Frame.TryParse(window.AsSpan((int)position), out frame) || !frame.SameStream(first)))
                return false;
            position += frame.Length;
            if (position > audioLength) return false; // a truncated frame
            if (count >= ConfirmFrames) return true;
            if (position == audioLength) return count >= 2; // a short file, frames to its very end
        }
    }

    /// <summary>
    /// Counts frames from <paramref name="start"/>, streaming chunks. To the end: an exact duration. Stopped at the
    /// bound: from the size for a constant bitrate, else extrapolated from what was scanned.
    /// </summary>
    private static async Task<double> ScanAsync(IByteSource source, long start, long end, Frame first, CancellationToken cancellationToken)
    {
        long position = start, samples = 0;
        var constant = true;
        var bounded = false;
        byte[] chunk = [];
        long chunkStart = 0;
        while (position + 4 <= end)
        {
            var scanned = position - start;
            if (scanned >= ScanLimitBytes || (constant && scanned >= CbrProbeBytes))
            {
                bounded = true;
                break;
            }
            if (position + 4 > chunkStart + chunk.Length)
            {
                cancellationToken.ThrowIfCancellationRequested();
                chunkStart = position;
                chunk = await source.ReadUpToAsync(position, (int)Math.Min(ScanChunkBytes, end - position), cancellationToken);
            }
            // Junk, another stream or a truncated last frame ends the audio.
            if (!Frame.TryParse(chunk.AsSpan((int)(position - chunkStart)), out var frame) || !frame.SameStream(first)) break;
            if (position + frame.Length > end) break;
            constant &= frame.Bitrate == first.Bitrate;
            samples += frame.SamplesPerFrame;
            position += frame.Length;
        }
        var counted = (double)samples / first.SampleRate;
        if (!bounded) return counted;
        return constant ? (end - start) * 8.0 / first.Bitrate : counted * (end - start) / (position - start);
    }

    private static UnsupportedAudioException Unsupported(string message) => new(message);

    /// <summary>An MPEG audio Layer III frame header; <paramref name="Version"/> is 1 (MPEG-1), 2 (MPEG-2) or 25 (MPEG-2.5).</summary>
    internal readonly record struct Frame(int Version, int Bitrate, int SampleRate, bool Padding, int ChannelMode)
    {
        /// <summary>The longest Layer III frame (320 kb/s at 32 kHz, or 160 kb/s at 8 kHz, padded).</summary>
        public const int MaxLength = 1441;

        /// <summary>The shortest Layer III frame (8 kb/s at 24 kHz).</summary>
        public const int MinLength = 24;

        private static readonly int[] Mpeg1Bitrates = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
        private static readonly int[] Mpeg2Bitrates = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];
        private static readonly int[] Mpeg1Rates = [44100, 48000, 32000];

        public int SamplesPerFrame => Version == 1 ? 1152 : 576;
        public int Length => (Version == 1 ? 144 : 72) * Bitrate / SampleRate + (Padding ? 1 : 0);
        public int Channels => ChannelMode == 3 ? 1 : 2;

        /// <summary>Bytes of side information after the header (where a Xing header follows).</summary>
        public int SideInfoLength => Version == 1 ? (Channels == 1 ? 17 : 32) : (Channels == 1 ? 9 : 17);

        public bool SameStream(Frame other) =>
            Version == other.Version && SampleRate == other.SampleRate && Channels == other.Channels;

        public static bool TryParse(ReadOnlySpan<byte> b, out Frame frame)
        {
            frame = default;
            if (b.Length < 4 || b[0] != 0xFF || (b[1] & 0xE0) != 0xE0) return false;
            var versionBits = (b[1] >> 3) & 3;
            var layerBits = (b[1] >> 1) & 3;
            var bitrateIndex = b[2] >> 4;
            var rateIndex = (b[2] >> 2) & 3;
            if (versionBits == 1 || layerBits != 1 || bitrateIndex is 0 or 15 || rateIndex == 3 || (b[3] & 3) == 2) return false;
            var version = versionBits switch { 3 => 1, 2 => 2, _ => 25 };
            var bitrate = (version == 1 ? Mpeg1Bitrates : Mpeg2Bitrates)[bitrateIndex] * 1000;
            var rate = Mpeg1Rates[rateIndex] / (version switch { 1 => 1, 2 => 2, _ => 4 });
            frame = new Frame(version, bitrate, rate, (b[2] & 2) != 0, b[3] >> 6);
            return true;
        }
    }

    /// <summary>A Xing/Info (with LAME's encoder delay and padding) or VBRI header in the first frame.</summary>
    private sealed record VbrHeader(int Frames, long? Bytes, int EncoderDelay, int Padding)
    {
        public static VbrHeader? Read(ReadOnlySpan<byte> frameBytes, Frame frame)
        {
            var xing = 4 + frame.SideInfoLength;
            if (frameBytes.Length >= xing + 8 && (frameBytes.Slice(xing, 4).SequenceEqual("Xing"u8) || frameBytes.Slice(xing, 4).SequenceEqual("Info"u8)))
            {
                var flags = BinaryPrimitives.ReadUInt32BigEndian(frameBytes.Slice(xing + 4));
                var position = xing + 8;
                int frames = 0;
                long? bytes = null;
                if ((flags & 1) != 0)
                {
                    if (frameBytes.Length < position + 4) return null;
                    frames = (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(frameBytes.Slice(position)), int.MaxValue);
                    position += 4;
                }
                if ((flags & 2) != 0)
                {
                    if (frameBytes.Length < position + 4) return null;
                    bytes = BinaryPrimitives.ReadUInt32BigEndian(frameBytes.Slice(position));
                    position += 4;
                }
                if ((flags & 4) != 0) position += 100; // table of contents
                if ((flags & 8) != 0) position += 4; // quality
                int delay = 0, padding = 0;
                // LAME's extension: a 9-byte encoder name, then at +21 the delay and padding, 12 bits each.
                if (frameBytes.Length >= position + 24 && frameBytes.Slice(position, 4).SequenceEqual("LAME"u8))
                {
                    var gapless = frameBytes.Slice(position + 21, 3);
                    delay = (gapless[0] << 4) | (gapless[1] >> 4);
                    padding = ((gapless[1] & 0x0F) << 8) | gapless[2];
                }
                return new VbrHeader(frames, bytes, delay, padding);
            }
            const int vbri = 4 + 32;
            if (frameBytes.Length >= vbri + 18 && frameBytes.Slice(vbri, 4).SequenceEqual("VBRI"u8))
            {
                long bytes = BinaryPrimitives.ReadUInt32BigEndian(frameBytes.Slice(vbri + 10));
                var frames = (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(frameBytes.Slice(vbri + 14)), int.MaxValue);
                return new VbrHeader(frames, bytes, 0, 0);
            }
            return null;
        }
    }
}
