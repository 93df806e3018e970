using System.Buffers.Binary;
using System.Text;
using MusicPlayer.Application.Common.Audio;

namespace MusicPlayer.Infrastructure.Audio;

/// <summary>
/// ID3v2.2, 2.3 and 2.4 tags: text frames in every encoding (ISO-8859-1, UTF-16 with a BOM, UTF-16BE,
/// UTF-8), several values per frame (NUL-separated), whole-tag (2.2, 2.3) and per-frame (2.4)
/// unsynchronisation, extended headers, padding and footers, and the front cover (APIC, 2.2 PIC).
/// Compressed and encrypted frames are skipped. Every length is checked against the bytes there are.
/// </summary>
internal static class Id3v2
{
    public const int HeaderBytes = 10;

    /// <summary>Tag bytes read at most: a cover up to <see cref="EmbeddedPicture.MaxBytes"/> and the text around it.</summary>
    public const int ReadLimit = EmbeddedPicture.MaxBytes + 512 * 1024;

    /// <summary>An ID3v2 header: its version (2, 3, 4), flags, and the whole tag's size with header and footer.</summary>
    public readonly record struct Header(int Version, byte Flags, int BodySize)
    {
        public bool Unsynchronised => (Flags & 0x80) != 0;
        public bool HasExtendedHeader => Version >= 3 && (Flags & 0x40) != 0;
        public bool HasFooter => Version == 4 && (Flags & 0x10) != 0;
        public long TotalSize => HeaderBytes + (long)BodySize + (HasFooter ? HeaderBytes : 0);
    }

    /// <summary>The header at the start of <paramref name="bytes"/>, or null when there is no valid one.</summary>
    public static Header? ReadHeader(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < HeaderBytes || bytes[0] != 'I' || bytes[1] != 'D' || bytes[2] != '3') return null;
        var version = bytes[3];
        if (version is < 2 or > 4 || bytes[4] == 0xFF) return null;
        var size = Synchsafe(bytes.Slice(6, 4));
        return size < 0 ? null : new Header(version, bytes[5], size);
    }

    /// <summary>
    /// Reads the tag's fields from <paramref name="body"/> (the bytes after the 10-byte header, possibly
    /// cut at <see cref="ReadLimit"/>: frames past the cut are ignored).
    /// </summary>
    public static AudioTags Parse(Header header, ReadOnlySpan<byte> body)
    {
        var frames = new Frames();
        // ID3v2.2 with its compression flag set: no compression scheme was ever defined, so no frame can be read.
        if (header.Version == 2 && (header.Flags & 0x40) != 0) return AudioTags.None;
        byte[]? unsynced = null;
        if (header.Unsynchronised && header.Version < 4)
        {
            unsynced = RemoveUnsynchronisation(body);
            body = unsynced;
        }
        var position = 0;
        if (header.HasExtendedHeader)
        {
            if (body.Length < 4) return AudioTags.None;
            long extended = header.Version == 3
                ? BinaryPrimitives.ReadUInt32BigEndian(body) + 4L
                : Synchsafe(body[..4]);
            if (extended < 6 || extended > body.Length) return AudioTags.None;
            position = (int)extended;
        }
        var idLength = header.Version == 2 ? 3 : 4;
        var frameHeader = header.Version == 2 ? 6 : 10;
        while (position + frameHeader <= body.Length)
        {
            var id = body.Slice(position, idLength);
            if (!IsFrameId(id)) break; // padding, or the end of what makes sense
            long size = header.Version switch
            {
                2 => (body[position + 3] << 16) | (body[position + 4] << 8) | body[position + 5],
                3 => BinaryPrimitives.ReadUInt32BigEndian(body.Slice(position + 4, 4)),
                _ => Synchsafe(body.Slice(position + 4, 4)),
            };
            if (size < 0 || size > body.Length - position - frameHeader) break;
            var flags = header.Version == 2 ? 0 : (body[position + 8] << 8) | body[position + 9];
            var data = body.Slice(position + frameHeader, (int)size);
            position += frameHeader + (int)size;
            var name = Encoding.ASCII.GetString(id);
            if (header.Version == 2) name = FromV22(name);
            if (name is null) continue;
            var content = FrameContent(header, flags, data);
            if (content is null) continue;
            frames.Add(name, content);
        }
        return frames.ToTags();
    }

    private static byte[]? FrameContent(Header header, int flags, ReadOnlySpan<byte> data)
    {
        if (header.Version == 3)
        {
            if ((flags & 0x00C0) != 0) return null; // compressed or encrypted
            if ((flags & 0x0020) != 0) data = data.Length >= 1 ? data[1..] : []; // group id
            return data.ToArray();
        }
        if (header.Version == 4)
        {
            if ((flags & 0x000C) != 0) return null; // compressed or encrypted
            if ((flags & 0x0040) != 0) data = data.Length >= 1 ? data[1..] : []; // group id
            if ((flags & 0x0001) != 0) data = data.Length >= 4 ? data[4..] : []; // data length indicator
            return (flags & 0x0002) != 0 || header.Unsynchronised ? RemoveUnsynchronisation(data) : data.ToArray();
        }
        return data.ToArray();
    }

    private static string? FromV22(string id) => id switch
    {
        "TT2" => "TIT2",
        "TP1" => "TPE1",
        "TAL" => "TALB",
        "TP2" => "TPE2",
        "TRK" => "TRCK",
        "TPA" => "TPOS",
        "TYE" => "TYER",
        "TDA" => "TDAT",
        "TCO" => "TCON",
        "PIC" => "PIC",
        _ => null,
    };

    private static bool IsFrameId(ReadOnlySpan<byte> id)
    {
        foreach (var c in id)
            if (c is not ((>= (byte)'A' and <= (byte)'Z') or (>= (byte)'0' and <= (byte)'9'))) return false;
        return true;
    }

    /// <summary>A 28-bit synchsafe integer, or -1 when a byte has its top bit set.</summary>
    public static int Synchsafe(ReadOnlySpan<byte> b)
    {
        if ((b[0] | b[1] | b[2] | b[3]) >= 0x80) return -1;
        return (b[0] << 21) | (b[1] << 14) | (b[2] << 7) | b[3];
    }

    /// <summary>Undoes unsynchronisation: every <c>FF 00</c> becomes <c>FF</c>.</summary>
    public static byte[] RemoveUnsynchronisation(ReadOnlySpan<byte> data)
    {
        var output = new byte[data.Length];
        var count = 0;
        for (var i = 0; i < data.Length; i++)
        {
            output[count++] = data[i];
            if (data[i] == 0xFF && i + 1 < data.Length && data[i + 1] == 0x00) i++;
        }
        return output.AsSpan(0, count).ToArray();
    }

    /// <summary>The NUL-separated values of a text frame's content (its first byte is the encoding).</summary>
    public static List<string> DecodeText(ReadOnlySpan<byte> content)
    {
        var values = new List<string>();
        if (content.Length < 1) return values;
        var encoding = content[0];
        var rest = content[1..];
        while (rest.Length > 0)
        {
            var end = TerminatorIndex(rest, encoding);
            var value = Decode(rest[..(end < 0 ? rest.Length : end)], encoding);
            values.Add(value);
            if (end < 0) break;
            rest = rest[(end + TerminatorLength(encoding))..];
        }
        // A trailing terminator is not an empty last value.
        while (values.Count > 0 && values[^1].Length == 0) values.RemoveAt(values.Count - 1);
        return values;
    }

    private static int TerminatorLength(byte encoding) => encoding is 1 or 2 ? 2 : 1;

    /// <summary>Where the first terminator of the encoding starts in <paramref name="bytes"/>, or -1.</summary>
    public static int TerminatorIndex(ReadOnlySpan<byte> bytes, byte encoding)
    {
        if (encoding is 1 or 2)
        {
            for (var i = 0; i + 1 < bytes.Length; i += 2)
                if (bytes[i] == 0 && bytes[i + 1] == 0) return i;
            return -1;
        }
        return bytes.IndexOf((byte)0);
    }

    public static string Decode(ReadOnlySpan<byte> bytes, byte encoding)
    {
        switch (encoding)
        {
            case 0:
                return Encoding.Latin1.GetString(bytes);
            case 1:
                if (bytes.Length >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF) return Encoding.BigEndianUnicode.GetString(bytes[2..]);
                if (bytes.Length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE) return Encoding.Unicode.GetString(bytes[2..]);
                return Encoding.Unicode.GetString(bytes);
            case 2:
                if (bytes.Length >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF) bytes = bytes[2..];
                return Encoding.BigEndianUnicode.GetString(bytes);
            case 3:
                return Encoding.UTF8.GetString(bytes);
            default:
                return "";
        }
    }

    /// <summary>The frames of one tag, collected and then turned into fields.</summary>
    private sealed class Frames
    {
        private readonly Dictionary<string, List<string>> text = new(StringComparer.Ordinal);
        private EmbeddedPicture? front;
        private EmbeddedPicture? firstPicture;

        public void Add(string id, byte[] content)
        {
            if (id is "APIC" or "PIC")
            {
                AddPicture(id == "PIC", content);
                return;
            }
            if (id[0] != 'T' || text.ContainsKey(id)) return;
            text[id] = DecodeText(content);
        }

        private void AddPicture(bool v22, ReadOnlySpan<byte> content)
        {
            if (content.Length < 2) return;
            var encoding = content[0];
            string mime;
            ReadOnlySpan<byte> rest;
            if (v22)
            {
                if (content.Length < 5) return;
                var format = Encoding.ASCII.GetString(content.Slice(1, 3)).ToUpperInvariant();
                mime = format switch { "JPG" => "image/jpeg", "PNG" => "image/png", _ => "image/" + format.ToLowerInvariant() };
                rest = content[4..];
            }
            else
            {
                var mimeEnd = content[1..].IndexOf((byte)0);
                if (mimeEnd < 0) return;
                mime = Encoding.Latin1.GetString(content.Slice(1, mimeEnd)).Trim().ToLowerInvariant();
                rest = content[(2 + mimeEnd)..];
            }
            if (rest.Length < 1 || mime == "-->") return; // a link, not a picture
            var type = rest[0];
            rest = rest[1..];
            var descriptionEnd = TerminatorIndex(rest, encoding);
            if (descriptionEnd < 0) return;
            var data = rest[(descriptionEnd + TerminatorLength(encoding))..];
            if (data.Length == 0 || data.Length > EmbeddedPicture.MaxBytes) return;
            if (mime is "" or "image/jpg") mime = "image/jpeg";
            if (!mime.Contains('/')) mime = "image/" + mime;
            if (type == 3 && front is null) front = new EmbeddedPicture(mime, data.ToArray());
            else if (firstPicture is null && front is null) firstPicture = new EmbeddedPicture(mime, data.ToArray());
        }

        private string? First(string id)
        {
            if (!text.TryGetValue(id, out var values)) return null;
            return values.Select(v => v.Trim()).FirstOrDefault(v => v.Length > 0);
        }

        public AudioTags ToTags()
        {
            var artists = text.TryGetValue("TPE1", out var values)
                ? values.Select(v => v.Trim()).Where(v => v.Length > 0).ToList()
                : [];
            var (track, total) = NumberPair(First("TRCK"));
            var (disc, _) = NumberPair(First("TPOS"));
            return new AudioTags(
                Title: First("TIT2"),
                Artists: artists.Count > 0 ? artists : null,
                Album: First("TALB"),
                AlbumArtist: First("TPE2"),
                TrackNumber: track,
                TrackTotal: total,
                DiscNumber: disc,
                Date: Date(),
                Genre: Genre(text.TryGetValue("TCON", out var genres) ? genres : []),
                FrontCover: front ?? firstPicture);
        }

        private string? Date()
        {
            var recorded = First("TDRC");
            if (recorded is not null) return recorded;
            var year = First("TYER");
            if (year is null) return null;
            // ID3v2.3 keeps the day apart, as DDMM.
            var dayMonth = First("TDAT");
            if (year.Length == 4 && dayMonth is { Length: 4 } && dayMonth.All(char.IsAsciiDigit))
                return $"{year}-{dayMonth[2..]}-{dayMonth[..2]}";
            return year;
        }
    }

    /// <summary>
    /// The first genre of a TCON frame: a number (ID3v2.4 <c>17</c>), a reference (<c>(17)</c>, <c>(17)Rock</c>,
    /// <c>(RX)</c>, <c>(CR)</c>) or a name. A reference comes before the text that follows it, as mutagen reads it.
    /// </summary>
    public static string? Genre(IEnumerable<string> values)
    {
        foreach (var raw in values)
        {
            var value = raw.Trim();
            if (value.Length == 0) continue;
            if (value.All(char.IsAsciiDigit))
                return value.Length <= 3 ? Id3Genres.Name(int.Parse(value, System.Globalization.CultureInfo.InvariantCulture)) ?? "Unknown" : "Unknown";
            if (value[0] == '(' && !value.StartsWith("((", StringComparison.Ordinal))
            {
                var close = value.IndexOf(')');
                if (close > 1)
                {
                    var reference = value[1..close];
                    if (reference.All(char.IsAsciiDigit))
                        return reference.Length <= 3 ? Id3Genres.Name(int.Parse(reference, System.Globalization.CultureInfo.InvariantCulture)) ?? "Unknown" : "Unknown";
                    if (reference == "RX") return "Remix";
                    if (reference == "CR") return "Cover";
                }
            }
            return value.Replace("((", "(", StringComparison.Ordinal);
        }
        return null;
    }

    /// <summary>A "3/12"-style number and total, as track and disc fields write them.</summary>
    public static (int? Number, int? Total) NumberPair(string? value)
    {
        if (value is null) return (null, null);
        var slash = value.IndexOf('/');
        return slash < 0 ? (Number(value), null) : (Number(value[..slash]), Number(value[(slash + 1)..]));
    }

    public static int? Number(string text)
    {
        text = text.Trim();
        return text.Length is > 0 and <= 9 && text.All(char.IsAsciiDigit)
            ? int.Parse(text, System.Globalization.CultureInfo.InvariantCulture)
            : null;
    }
}
