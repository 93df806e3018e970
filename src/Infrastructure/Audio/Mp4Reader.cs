using System.Buffers.Binary;
using System.Text;
using MusicPlayer.Application.Common.Audio;

namespace MusicPlayer.Infrastructure.Audio;

/// <summary>
/// MP4/M4A (ISO base media): a tree of atoms (32-bit size, 64-bit size, or size 0 = to the end),
/// each checked to fit its parent, nesting bounded, every walk strictly advancing. <c>ftyp</c> must
/// come first with an MP4 brand; <c>moov</c> may come before or after <c>mdat</c>, whose body is never
/// read. The audio track (<c>hdlr</c> <c>soun</c>, sample entry <c>mp4a</c> with an AAC <c>esds</c>, or
/// <c>alac</c>) gives codec, sample rate and channels; <c>mvhd</c> (else the track's <c>mdhd</c>) the
/// duration; <c>udta/meta/ilst</c> the tags. Only atom headers and the few small atoms named here are read.
/// </summary>
internal sealed class Mp4Reader : IFormatReader
{
    private const int MaxDepth = 12;
    private const int MaxChildren = 4096;
    private const int MaxTextBytes = 64 * 1024;
    private const int MaxSmallAtom = 64 * 1024;

    private static readonly HashSet<string> Brands =
        ["M4A ", "M4B ", "M4P ", "M4V ", "mp41", "mp42", "isom", "iso2", "iso3", "iso4", "iso5", "iso6", "dash", "avc1", "MSNV", "f4a "];

    public bool Matches(ReadOnlySpan<byte> head) => head.Length >= 12 && head[4..].StartsWith("ftyp"u8);

    private readonly record struct Atom(string Type, long Start, long BodyStart, long End)
    {
        public long BodyLength => End - BodyStart;
    }

    private static UnsupportedAudioException Damaged() => new("The MP4 file is damaged or truncated.");

    /// <summary>The atoms between <paramref name="start"/> and <paramref name="end"/>, headers only, each inside the range.</summary>
    private static async IAsyncEnumerable<Atom> ChildrenAsync(IByteSource source, long start, long end,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var position = start;
        for (var count = 0; end - position >= 8; count++)
        {
            if (count >= MaxChildren) throw new UnsupportedAudioException("The MP4 file has too many atoms.");
            var header = await source.ReadExactlyAsync(position, Math.Min(16, end - position), 16, cancellationToken);
            long size = BinaryPrimitives.ReadUInt32BigEndian(header);
            var type = Encoding.Latin1.GetString(header, 4, 4);
            var headerLength = 8;
            if (size == 1)
            {
                if (header.Length < 16) throw Damaged();
                var large = BinaryPrimitives.ReadUInt64BigEndian(header.AsSpan(8));
                if (large > long.MaxValue) throw Damaged();
                size = (long)large;
                headerLength = 16;
            }
            else if (size == 0)
            {
                size = end - position;
            }
            // A size smaller than its own header would not advance; one past the parent's end lies.
            if (size < headerLength || size > end - position) throw Damaged();
            yield return new Atom(type, position, position + headerLength, position + size);
            position += size;
        }
        // Fewer than 8 bytes left over inside a parent: only zero padding is tolerated.
        if (position != end && end - position < 8 && start != end)
        {
            var rest = await source.ReadExactlyAsync(position, end - position, 8, cancellationToken);
            if (rest.Any(b => b != 0)) throw Damaged();
        }
    }

    private sealed class Track
    {
        public string? Handler;
        public string? Codec;
        public int? SampleRate, Channels;
        public double? MediaDuration;
        public bool NotAac;
    }

    private sealed class Tags
    {
        public string? Title, Album, AlbumArtist, Date, Genre;
        public List<string> Artists = [];
        public int? Track, Total, Disc;
        public EmbeddedPicture? Cover;
    }

    public async Task<AudioInspection> ReadAsync(IByteSource source, CancellationToken cancellationToken)
    {
        Atom? moov = null;
        long mediaBytes = 0;
        var first = true;
        await foreach (var atom in ChildrenAsync(source, 0, source.Length, cancellationToken))
        {
            if (first)
            {
                if (atom.Type != "ftyp" || atom.BodyLength < 8) throw new UnsupportedAudioException("The file is not MP4.");
                await CheckBrandsAsync(source, atom, cancellationToken);
                first = false;
            }
            else if (atom.Type == "moov" && moov is null) moov = atom;
            else if (atom.Type == "mdat") mediaBytes += atom.BodyLength;
        }
        if (moov is null) throw new UnsupportedAudioException("The MP4 file has no movie header (moov).");

        double? movieDuration = null;
        Track? audio = null;
        var tags = new Tags();
        await foreach (var child in ChildrenAsync(source, moov.Value.BodyStart, moov.Value.End, cancellationToken))
        {
            switch (child.Type)
            {
                case "mvhd":
                    movieDuration = await ReadDurationAsync(source, child, cancellationToken);
                    break;
                case "trak":
                    var track = new Track();
                    await WalkTrackAsync(source, child, track, 2, cancellationToken);
                    if (audio is null && track is { Handler: "soun", Codec: not null }) audio = track;
                    else if (audio is null && track is { Handler: "soun", NotAac: true })
                        throw new UnsupportedAudioException("The MP4 audio track is neither AAC nor ALAC.");
                    break;
                case "udta":
                    await WalkUserDataAsync(source, child, tags, cancellationToken);
                    break;
            }
        }
        if (audio is null) throw new UnsupportedAudioException("The MP4 file has no AAC or ALAC audio track.");

        var duration = movieDuration is > 0 ? movieDuration.Value : audio.MediaDuration ?? 0;
        int? bitrate = duration > 0 && mediaBytes > 0 ? (int)Math.Min(int.MaxValue, Math.Round(mediaBytes * 8 / duration)) : null;
        return new AudioInspection(AudioFormat.Mp4, "audio/mp4", audio.Codec!, duration, bitrate, audio.SampleRate, audio.Channels,
            new AudioTags(tags.Title, tags.Artists.Count > 0 ? tags.Artists : null, tags.Album, tags.AlbumArtist, tags.Track, tags.Total,
                tags.Disc, tags.Date, tags.Genre, tags.Cover));
    }

    private static async Task CheckBrandsAsync(IByteSource source, Atom ftyp, CancellationToken cancellationToken)
    {
        var body = await source.ReadExactlyAsync(ftyp.BodyStart, Math.Min(ftyp.BodyLength, 1024), 1024, cancellationToken);
        // The major brand, then (after the minor version) the compatible brands.
        var brands = new List<string> { Encoding.Latin1.GetString(body, 0, 4) };
        for (var at = 8; at + 4 <= body.Length; at += 4) brands.Add(Encoding.Latin1.GetString(body, at, 4));
        if (!brands.Any(Brands.Contains)) throw new UnsupportedAudioException("The file is not an MP4 audio file (unknown brand).");
    }

    /// <summary>Duration of an <c>mvhd</c> or <c>mdhd</c> (version 0: 32-bit fields, version 1: 64-bit), or null when unusable.</summary>
    private static async Task<double?> ReadDurationAsync(IByteSource source, Atom atom, CancellationToken cancellationToken)
    {
        var body = await source.ReadExactlyAsync(atom.BodyStart, Math.Min(atom.BodyLength, 32), 32, cancellationToken);
        if (body.Length < 4) throw Damaged();
        uint timescale;
        ulong duration;
        if (body[0] == 1)
        {
            if (body.Length < 32) throw Damaged();
            timescale = BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(20));
            duration = BinaryPrimitives.ReadUInt64BigEndian(body.AsSpan(24));
        }
        else
        {
            if (body.Length < 20) throw Damaged();
            timescale = BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(12));
            duration = BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(16));
        }
        // All ones means "unknown".
        if (timescale == 0 || duration == ulong.MaxValue || (body[0] == 0 && duration == uint.MaxValue)) return null;
        return (double)duration / timescale;
    }

    /// <summary>trak → mdia → (mdhd, hdlr, minf → stbl → stsd): handler, duration, sample entry.</summary>
    private static async Task WalkTrackAsync(IByteSource source, Atom parent, Track track, int depth, CancellationToken cancellationToken)
    {
        if (depth > MaxDepth) throw new UnsupportedAudioException("The MP4 atoms are nested too deeply.");
        await foreach (var atom in ChildrenAsync(source, parent.BodyStart, parent.End, cancellationToken))
        {
            switch (atom.Type)
            {
                case "mdia" or "minf" or "stbl":
                    await WalkTrackAsync(source, atom, track, depth + 1, cancellationToken);
                    break;
                case "mdhd":
                    track.MediaDuration = await ReadDurationAsync(source, atom, cancellationToken);
                    break;
                case "hdlr":
                    var hdlr = await source.ReadExactlyAsync(atom.BodyStart, Math.Min(atom.BodyLength, 12), 12, cancellationToken);
                    if (hdlr.Length < 12) throw Damaged();
                    track.Handler ??= Encoding.Latin1.GetString(hdlr, 8, 4);
                    break;
                case "stsd" when track.Codec is null:
                    await ReadSampleDescriptionAsync(source, atom, track, cancellationToken);
                    break;
            }
        }
    }

    /// <summary>The first sample entry of <c>stsd</c>: an audio sample entry <c>mp4a</c> (with an AAC <c>esds</c>) or <c>alac</c>.</summary>
    private static async Task ReadSampleDescriptionAsync(IByteSource source, Atom stsd, Track track, CancellationToken cancellationToken)
    {
        if (stsd.BodyLength > MaxSmallAtom) throw new UnsupportedAudioException("The MP4 sample description is too large.");
        var body = await source.ReadExactlyAsync(stsd.BodyStart, stsd.BodyLength, MaxSmallAtom, cancellationToken);
        if (body.Length < 16 || BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(4)) == 0) throw Damaged();
        var entrySize = BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(8));
        var entryType = Encoding.Latin1.GetString(body, 12, 4);
        if (entrySize < 8 || entrySize > body.Length - 8) throw Damaged();
        var entry = body.AsSpan(8, (int)entrySize);
        if (entryType is not ("mp4a" or "alac"))
        {
            track.NotAac = track.Handler == "soun";
            return;
        }
        // Audio sample entry: 8 header, 6 reserved, 2 data reference, 2 version, 6 reserved, channels, sample size, 4, rate 16.16.
        if (entry.Length < 36) throw Damaged();
        // Version 0 is the only one ISO files use; QuickTime's versions 1 and 2 lay the entry out differently.
        if (BinaryPrimitives.ReadUInt16BigEndian(entry[16..]) != 0)
            throw new UnsupportedAudioException("The MP4 audio sample entry has a QuickTime layout this reader does not take.");
        int channels = BinaryPrimitives.ReadUInt16BigEndian(entry[24..]);
        int rate = BinaryPrimitives.ReadUInt16BigEndian(entry[32..]);
        var children = entry[36..];
        if (entryType == "mp4a")
        {
            var esds = FindChild(children, "esds");
            if (esds.IsEmpty || ReadEsds(esds) is not { } config)
            {
                track.NotAac = true;
                return;
            }
            track.Codec = "aac";
            // Writers put 2 in the sample entry whatever the stream holds; the AudioSpecificConfig says what it is.
            if (config.Channels is { } configured) channels = configured;
        }
        else
        {
            track.Codec = "alac";
            // The ALAC magic cookie (version/flags, then frame length, …, channels at 9, sample rate at 20) is exact where 16.16 overflows.
            var cookie = FindChild(children, "alac");
            if (cookie.Length >= 28)
            {
                channels = cookie[13];
                rate = (int)Math.Min(int.MaxValue, BinaryPrimitives.ReadUInt32BigEndian(cookie[24..]));
            }
        }
        if (channels <= 0 || rate <= 0) throw Damaged();
        track.Channels = channels;
        track.SampleRate = rate;
    }

    /// <summary>The body of the first child atom of <paramref name="type"/> in <paramref name="atoms"/>, or empty.</summary>
    private static ReadOnlySpan<byte> FindChild(ReadOnlySpan<byte> atoms, string type)
    {
        var position = 0;
        while (atoms.Length - position >= 8)
        {
            var size = BinaryPrimitives.ReadUInt32BigEndian(atoms[position..]);
            if (size < 8 || size > atoms.Length - position) return [];
            if (Encoding.Latin1.GetString(atoms.Slice(position + 4, 4)) == type) return atoms.Slice(position + 8, (int)size - 8);
            position += (int)size;
        }
        return [];
    }

    /// <summary>
    /// The AAC configuration of an <c>esds</c> (version/flags, then an ES_Descriptor holding a
    /// DecoderConfigDescriptor whose object type is MPEG-4 audio (0x40) or MPEG-2 AAC (0x66–0x68), then
    /// its AudioSpecificConfig), or null when it is not AAC or not readable.
    /// </summary>
    internal static AacConfig? ReadEsds(ReadOnlySpan<byte> esds)
    {
        var position = 4;
        if (!TryDescriptor(esds, ref position, 0x03, out _)) return null;
        if (esds.Length - position < 3) return null;
        var flags = esds[position + 2];
        position += 3;
        if ((flags & 0x80) != 0) position += 2; // depends on ES_ID
        if ((flags & 0x40) != 0)
        {
            if (position >= esds.Length) return null;
            position += 1 + esds[position]; // URL
        }
        if ((flags & 0x20) != 0) position += 2; // OCR ES_ID
        if (position > esds.Length || !TryDescriptor(esds, ref position, 0x04, out var configLength) || configLength < 13) return null;
        if (esds[position] is not (0x40 or 0x66 or 0x67 or 0x68)) return null;
        position += 13; // object type, stream type, buffer size, max and average bitrate
        // DecoderSpecificInfo: the AudioSpecificConfig's first bits, object type (5), frequency index (4), channel configuration (4).
        if (!TryDescriptor(esds, ref position, 0x05, out var infoLength) || infoLength < 2) return new AacConfig(null);
        var bits = esds[position] << 8 | esds[position + 1];
        var frequencyIndex = bits >> 7 & 0xF;
        if (bits >> 11 == 31 || frequencyIndex == 0xF) return new AacConfig(null); // escaped object type or explicit rate: the entry's values stand
        var channelConfiguration = bits >> 3 & 0xF;
        return new AacConfig(channelConfiguration switch { >= 1 and <= 6 => channelConfiguration, 7 => 8, _ => null });
    }

    internal sealed record AacConfig(int? Channels);

    private static bool TryDescriptor(ReadOnlySpan<byte> data, ref int position, byte tag, out int length)
    {
        length = 0;
        if (position >= data.Length || data[position] != tag) return false;
        position++;
        for (var i = 0; i < 4; i++)
        {
            if (position >= data.Length) return false;
            var b = data[position++];
            length = length << 7 | (b & 0x7F);
            if ((b & 0x80) == 0) return length <= data.Length - position;
        }
        return false;
    }

    /// <summary>udta → meta (a full box: 4 bytes of version and flags first) → ilst.</summary>
    private static async Task WalkUserDataAsync(IByteSource source, Atom udta, Tags tags, CancellationToken cancellationToken)
    {
        await foreach (var meta in ChildrenAsync(source, udta.BodyStart, udta.End, cancellationToken))
        {
            if (meta.Type != "meta" || meta.BodyLength < 12) continue;
            // Most writers make meta a full box; QuickTime's own has no version/flags: its first child starts at once.
            var probe = await source.ReadExactlyAsync(meta.BodyStart, 8, 8, cancellationToken);
            var childrenStart = Encoding.Latin1.GetString(probe, 4, 4) is "hdlr" or "ilst" or "free" && BinaryPrimitives.ReadUInt32BigEndian(probe) >= 8
                ? meta.BodyStart
                : meta.BodyStart + 4;
            await foreach (var ilst in ChildrenAsync(source, childrenStart, meta.End, cancellationToken))
            {
                if (ilst.Type != "ilst") continue;
                await foreach (var item in ChildrenAsync(source, ilst.BodyStart, ilst.End, cancellationToken))
                    await ReadItemAsync(source, item, tags, cancellationToken);
            }
        }
    }

    private static async Task ReadItemAsync(IByteSource source, Atom item, Tags tags, CancellationToken cancellationToken)
    {
        if (item.Type is not ("©nam" or "©ART" or "©alb" or "aART" or "trkn" or "disk" or "©day" or "©gen" or "gnre" or "covr")) return;
        await foreach (var data in ChildrenAsync(source, item.BodyStart, item.End, cancellationToken))
        {
            if (data.Type != "data" || data.BodyLength < 8) continue;
            var limit = item.Type == "covr" ? EmbeddedPicture.MaxBytes : MaxTextBytes;
            if (data.BodyLength - 8 > limit) continue; // larger than anything we keep: not read
            var body = await source.ReadExactlyAsync(data.BodyStart, data.BodyLength, limit + 8, cancellationToken);
            var kind = BinaryPrimitives.ReadUInt32BigEndian(body) & 0xFFFFFF;
            var value = body.AsSpan(8);
            switch (item.Type)
            {
                case "©ART":
                    if (Text(kind, value) is { } artist) tags.Artists.Add(artist);
                    break;
                case "©nam": tags.Title ??= Text(kind, value); break;
                case "©alb": tags.Album ??= Text(kind, value); break;
                case "aART": tags.AlbumArtist ??= Text(kind, value); break;
                case "©day": tags.Date ??= Text(kind, value); break;
                case "©gen": tags.Genre = Text(kind, value) ?? tags.Genre; break; // a text genre wins over gnre
                case "gnre":
                    if (kind is 0 or 21 && value.Length >= 2)
                    {
                        var index = BinaryPrimitives.ReadUInt16BigEndian(value) - 1; // ID3v1 genre number + 1
                        tags.Genre ??= Id3Genres.Name(index);
                    }
                    break;
                case "trkn" when kind is 0 or 21 && value.Length >= 6:
                    tags.Track ??= PositiveOrNull(BinaryPrimitives.ReadUInt16BigEndian(value[2..]));
                    tags.Total ??= PositiveOrNull(BinaryPrimitives.ReadUInt16BigEndian(value[4..]));
                    break;
                case "disk" when kind is 0 or 21 && value.Length >= 4:
                    tags.Disc ??= PositiveOrNull(BinaryPrimitives.ReadUInt16BigEndian(value[2..]));
                    break;
                case "covr" when tags.Cover is null && value.Length > 0:
                    var mime = kind switch { 13 => "image/jpeg", 14 => "image/png", _ => ImageTypes.Sniff(value) };
                    if (mime is not null) tags.Cover = new EmbeddedPicture(mime, value.ToArray());
                    break;
            }
        }
    }

    private static int? PositiveOrNull(int value) => value > 0 ? value : null;

    /// <summary>Text of a <c>data</c> atom of type 1 (UTF-8); other types are not text.</summary>
    private static string? Text(uint kind, ReadOnlySpan<byte> value) =>
        kind == 1 ? VorbisComments.Clean(Encoding.UTF8.GetString(value)) : null;
}
