using System.Buffers.Binary;
using System.Text;
using MusicPlayer.Application.Common.Audio;

namespace MusicPlayer.Infrastructure.Audio;

/// <summary>
/// WAV: a RIFF/WAVE file of PCM samples (format 1, or WAVE_FORMAT_EXTENSIBLE with the PCM subformat).
/// Walks the chunks (each size checked against the file, odd sizes padded, a bounded count), reads
/// <c>fmt </c>, takes the duration from the <c>data</c> size and the byte rate without reading the
/// samples, and the tags from <c>LIST/INFO</c> and an <c>id3 </c> chunk (whose fields come first).
/// </summary>
internal sealed class WavReader : IFormatReader
{
    private const int MaxChunks = 1024;
    private const int MaxInfoBytes = 256 * 1024;

    /// <summary>The GUID tail every KSDATAFORMAT subtype shares; the first two bytes are the format code.</summary>
    private static readonly byte[] SubformatTail = [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71];

    public bool Matches(ReadOnlySpan<byte> head) =>
        head.Length >= 12 && head[..4].SequenceEqual("RIFF"u8) && head.Slice(8, 4).SequenceEqual("WAVE"u8);

    public async Task<AudioInspection> ReadAsync(IByteSource source, CancellationToken cancellationToken)
    {
        var head = await source.ReadUpToAsync(0, 12, cancellationToken);
        if (head.Length < 12 || !Matches(head)) throw Unsupported("The file is not a RIFF/WAVE file.");
        // The RIFF size bounds the walk; a RIFF size past the file's end is taken as the file's end.
        var end = Math.Min(source.Length, 8 + (long)BinaryPrimitives.ReadUInt32LittleEndian(head.AsSpan(4)));
        byte[]? format = null;
        long? dataSize = null;
        AudioTags info = AudioTags.None, id3 = AudioTags.None;
        long position = 12;
        for (var count = 0; position + 8 <= end; count++)
        {
            if (count >= MaxChunks) throw Unsupported("The WAV file has too many chunks.");
            var chunkHeader = await source.ReadExactlyAsync(position, 8, 8, cancellationToken);
            var id = Encoding.ASCII.GetString(chunkHeader, 0, 4);
            long size = BinaryPrimitives.ReadUInt32LittleEndian(chunkHeader.AsSpan(4));
            var body = position + 8;
            if (size > end - body) throw Unsupported($"The WAV chunk '{id}' claims more bytes than the file has.");
            switch (id)
            {
                case "fmt " when format is null:
                    if (size < 16) throw Unsupported("The WAV format chunk is too short.");
                    format = await source.ReadExactlyAsync(body, Math.Min(size, 40), 40, cancellationToken);
                    break;
                case "data" when dataSize is null:
                    dataSize = size;
                    break;
                case "LIST" when size >= 4 && size <= MaxInfoBytes:
                    var list = await source.ReadExactlyAsync(body, size, MaxInfoBytes, cancellationToken);
                    if (list.AsSpan(0, 4).SequenceEqual("INFO"u8)) info = Id3v1.Merge(info, ReadInfo(list.AsSpan(4)));
                    break;
                case "id3 " or "ID3 " when size >= Id3v2.HeaderBytes && size <= Id3v2.ReadLimit:
                    var tag = await source.ReadExactlyAsync(body, size, Id3v2.ReadLimit, cancellationToken);
                    if (Id3v2.ReadHeader(tag) is { } header)
                        id3 = Id3v2.Parse(header, tag.AsSpan(Id3v2.HeaderBytes, (int)Math.Min(header.BodySize, size - Id3v2.HeaderBytes)));
                    break;
            }
            position = body + size + (size & 1);
        }
        if (format is null) throw Unsupported("The WAV file has no format chunk.");
        if (dataSize is null) throw Unsupported("The WAV file has no data chunk.");

        var formatTag = BinaryPrimitives.ReadUInt16LittleEndian(format);
        if (formatTag == 0xFFFE)
        {
            // WAVE_FORMAT_EXTENSIBLE: cbSize 22, then valid bits, channel mask and the subformat GUID.
            if (format.Length < 40 || !format.AsSpan(26, 14).SequenceEqual(SubformatTail))
                throw Unsupported("The WAV file's extensible format is not PCM.");
            formatTag = BinaryPrimitives.ReadUInt16LittleEndian(format.AsSpan(24));
        }
        if (formatTag != 1) throw Unsupported($"The WAV file's samples are not PCM (format {formatTag}).");
        var channels = BinaryPrimitives.ReadUInt16LittleEndian(format.AsSpan(2));
        var sampleRate = BinaryPrimitives.ReadUInt32LittleEndian(format.AsSpan(4));
        var byteRate = BinaryPrimitives.ReadUInt32LittleEndian(format.AsSpan(8));
        if (channels == 0 || sampleRate == 0 || sampleRate > int.MaxValue || byteRate == 0 || byteRate > int.MaxValue / 8)
            throw Unsupported("The WAV format chunk is not valid.");
        var duration = (double)dataSize.Value / byteRate;
        return new AudioInspection(AudioFormat.Wav, "audio/wav", "pcm", duration, (int)byteRate * 8, (int)sampleRate, channels,
            Id3v1.Merge(id3, info));
    }

    /// <summary>The sub-chunks of a <c>LIST/INFO</c> chunk: INAM title, IART artist, IPRD album, ICRD date, IGNR genre, ITRK/IPRT track.</summary>
    private static AudioTags ReadInfo(ReadOnlySpan<byte> items)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var position = 0;
        while (position + 8 <= items.Length)
        {
            var id = Encoding.ASCII.GetString(items.Slice(position, 4));
            var size = BinaryPrimitives.ReadUInt32LittleEndian(items[(position + 4)..]);
            if (size > items.Length - position - 8) break;
            var text = Text(items.Slice(position + 8, (int)size));
            if (text is not null) values.TryAdd(id, text);
            position += 8 + (int)size + (int)(size & 1);
        }
        string? Get(string id) => values.GetValueOrDefault(id);
        var artist = Get("IART");
        var (track, total) = Id3v2.NumberPair(Get("ITRK") ?? Get("IPRT"));
        return new AudioTags(
            Title: Get("INAM"),
            Artists: artist is null ? null : [artist],
            Album: Get("IPRD"),
            TrackNumber: track,
            TrackTotal: total,
            Date: Get("ICRD"),
            Genre: Get("IGNR"));
    }

    /// <summary>An INFO value: NUL-terminated, UTF-8 when it decodes as such (ffmpeg and most tools), else ISO-8859-1.</summary>
    private static string? Text(ReadOnlySpan<byte> bytes)
    {
        var nul = bytes.IndexOf((byte)0);
        if (nul >= 0) bytes = bytes[..nul];
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            text = Encoding.Latin1.GetString(bytes);
        }
        text = text.Trim();
        return text.Length == 0 ? null : text;
    }

    private static UnsupportedAudioException Unsupported(string message) => new(message);
}
