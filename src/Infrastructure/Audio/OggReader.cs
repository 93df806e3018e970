using System.Buffers.Binary;
using MusicPlayer.Application.Common.Audio;

namespace MusicPlayer.Infrastructure.Audio;

/// <summary>
/// Ogg Vorbis and Ogg Opus. The first packet of the first logical stream says which (<c>\x01vorbis</c>:
/// sample rate, channels, nominal bitrate; <c>OpusHead</c>: channels, pre-skip, input rate), the
/// second carries the Vorbis comments (<c>\x03vorbis</c> / <c>OpusTags</c>), reassembled across pages
/// up to a bounded size. The duration is the granule position of the last page (found in the file's
/// tail), less the pre-skip for Opus, over the sample rate (48 kHz for Opus). Every page's CRC is
/// checked. Any other Ogg stream (Theora, FLAC, Speex) is refused.
/// </summary>
internal sealed class OggReader : IFormatReader
{
    /// <summary>How much of the end of the file is searched for the last page (a page is at most 65,307 bytes).</summary>
    internal const int TailBytes = 80 * 1024;

    /// <summary>Pages read while collecting the header packets, at most.</summary>
    private const int MaxHeaderPages = 4096;

    private const int OpusRate = 48000;

    public bool Matches(ReadOnlySpan<byte> head) => head.StartsWith("OggS"u8);

    public async Task<AudioInspection> ReadAsync(IByteSource source, CancellationToken cancellationToken)
    {
        var packets = await ReadHeaderPacketsAsync(source, cancellationToken);
        var identification = packets.Identification;
        AudioFormat format;
        int sampleRate, channels, granuleRate;
        long preSkip = 0;
        int? nominalBitrate = null;
        ReadOnlySpan<byte> comments;
        if (identification.AsSpan().StartsWith("\x01vorbis"u8))
        {
            if (identification.Length < 30 || BinaryPrimitives.ReadUInt32LittleEndian(identification.AsSpan(7)) != 0)
                throw new UnsupportedAudioException("The Vorbis identification header is damaged.");
            format = AudioFormat.OggVorbis;
            channels = identification[11];
            sampleRate = granuleRate = BinaryPrimitives.ReadInt32LittleEndian(identification.AsSpan(12));
            var nominal = BinaryPrimitives.ReadInt32LittleEndian(identification.AsSpan(20));
            if (nominal > 0) nominalBitrate = nominal;
            if (!packets.Comment.AsSpan().StartsWith("\x03vorbis"u8))
                throw new UnsupportedAudioException("The Vorbis comment header is missing.");
            comments = packets.Comment.AsSpan(7);
        }
        else if (identification.AsSpan().StartsWith("OpusHead"u8))
        {
            // Version: the major part (high nibble) must be 0 for a decoder to read it.
            if (identification.Length < 19 || identification[8] >= 16)
                throw new UnsupportedAudioException("The Opus identification header is damaged.");
            format = AudioFormat.OggOpus;
            channels = identification[9];
            preSkip = BinaryPrimitives.ReadUInt16LittleEndian(identification.AsSpan(10));
            sampleRate = granuleRate = OpusRate; // Opus always decodes at 48 kHz; the input rate is informational
            if (!packets.Comment.AsSpan().StartsWith("OpusTags"u8))
                throw new UnsupportedAudioException("The Opus comment header is missing.");
            comments = packets.Comment.AsSpan(8);
        }
        else
        {
            throw new UnsupportedAudioException("The Ogg file holds neither Vorbis nor Opus audio.");
        }
        if (channels == 0 || sampleRate <= 0) throw new UnsupportedAudioException("The Ogg audio header is damaged.");

        var tags = VorbisComments.Parse(comments).Tags;
        var lastGranule = await LastGranuleAsync(source, packets.Serial, packets.AudioStart, cancellationToken);
        if (lastGranule <= preSkip) throw new UnsupportedAudioException("The Ogg file has no audio.");
        var duration = (double)(lastGranule - preSkip) / granuleRate;
        var bitrate = nominalBitrate ?? (int)Math.Min(int.MaxValue, Math.Round((source.Length - packets.AudioStart) * 8 / duration));
        return new AudioInspection(format, format == AudioFormat.OggOpus ? "audio/ogg; codecs=opus" : "audio/ogg",
            format == AudioFormat.OggOpus ? "opus" : "vorbis", duration, bitrate, sampleRate, channels, tags);
    }

    private sealed record HeaderPackets(uint Serial, byte[] Identification, byte[] Comment, long AudioStart);

    /// <summary>The first two packets of the first logical stream, read page by page from the start.</summary>
    private static async Task<HeaderPackets> ReadHeaderPacketsAsync(IByteSource source, CancellationToken cancellationToken)
    {
        var first = await Page.ReadAsync(source, 0, cancellationToken)
                    ?? throw new UnsupportedAudioException("The Ogg file's first page is damaged.");
        if ((first.HeaderType & 0x02) == 0) throw new UnsupportedAudioException("The Ogg file does not begin a stream.");
        var serial = first.Serial;
        List<byte[]> packets = [];
        var pending = new MemoryStream();
        var page = first;
        for (var pages = 0; ; pages++)
        {
            if (page.Serial == serial)
            {
                var body = await source.ReadExactlyAsync(page.BodyOffset, page.BodyLength, Page.MaxBody, cancellationToken);
                var offset = 0;
                foreach (var lacing in page.Segments)
                {
                    if (pending.Length + lacing > VorbisComments.MaxBytes + 64)
                        throw new UnsupportedAudioException("The Ogg header packets are too large.");
                    pending.Write(body, offset, lacing);
                    offset += lacing;
                    if (lacing < 255)
                    {
                        packets.Add(pending.ToArray());
                        pending.SetLength(0);
                        if (packets.Count == 2) return new HeaderPackets(serial, packets[0], packets[1], page.End);
                    }
                }
                // The identification packet is alone on the first page; whatever it is, it is known now.
                if (packets.Count == 0) throw new UnsupportedAudioException("The Ogg file's first packet is damaged.");
                if (!packets[0].AsSpan().StartsWith("\x01vorbis"u8) && !packets[0].AsSpan().StartsWith("OpusHead"u8))
                    throw new UnsupportedAudioException("The Ogg file holds neither Vorbis nor Opus audio.");
            }
            if (pages >= MaxHeaderPages) throw new UnsupportedAudioException("The Ogg header packets span too many pages.");
            page = await Page.ReadAsync(source, page.End, cancellationToken)
                   ?? throw new UnsupportedAudioException("The Ogg file is damaged or truncated.");
        }
    }

    /// <summary>The granule position of the last complete page of the stream, searched backwards in the file's tail.</summary>
    private static async Task<long> LastGranuleAsync(IByteSource source, uint serial, long audioStart, CancellationToken cancellationToken)
    {
        var tailStart = Math.Max(audioStart, source.Length - TailBytes);
        var tail = await source.ReadUpToAsync(tailStart, (int)(source.Length - tailStart), cancellationToken);
        for (var at = tail.Length - Page.MinHeader; at >= 0; at--)
        {
            if (tail[at] != 'O' || !tail.AsSpan(at).StartsWith("OggS"u8)) continue;
            var page = Page.Parse(tail.AsSpan(at), tailStart + at, checkCrc: true);
            if (page is { Granule: >= 0 } && page.Serial == serial) return page.Granule;
        }
        throw new UnsupportedAudioException("The Ogg file has no complete audio page.");
    }

    /// <summary>An Ogg page header: capture pattern, version 0, type, granule, serial, sequence, CRC, segment table.</summary>
    private sealed record Page(byte HeaderType, long Granule, uint Serial, byte[] Segments, long BodyOffset, int BodyLength)
    {
        public const int MinHeader = 27;
        public const int MaxBody = 255 * 255;

        public long End => BodyOffset + BodyLength;

        /// <summary>The page at <paramref name="offset"/>, its CRC checked, or null when there is no valid page there.</summary>
        public static async Task<Page?> ReadAsync(IByteSource source, long offset, CancellationToken cancellationToken)
        {
            var header = await source.ReadUpToAsync(offset, MinHeader + 255, cancellationToken);
            if (header.Length < MinHeader) return null;
            var total = MinHeader + header[26] + header.AsSpan(MinHeader, Math.Min(header[26], header.Length - MinHeader)).ToArray().Sum(b => b);
            if (total > source.Length - offset) return null;
            var whole = await source.ReadExactlyAsync(offset, total, MinHeader + 255 + MaxBody, cancellationToken);
            return Parse(whole, offset, checkCrc: true);
        }

        /// <summary>Parses a page that starts <paramref name="data"/>, or null when it is not one or does not fit.</summary>
        public static Page? Parse(ReadOnlySpan<byte> data, long offset, bool checkCrc)
        {
            if (data.Length < MinHeader || !data.StartsWith("OggS"u8) || data[4] != 0) return null;
            int count = data[26];
            if (data.Length < MinHeader + count) return null;
            var segments = data.Slice(MinHeader, count).ToArray();
            var bodyLength = segments.Sum(b => b);
            var length = MinHeader + count + bodyLength;
            if (data.Length < length) return null;
            if (checkCrc && Crc(data[..length]) != BinaryPrimitives.ReadUInt32LittleEndian(data[22..])) return null;
            return new Page(data[5], BinaryPrimitives.ReadInt64LittleEndian(data[6..]), BinaryPrimitives.ReadUInt32LittleEndian(data[14..]),
                segments, offset + MinHeader + count, bodyLength);
        }
    }

    private static readonly uint[] CrcTable = BuildCrcTable();

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            var r = i << 24;
            for (var bit = 0; bit < 8; bit++) r = (r & 0x80000000) != 0 ? r << 1 ^ 0x04C11DB7 : r << 1;
            table[i] = r;
        }
        return table;
    }

    /// <summary>The Ogg CRC-32 (polynomial 0x04C11DB7, no reflection) of a page, its CRC field taken as zero.</summary>
    internal static uint Crc(ReadOnlySpan<byte> page)
    {
        uint crc = 0;
        for (var i = 0; i < page.Length; i++)
        {
            var b = i is >= 22 and < 26 ? (byte)0 : page[i];
            crc = crc << 8 ^ CrcTable[(crc >> 24 ^ b) & 0xFF];
        }
        return crc;
    }
}
